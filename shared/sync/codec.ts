/**
 * Encode and decode bundles. Decoding checks, in this order and each with its own message: empty file, magic,
 * format version, lengths (truncation), SHA-256 (damage), header, schema version, passphrase (key check),
 * GCM tag, then decompression, JSON, migration and record validation. A large unrelated file is refused on
 * its first bytes, without being read further.
 */
import { deflateSync } from 'fflate';
import type { CrdtRecord } from '../crdt/record';
import { formatDuration, MAX_DRIFT_MS, millisOf, replicaOf } from '../crdt/hlc';
import { concatBytes, equalBytes, fromHex, toHex } from './bytes';
import { decrypt, encrypt, encryptionKeys, KDF_ONE_PBKDF2, PBKDF2_ITERATIONS, sha256, unlockFile, type PassphraseInput } from './crypto';
import { syncedTables } from '../domain/tables';
import { BundleError, bundleMessages } from './errors';
import {
  BUNDLE_MAGIC,
  bundleHeaderSchema,
  CHECKSUM_LENGTH,
  BLOBS_FORMAT_VERSION,
  FORMAT_VERSION,
  HISTORY_FORMAT_VERSION,
  MAX_HEADER_LENGTH,
  OLDEST_FORMAT_VERSION,
  MAX_JSON_DEPTH,
  MAX_RECORDS,
  MIN_BYTES_PER_CONTAINER,
  plainBytesLimit,
  blobBytesLimit,
  PREFIX_LENGTH,
  type BundleHeader,
  type BundlePayload,
} from './format';
import { inflateExactly, InflateOverflow } from './inflate';
import { deflatePieces, payloadJsonPieces } from './deflate';
import { migratePayload } from './migrate';
import { validatePayloadTables } from './validate';
import { checkBlobs, MAX_BUNDLE_BLOB_BYTES, type BundleBlob } from './blobs';
import { fromWire, toWire } from './wire';
import { isWireTexts, type WireTexts } from './wireSegments';
import { maxStampOfVector, type VersionVector } from './vector';
import { historyToWire, maxLineStamp, validateHistory, wireLineCount, type HistoryLine } from './history';

export type EncodeProgress = (phase: 'serialisation' | 'compression' | 'chiffrement', fraction: number) => void;

export interface EncodeInput {
  bundleId: string;
  schemaVersion: number;
  replicaId: string;
  replicaLabel: string;
  createdAt: string;
  vector: VersionVector;
  baseVector: VersionVector;
  purpose: BundleHeader['purpose'];
  /** A table's records, or their wire JSON texts already joined (the full export's cache, wireSegments.ts). */
  tables: Record<string, CrdtRecord[] | WireTexts>;
  /** History lines the receiver may lack (format 4), in stamp order so a write's lines are adjacent. */
  history?: readonly HistoryLine[];
  passphrase: PassphraseInput;
  duplicatedReplicas?: string[];
  /** Documents' bytes to carry (format 5), each named by an `attachments` record of `tables`. */
  blobs?: BundleBlob[];
  onProgress?: EncodeProgress;
  /** Tests only: write a different format version in the prefix. */
  formatVersion?: number;
  /** Tests only: a payload (wire form, see wire.ts) that is not what `tables` says (e.g. an invalid record re-encrypted). */
  rawPayload?: unknown;
  /** Tests only: the payload JSON bytes themselves (hostile files); `tables` then only gives the declared counts. */
  rawJson?: Uint8Array;
  /** Tests only: the payload already deflated (a 450 MB bomb built by streaming), with its declared `plainBytes`. */
  rawDeflated?: { bytes: Uint8Array; plainBytes: number };
  /** Tests only: the list of documents written in the JSON, instead of the one `blobs` gives. */
  rawBlobList?: unknown;
}

const textEncoder = new TextEncoder();

function prefixFor(formatVersion: number, headerBytes: Uint8Array): Uint8Array {
  const prefix = new Uint8Array(PREFIX_LENGTH);
  prefix.set(BUNDLE_MAGIC, 0);
  const view = new DataView(prefix.buffer);
  view.setUint16(8, formatVersion);
  view.setUint32(10, headerBytes.byteLength);
  return prefix;
}

export async function encodeBundle(input: EncodeInput): Promise<{ bytes: Uint8Array; header: BundleHeader }> {
  const progress = input.onProgress ?? (() => undefined);
  progress('serialisation', 0);
  const version = input.formatVersion ?? FORMAT_VERSION;
  const withHistory = version >= HISTORY_FORMAT_VERSION;
  const history = withHistory ? historyToWire(input.history ?? []) : undefined;
  const blobs = input.blobs ?? [];
  const blobBytes = blobs.reduce((n, b) => n + b.bytes.byteLength, 0);
  if (blobBytes > MAX_BUNDLE_BLOB_BYTES) throw new BundleError('blobs-too-large', bundleMessages.blobsTooLarge(Math.ceil(blobBytes / 1048576)));
  const blobList = input.rawBlobList ?? (blobs.length ? blobs.map((b) => ({ sha256: b.sha256, size: b.bytes.byteLength })) : undefined);
  // The JSON is written in pieces and deflated by the platform (shared/sync/deflate.ts); test inputs may give
  // their own payload, JSON or deflated bytes.
  let deflated: Uint8Array;
  let plainBytes: number;
  if (input.rawDeflated) {
    ({ bytes: deflated, plainBytes } = input.rawDeflated);
  } else if (input.rawJson) {
    deflated = deflateSync(input.rawJson, { level: 6 });
    plainBytes = input.rawJson.byteLength;
  } else {
    const pieces =
      input.rawPayload !== undefined
        ? [JSON.stringify(input.rawPayload)]
        : payloadJsonPieces({
            tables: Object.fromEntries(Object.entries(input.tables).map(([t, rows]) => [t, isWireTexts(rows) ? rows : rows.map(toWire)])),
            ...(history ? { history } : {}),
            ...(blobList !== undefined ? { blobs: blobList } : {}),
          });
    progress('compression', 0.3);
    // Documents are stored compressed already (PDF, JPEG, docx): only the JSON is deflated, the bytes follow it.
    ({ bytes: deflated, plainBytes } = await deflatePieces(pieces));
  }
  const compressed = blobs.length ? concatBytes(deflated, ...blobs.map((b) => b.bytes)) : deflated;
  progress('chiffrement', 0.7);
  const keys = await encryptionKeys(input.passphrase, input.formatVersion ?? FORMAT_VERSION);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const counts: Record<string, number> = {};
  const counted = (input.rawPayload as BundlePayload | undefined)?.tables ?? input.tables;
  for (const [t, rows] of Object.entries(counted)) {
    if (Array.isArray(rows)) counts[t] = rows.length;
    else if (isWireTexts(rows)) counts[t] = rows.count;
  }
  const header: BundleHeader = {
    bundleId: input.bundleId,
    schemaVersion: input.schemaVersion,
    replicaId: input.replicaId,
    replicaLabel: input.replicaLabel.slice(0, 80),
    createdAt: input.createdAt,
    kind: Object.keys(input.baseVector).length === 0 ? 'full' : 'delta',
    vector: input.vector,
    baseVector: input.baseVector,
    counts,
    purpose: input.purpose,
    ...(withHistory ? { historyLines: input.rawPayload ? wireLineCount((input.rawPayload as BundlePayload).history) : wireLineCount(history) } : {}),
    payloadBytes: compressed.byteLength + 16, // GCM tag
    plainBytes,
    compression: 'deflate',
    ...((input.formatVersion ?? FORMAT_VERSION) >= BLOBS_FORMAT_VERSION ? { blobBytes } : {}),
    ...(input.duplicatedReplicas?.length ? { duplicatedReplicas: input.duplicatedReplicas.slice(-200) } : {}),
    cipher: {
      name: 'AES-256-GCM',
      iv: toHex(iv),
      kdf: keys.kdf,
      iterations: keys.iterations,
      salt: keys.salt,
      keyCheck: keys.check,
      ...((input.formatVersion ?? FORMAT_VERSION) >= 2 ? { passSalt: keys.passSalt, passCheck: keys.passCheck } : {}),
    },
  };
  const headerBytes = textEncoder.encode(JSON.stringify(header));
  const aad = concatBytes(prefixFor(input.formatVersion ?? FORMAT_VERSION, headerBytes), headerBytes);
  const cipher = await encrypt(keys.key, iv, aad, compressed);
  const body = concatBytes(aad, cipher);
  const bytes = concatBytes(body, await sha256(body));
  progress('chiffrement', 1);
  return { bytes, header };
}

export interface OpenedHeader {
  header: BundleHeader;
  formatVersion: number;
  aad: Uint8Array;
  cipher: Uint8Array;
}

/** Everything that can be checked without the passphrase. */
export async function readBundleHeader(bytes: Uint8Array, currentSchemaVersion: number): Promise<OpenedHeader> {
  if (bytes.byteLength === 0) throw new BundleError('empty', bundleMessages.empty);
  if (bytes.byteLength < BUNDLE_MAGIC.byteLength || !equalBytes(bytes.subarray(0, BUNDLE_MAGIC.byteLength), BUNDLE_MAGIC)) {
    throw new BundleError('not-bundle', bundleMessages.notBundle);
  }
  if (bytes.byteLength < PREFIX_LENGTH) throw new BundleError('truncated', bundleMessages.truncated);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const formatVersion = view.getUint16(8);
  if (formatVersion > FORMAT_VERSION) throw new BundleError('format-newer', bundleMessages.formatNewer(formatVersion));
  if (formatVersion < OLDEST_FORMAT_VERSION) throw new BundleError('corrupt', bundleMessages.corrupt);
  const headerLength = view.getUint32(10);
  if (headerLength > MAX_HEADER_LENGTH) throw new BundleError('corrupt', bundleMessages.corrupt);
  const headerEnd = PREFIX_LENGTH + headerLength;
  if (bytes.byteLength < headerEnd + CHECKSUM_LENGTH) throw new BundleError('truncated', bundleMessages.truncated);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX_LENGTH, headerEnd)));
  } catch {
    // A header that does not parse is damage (the checksum below would say the same, but costs a full hash).
    throw new BundleError('corrupt', bundleMessages.corrupt);
  }
  const payloadBytes = (raw as { payloadBytes?: unknown } | null)?.payloadBytes;
  if (typeof payloadBytes !== 'number' || !Number.isSafeInteger(payloadBytes) || payloadBytes < 0) throw new BundleError('corrupt', bundleMessages.corrupt);
  const expected = headerEnd + payloadBytes + CHECKSUM_LENGTH;
  if (bytes.byteLength < expected) throw new BundleError('truncated', bundleMessages.truncated);
  if (bytes.byteLength > expected) throw new BundleError('corrupt', bundleMessages.corrupt);
  const body = bytes.subarray(0, expected - CHECKSUM_LENGTH);
  if (!equalBytes(await sha256(body), bytes.subarray(expected - CHECKSUM_LENGTH))) throw new BundleError('corrupt', bundleMessages.corrupt);
  // Intact bytes (the checksum matched) with a header this application never writes: someone edited it.
  const parsed = bundleHeaderSchema.safeParse(raw);
  if (!parsed.success) throw new BundleError('modified', bundleMessages.modified);
  const header = parsed.data;
  if (formatVersion >= 2 && (!header.cipher.passSalt || !header.cipher.passCheck)) throw new BundleError('modified', bundleMessages.modified);
  // From format 3 one scheme only (one PBKDF2 at the fixed count); older formats never used it.
  if ((formatVersion >= 3) !== (header.cipher.kdf === KDF_ONE_PBKDF2)) throw new BundleError('modified', bundleMessages.modified);
  if (formatVersion >= 3 && header.cipher.iterations !== PBKDF2_ITERATIONS) throw new BundleError('modified', bundleMessages.modified);
  if ((formatVersion >= HISTORY_FORMAT_VERSION) !== (header.historyLines !== undefined)) throw new BundleError('modified', bundleMessages.modified);
  if (Object.keys(header.counts).some((t) => !Object.hasOwn(syncedTables, t))) throw new BundleError('modified', bundleMessages.modified);
  // Documents' bytes exist from format 5 on, and at most one largest document per attachment record.
  if (header.blobBytes !== undefined && formatVersion < BLOBS_FORMAT_VERSION) throw new BundleError('modified', bundleMessages.modified);
  if ((header.blobBytes ?? 0) > blobBytesLimit(header)) throw new BundleError('too-large', bundleMessages.tooLarge);
  const declared = Object.values(header.counts).reduce((n, c) => n + c, 0);
  if (declared > MAX_RECORDS || header.plainBytes > plainBytesLimit(header)) throw new BundleError('too-large', bundleMessages.tooLarge);
  if (header.schemaVersion > currentSchemaVersion) throw new BundleError('schema-newer', bundleMessages.schemaNewer(header.schemaVersion, currentSchemaVersion));
  return { header, formatVersion, aad: bytes.subarray(0, headerEnd), cipher: bytes.subarray(headerEnd, expected - CHECKSUM_LENGTH) };
}

/**
 * Containers (objects and arrays) and greatest nesting of a JSON text, without parsing it, fed chunk by chunk
 * as the payload inflates (so a container bomb is stopped after its first megabytes, not once inflated).
 */
export class JsonShapeScan {
  containers = 0;
  /** Greatest nesting so far. */
  depth = 0;
  private level = 0;
  private inString = false;
  private escaped = false;

  push(bytes: Uint8Array): void {
    let { containers, level, depth, inString, escaped } = this;
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i]!;
      if (escaped) escaped = false;
      else if (inString) {
        if (c === 0x5c) escaped = true; // backslash: skip the escaped byte (maybe in the next chunk)
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) {
        containers++;
        if (++level > depth) depth = level;
      } else if (c === 0x7d || c === 0x5d) level--;
    }
    Object.assign(this, { containers, level, depth, inString, escaped });
  }
}

export function jsonShape(bytes: Uint8Array): { containers: number; depth: number } {
  const scan = new JsonShapeScan();
  scan.push(bytes);
  return { containers: scan.containers, depth: scan.depth };
}

export interface DecodedBundle {
  header: BundleHeader;
  tables: Record<string, CrdtRecord[]>;
  recordCount: number;
  /** History lines carried (format 4), validated. */
  history: HistoryLine[];
  /** False for files of formats 1 to 3: they carry no lines (the import rebuilds them from the records). */
  historyCarried: boolean;
  /** Documents' bytes, checked against their SHA-256 and the bundle's attachment records (format 5). */
  blobs: BundleBlob[];
}

/**
 * Refuse a bundle holding a stamp (record field, history or vector) further ahead of this workstation's wall
 * clock than MAX_DRIFT_MS: the message names the workstation whose clock is ahead and by how much.
 */
export function checkClockDrift(header: BundleHeader, tables: Record<string, CrdtRecord[]>, now: number, maxDrift = MAX_DRIFT_MS, history: readonly HistoryLine[] = []): void {
  let max = maxStampOfVector(header.vector);
  const b = maxStampOfVector(header.baseVector);
  if (b > max) max = b;
  const l = maxLineStamp(history);
  if (l > max) max = l;
  for (const rows of Object.values(tables)) {
    for (const r of rows) {
      for (const k in r._m) {
        const meta = r._m[k]!;
        if (meta.s > max) max = meta.s;
        if (meta.h) for (const r2 in meta.h) if (meta.h[r2]! > max) max = meta.h[r2]!;
      }
    }
  }
  if (!max) return;
  const ahead = millisOf(max) - now;
  if (ahead <= maxDrift) return;
  const replica = replicaOf(max);
  const who = replica === header.replicaId ? `du poste « ${header.replicaLabel} »` : `d'un poste dont « ${header.replicaLabel} » relaie les modifications (identifiant ${replica})`;
  throw new BundleError('clock-ahead', bundleMessages.clockAhead(who, formatDuration(ahead), formatDuration(maxDrift)));
}

export interface DecodeOptions {
  /** Wall clock of the receiver, for the drift limit (Date.now by default). */
  now?: number;
  /**
   * Called as the decode moves on (each step, each inflated chunk): a sign of life for the page's watchdog, which
   * then waits for a stalled decode rather than for a slow one on a busy PC.
   */
  onProgress?: () => void;
}

export async function decodeBundle(bytes: Uint8Array, passphrase: PassphraseInput, currentSchemaVersion: number, options: DecodeOptions = {}): Promise<DecodedBundle> {
  const { header, formatVersion, aad, cipher } = await readBundleHeader(bytes, currentSchemaVersion);
  if (!passphrase) throw new BundleError('no-passphrase', bundleMessages.noPassphrase);
  // Formats 2 to 4: the passphrase is checked on its own first, so an edited salt / iteration count / key check
  // is reported as a modified file, not as a wrong passphrase (formats 3 and 4: after one PBKDF2, see crypto.ts).
  const alive = options.onProgress ?? (() => {});
  const keys = await unlockFile(passphrase, header.cipher);
  alive();
  if (keys === 'wrong-passphrase') throw new BundleError('wrong-passphrase', bundleMessages.wrongPassphrase);
  if (keys === 'modified') throw new BundleError('modified', bundleMessages.modified);
  let decrypted: Uint8Array;
  try {
    decrypted = await decrypt(keys.key, fromHex(header.cipher.iv), aad, cipher);
    alive();
  } catch {
    // The checksum matched, so these are the bytes the file was given: edited after encryption.
    throw new BundleError('modified', bundleMessages.modified);
  }
  const blobBytes = header.blobBytes ?? 0;
  if (blobBytes > decrypted.byteLength) throw new BundleError('modified', bundleMessages.modified);
  const compressed = decrypted.subarray(0, decrypted.byteLength - blobBytes);
  const blobRegion = decrypted.subarray(decrypted.byteLength - blobBytes);
  let payload: BundlePayload;
  let plain: Uint8Array;
  // Before JSON.parse builds anything: as many containers as real records can hold, bounded nesting — counted
  // while inflating, and the stream is cut at the declared size, so a bomb stops after its first megabytes.
  const scan = new JsonShapeScan();
  const maxContainers = header.plainBytes / MIN_BYTES_PER_CONTAINER + 64;
  try {
    plain = await inflateExactly(compressed, header.plainBytes, undefined, (chunk) => {
      scan.push(chunk);
      alive();
      if (scan.containers > maxContainers || scan.depth > MAX_JSON_DEPTH) throw new InflateOverflow();
    });
  } catch (e) {
    throw e instanceof InflateOverflow ? new BundleError('too-large', bundleMessages.tooLarge) : new BundleError('corrupt', bundleMessages.corrupt);
  }
  if (plain.byteLength !== header.plainBytes) throw new BundleError('too-large', bundleMessages.tooLarge);
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)) as BundlePayload;
    alive();
  } catch {
    throw new BundleError('corrupt', bundleMessages.corrupt);
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload) || !payload.tables || typeof payload.tables !== 'object' || Array.isArray(payload.tables)) {
    throw new BundleError('invalid-record', bundleMessages.invalidRecord('?', '?', 'contenu illisible.'));
  }
  for (const [t, rows] of Object.entries(payload.tables)) {
    if (!Array.isArray(rows) || rows.length !== (Object.hasOwn(header.counts, t) ? header.counts[t] : 0)) {
      throw new BundleError('modified', bundleMessages.modified);
    }
  }
  // Lines only from format 4, as many as the header says (the header is authenticated with the payload).
  const rawHistory = payload.history;
  const historyCarried = formatVersion >= HISTORY_FORMAT_VERSION;
  if (!historyCarried && rawHistory !== undefined) throw new BundleError('modified', bundleMessages.modified);
  const history = validateHistory(rawHistory);
  if (history.length !== (header.historyLines ?? 0)) throw new BundleError('modified', bundleMessages.modified);
  const blobList = payload.blobs;
  payload = { tables: Object.fromEntries(Object.entries(payload.tables).map(([t, rows]) => [t, Array.isArray(rows) ? rows.map(fromWire) : rows])) };
  payload = migratePayload(payload, header.schemaVersion, currentSchemaVersion);
  alive();
  const tables = validatePayloadTables(payload.tables);
  alive();
  checkClockDrift(header, tables, options.now ?? Date.now(), MAX_DRIFT_MS, history);
  const blobs = await checkBlobs(blobList, blobRegion, tables);
  const recordCount = Object.values(tables).reduce((n, rs) => n + rs.length, 0);
  return { header, tables, recordCount, history, historyCarried, blobs };
}
