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

/**
 * Compressed bytes fed per step. A decompressor turns one input chunk into all of its output at once (Chromium's
 * DecompressionStream, fflate's push), so a 1,000 : 1 bomb fed 64 KB at a time inflates 64 MB before anything
 * can stop it. Steps start at 4 KB and double (up to 256 KB) only while the output stays under 64 times the
 * input: honest payloads (≈ 10 : 1) soon go by 256 KB, a bomb stays at 4 KB and is cut within a few megabytes.
 */
const FIRST_STEP = 4096;
const LARGEST_STEP = 262_144;
const PLAUSIBLE_RATIO = 64;

function nextStep(step: number, fed: number, sink: Sink): number {
  return sink.n < fed * PLAUSIBLE_RATIO ? Math.min(step * 2, LARGEST_STEP) : FIRST_STEP;
}

async function inflateNative(compressed: Uint8Array, sink: Sink): Promise<void> {
  const stream = new DecompressionStream('deflate-raw') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Written step by step while reading: each write waits for the reader, so output never runs ahead of the cut.
  const feeding = (async () => {
    let step = FIRST_STEP;
    for (let fed = 0; fed < compressed.byteLength; ) {
      const piece = compressed.subarray(fed, fed + step);
      fed += piece.byteLength;
      await writer.write(piece);
      step = nextStep(step, fed, sink);
    }
    await writer.close();
  })();
  feeding.catch(() => undefined); // its failure shows on the reading side too
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      take(sink, value);
    }
    await feeding;
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    await writer.abort().catch(() => undefined);
    throw e;
  }
}

function inflateFflate(compressed: Uint8Array, sink: Sink): void {
  const inflater = new Inflate((chunk) => take(sink, chunk));
  let step = FIRST_STEP;
  for (let fed = 0; fed < compressed.byteLength; ) {
    const piece = compressed.subarray(fed, fed + step);
    fed += piece.byteLength;
    inflater.push(piece, fed >= compressed.byteLength);
    step = nextStep(step, fed, sink);
  }
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
