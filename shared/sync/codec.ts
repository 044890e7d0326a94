/**
 * Encode and decode bundles. Decoding checks, in this order and each with its own message: empty file, magic,
 * format version, lengths (truncation), SHA-256 (damage), header, schema version, passphrase (key check),
 * GCM tag, then decompression, JSON, migration and record validation. A large unrelated file is refused on
 * its first bytes, without being read further.
 */
import { deflateSync, inflateSync } from 'fflate';
import type { CrdtRecord } from '../crdt/record';
import { formatDuration, MAX_DRIFT_MS, millisOf, replicaOf } from '../crdt/hlc';
import { concatBytes, equalBytes, fromHex, toHex } from './bytes';
import { decrypt, deriveKeys, encrypt, encryptionKeys, sha256 } from './crypto';
import { BundleError, bundleMessages } from './errors';
import {
  BUNDLE_MAGIC,
  bundleHeaderSchema,
  CHECKSUM_LENGTH,
  FORMAT_VERSION,
  MAX_HEADER_LENGTH,
  OLDEST_FORMAT_VERSION,
  PREFIX_LENGTH,
  type BundleHeader,
  type BundlePayload,
} from './format';
import { migratePayload } from './migrate';
import { validatePayloadTables } from './validate';
import { fromWire, toWire } from './wire';
import { maxStampOfVector, type VersionVector } from './vector';

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
  tables: Record<string, CrdtRecord[]>;
  passphrase: string;
  duplicatedReplicas?: string[];
  onProgress?: EncodeProgress;
  /** Tests only: write a different format version in the prefix. */
  formatVersion?: number;
  /** Tests only: a payload (wire form, see wire.ts) that is not what `tables` says (e.g. an invalid record re-encrypted). */
  rawPayload?: unknown;
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
  const payload: unknown =
    input.rawPayload ?? { tables: Object.fromEntries(Object.entries(input.tables).map(([t, rows]) => [t, rows.map(toWire)])) };
  const json = textEncoder.encode(JSON.stringify(payload));
  progress('compression', 0.3);
  const compressed = deflateSync(json, { level: 6 });
  progress('chiffrement', 0.7);
  const keys = await encryptionKeys(input.passphrase);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const counts: Record<string, number> = {};
  for (const [t, rows] of Object.entries(input.tables)) counts[t] = rows.length;
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
    payloadBytes: compressed.byteLength + 16, // GCM tag
    plainBytes: json.byteLength,
    compression: 'deflate',
    ...(input.duplicatedReplicas?.length ? { duplicatedReplicas: input.duplicatedReplicas.slice(-200) } : {}),
    cipher: { name: 'AES-256-GCM', iv: toHex(iv), kdf: 'PBKDF2-SHA-256', iterations: keys.iterations, salt: keys.salt, keyCheck: keys.check },
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
  let header: BundleHeader;
  try {
    header = bundleHeaderSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX_LENGTH, headerEnd))));
  } catch {
    // A header that does not parse is damage (the checksum below would say the same, but costs a full hash).
    throw new BundleError(bytes.byteLength < headerEnd + CHECKSUM_LENGTH ? 'truncated' : 'corrupt', bundleMessages.corrupt);
  }
  const expected = headerEnd + header.payloadBytes + CHECKSUM_LENGTH;
  if (bytes.byteLength < expected) throw new BundleError('truncated', bundleMessages.truncated);
  if (bytes.byteLength > expected) throw new BundleError('corrupt', bundleMessages.corrupt);
  const body = bytes.subarray(0, expected - CHECKSUM_LENGTH);
  if (!equalBytes(await sha256(body), bytes.subarray(expected - CHECKSUM_LENGTH))) throw new BundleError('corrupt', bundleMessages.corrupt);
  if (header.schemaVersion > currentSchemaVersion) throw new BundleError('schema-newer', bundleMessages.schemaNewer(header.schemaVersion, currentSchemaVersion));
  return { header, aad: bytes.subarray(0, headerEnd), cipher: bytes.subarray(headerEnd, expected - CHECKSUM_LENGTH) };
}

export interface DecodedBundle {
  header: BundleHeader;
  tables: Record<string, CrdtRecord[]>;
  recordCount: number;
}

/**
 * Refuse a bundle holding a stamp (record field, history or vector) further ahead of this workstation's wall
 * clock than MAX_DRIFT_MS: the message names the workstation whose clock is ahead and by how much.
 */
export function checkClockDrift(header: BundleHeader, tables: Record<string, CrdtRecord[]>, now: number, maxDrift = MAX_DRIFT_MS): void {
  let max = maxStampOfVector(header.vector);
  const b = maxStampOfVector(header.baseVector);
  if (b > max) max = b;
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
}

export async function decodeBundle(bytes: Uint8Array, passphrase: string, currentSchemaVersion: number, options: DecodeOptions = {}): Promise<DecodedBundle> {
  const { header, aad, cipher } = await readBundleHeader(bytes, currentSchemaVersion);
  if (!passphrase) throw new BundleError('no-passphrase', bundleMessages.noPassphrase);
  const keys = await deriveKeys(passphrase, header.cipher.salt, header.cipher.iterations);
  if (keys.check !== header.cipher.keyCheck) throw new BundleError('wrong-passphrase', bundleMessages.wrongPassphrase);
  let compressed: Uint8Array;
  try {
    compressed = await decrypt(keys.key, fromHex(header.cipher.iv), aad, cipher);
  } catch {
    throw new BundleError('corrupt', bundleMessages.corrupt);
  }
  let payload: BundlePayload;
  try {
    const plain = inflateSync(compressed, { out: new Uint8Array(header.plainBytes) });
    if (plain.byteLength !== header.plainBytes) throw new Error('taille');
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)) as BundlePayload;
  } catch {
    throw new BundleError('corrupt', bundleMessages.corrupt);
  }
  if (!payload || typeof payload !== 'object' || !payload.tables || typeof payload.tables !== 'object') {
    throw new BundleError('invalid-record', bundleMessages.invalidRecord('?', '?', 'contenu illisible.'));
  }
  payload = { tables: Object.fromEntries(Object.entries(payload.tables).map(([t, rows]) => [t, Array.isArray(rows) ? rows.map(fromWire) : rows])) };
  payload = migratePayload(payload, header.schemaVersion, currentSchemaVersion);
  const tables = validatePayloadTables(payload.tables);
  checkClockDrift(header, tables, options.now ?? Date.now());
  const recordCount = Object.values(tables).reduce((n, rs) => n + rs.length, 0);
  return { header, tables, recordCount };
}
