/**
 * Inflate a bundle payload into exactly the size its header declares, and stop as soon as the stream gives more.
 * fflate's `inflateSync` with a fixed output buffer silently truncates but still decodes the whole stream: a
 * 441 KB file inflating to 450 MB, declaring a size its ratio allows, kept the worker busy for many seconds
 * before being refused. Here the stream is cut at the first byte past the declared size.
 *
 * The platform's DecompressionStream (browsers, workers, Node ≥ 18: native zlib, several times faster than
 * fflate's JavaScript) is used when present; fflate's streaming `Inflate` otherwise.
 */
import { Inflate } from 'fflate';

/** The stream holds more than the declared size (a bomb or an edited header). */
export class InflateOverflow extends Error {
  constructor() {
    super('contenu plus grand que déclaré');
  }
}

interface Sink {
  out: Uint8Array;
  n: number;
  /** Sees every chunk before it is kept; throws to stop the stream (InflateOverflow for « too large »). */
  inspect?: ((chunk: Uint8Array) => void) | undefined;
}

function take(sink: Sink, chunk: Uint8Array): void {
  if (sink.n + chunk.byteLength > sink.out.byteLength) throw new InflateOverflow();
  sink.inspect?.(chunk);
  sink.out.set(chunk, sink.n);
  sink.n += chunk.byteLength;
}

async function inflateNative(compressed: Uint8Array, sink: Sink): Promise<void> {
  const input = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(compressed);
      c.close();
    },
  });
  const reader = input.pipeThrough(new DecompressionStream('deflate-raw') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    try {
      take(sink, value);
    } catch (e) {
      await reader.cancel().catch(() => undefined);
      throw e;
    }
  }
}

function inflateFflate(compressed: Uint8Array, sink: Sink): void {
  const inflater = new Inflate((chunk) => take(sink, chunk));
  const step = 1 << 16;
  for (let i = 0; i < compressed.byteLength; i += step) inflater.push(compressed.subarray(i, i + step), i + step >= compressed.byteLength);
  if (compressed.byteLength === 0) inflater.push(new Uint8Array(0), true);
}

/**
 * The inflated bytes, or throws InflateOverflow (more than `size`) or another error (not a deflate stream).
 * Fewer bytes than `size` come back as a shorter array (the caller compares the length).
 */
export async function inflateExactly(compressed: Uint8Array, size: number, native = typeof DecompressionStream === 'function', inspect?: (chunk: Uint8Array) => void): Promise<Uint8Array> {
  const sink: Sink = { out: new Uint8Array(size), n: 0, inspect };
  if (native) await inflateNative(compressed, sink);
  else inflateFflate(compressed, sink);
  return sink.n === size ? sink.out : sink.out.subarray(0, sink.n);
}
