/**
 * The bundle's JSON, written in pieces and deflated by the platform.
 *
 * One `JSON.stringify` of ≈ 200,000 records is one string of tens of megabytes, then a copy as UTF-8, then
 * fflate's deflate in JavaScript: the slowest part of a full export after reading the base. Here the JSON is
 * built as a list of pieces (one per batch of records) whose concatenation is exactly `JSON.stringify(payload)`,
 * and the pieces go through the platform's `CompressionStream('deflate-raw')` (zlib in native code in Chromium,
 * Electron and Node) without ever being joined. The output is the same raw DEFLATE format fflate writes, so
 * every reader of bundles (shared/sync/inflate.ts) is unchanged. Where the platform has no CompressionStream,
 * fflate does it as before.
 */
import { deflateSync } from 'fflate';
import { isWireTexts, type WireTexts } from './wireSegments';

/** Records per JSON piece (≈ 0.5 MB of text): the per-piece cost vanishes, and no string grows with the base. */
const ROWS_PER_PIECE = 2_000;

export interface PayloadParts {
  /** A table's records, or their JSON texts already joined (the full export's cache, wireSegments.ts). */
  tables: Record<string, readonly unknown[] | WireTexts>;
  history?: unknown;
  blobs?: unknown;
}

/** Pieces whose concatenation is `JSON.stringify({ tables, history?, blobs? })`, the same bytes to the last one. */
export function payloadJsonPieces(payload: PayloadParts): string[] {
  const out: string[] = ['{"tables":{'];
  let firstTable = true;
  for (const [name, rows] of Object.entries(payload.tables)) {
    out.push(`${firstTable ? '' : ','}${JSON.stringify(name)}:[`);
    firstTable = false;
    if (isWireTexts(rows)) {
      rows.texts.forEach((t, i) => out.push((i ? ',' : '') + t));
      out.push(']');
      continue;
    }
    for (let i = 0; i < rows.length; i += ROWS_PER_PIECE) {
      const batch = rows.slice(i, i + ROWS_PER_PIECE);
      // An array's JSON is its elements' JSON joined by commas (records are objects, never undefined).
      out.push((i ? ',' : '') + batch.map((r) => JSON.stringify(r)).join(','));
    }
    out.push(']');
  }
  out.push('}');
  if (payload.history !== undefined) out.push(',"history":', JSON.stringify(payload.history));
  if (payload.blobs !== undefined) out.push(',"blobs":', JSON.stringify(payload.blobs));
  out.push('}');
  return out;
}

const encoder = new TextEncoder();

/** Raw DEFLATE of the pieces' UTF-8 bytes, and that plain length. */
export async function deflatePieces(pieces: readonly string[]): Promise<{ bytes: Uint8Array; plainBytes: number }> {
  if (typeof CompressionStream === 'function' && typeof Blob === 'function' && typeof Response === 'function') {
    // A Blob of strings holds their UTF-8 bytes; it is streamed in chunks into the platform's compressor.
    const blob = new Blob(pieces as string[]);
    const stream = blob.stream().pipeThrough(new CompressionStream('deflate-raw'));
    return { bytes: new Uint8Array(await new Response(stream).arrayBuffer()), plainBytes: blob.size };
  }
  const plain = encoder.encode(pieces.join(''));
  return { bytes: deflateSync(plain, { level: 6 }), plainBytes: plain.byteLength };
}
