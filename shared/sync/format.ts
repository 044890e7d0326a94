/**
 * The bundle file (`.mcpsync`), described in docs/bundle-format.md:
 *
 *   offset 0   8 bytes   magic « MCPSYNC » + 0x1A
 *   offset 8   u16 BE    format version (FORMAT_VERSION)
 *   offset 10  u32 BE    header length H
 *   offset 14  H bytes   header, UTF-8 JSON (bundleHeaderSchema), in clear
 *   then       P bytes   payload: AES-256-GCM(deflate(JSON payload)), AAD = bytes [0, 14 + H)
 *   then       32 bytes  SHA-256 of everything before (tells a damaged copy from a wrong passphrase)
 */
import { z } from '../validation/zod';
import { REPLICA_ID_PATTERN, STAMP_PATTERN } from '../crdt/hlc';
import { KDF_ONE_PBKDF2, KDF_PBKDF2, PBKDF2_ITERATIONS, PBKDF2_MAX_ITERATIONS } from './crypto';
import { MAX_BYTES_PER_LINE, MAX_HISTORY_LINES, type WireHistory } from './history';
import { MAX_ATTACHMENT_BYTES } from '../domain/attachment';
import { ATTACHMENTS_TABLE, MAX_BUNDLE_BLOB_BYTES } from './blobs';

export const BUNDLE_MAGIC = new Uint8Array([0x4d, 0x43, 0x50, 0x53, 0x59, 0x4e, 0x43, 0x1a]); // "MCPSYNC\x1a"
/**
 * 2: header field `duplicatedReplicas`, strict header and payload validation (docs/bundle-format.md). Format 1
 * files are read as they are (nothing of theirs means something else in 2).
 * 3: one PBKDF2 per file (`cipher.kdf` = KDF_ONE_PBKDF2, crypto.ts): the key comes from the passphrase-check
 * derivation through HKDF with the file's salt. Files of formats 1 and 2 are read with their own scheme.
 * 4: history lines travel (payload `history`, header `historyLines`; shared/sync/history.ts). Files of formats
 * 1 to 3 carry none: their import rebuilds lines from the records, marked as rebuilt.
 * 5: documents' bytes after the compressed JSON inside the encrypted payload (`blobBytes`, shared/sync/blobs.ts).
 * Files of formats 1 to 4 are read as they are (no bytes after the JSON); older readers refuse format 5.
 */
export const FORMAT_VERSION = 5;
/** First format whose payload carries history lines. */
export const HISTORY_FORMAT_VERSION = 4;
/** First format carrying documents' bytes after the JSON. */
export const BLOBS_FORMAT_VERSION = 5;
/** The oldest container format this application reads. */
export const OLDEST_FORMAT_VERSION = 1;
export const PREFIX_LENGTH = 14;
export const CHECKSUM_LENGTH = 32;
/** A header is a few kilobytes; anything bigger is not ours. */
export const MAX_HEADER_LENGTH = 1_000_000;
/** Largest payload JSON accepted (a stress-size office is ~70 MB). */
export const MAX_PLAIN_BYTES = 1_500_000_000;
/** Records a bundle may declare (a stress-size office holds ~204,000). */
export const MAX_RECORDS = 5_000_000;
/**
 * Limits derived from the header, checked before decrypting (docs/bundle-format.md « Limits »): the payload
 * JSON may not exceed what its declared records can fill, nor inflate more than MAX_INFLATE_RATIO times.
 */
export const MAX_INFLATE_RATIO = 200;
export const MAX_BYTES_PER_RECORD = 16_384;
/** Form snapshots and conflicts (a losing value up to 1,000,000 characters) may be much larger. */
export const LARGE_RECORD_TABLES: readonly string[] = ['issuedForms', 'conflicts'];
export const MAX_BYTES_PER_LARGE_RECORD = 2_100_000;
export const PAYLOAD_SLACK_BYTES = 65_536;
/** JSON containers (objects, arrays) per payload byte, at most: a wire record has one per 60 bytes or more. */
export const MIN_BYTES_PER_CONTAINER = 12;
export const MAX_JSON_DEPTH = 40;

export function plainBytesLimit(header: Pick<BundleHeader, 'counts' | 'payloadBytes' | 'historyLines' | 'blobBytes'>): number {
  let byCounts = PAYLOAD_SLACK_BYTES + (header.historyLines ?? 0) * MAX_BYTES_PER_LINE;
  for (const [t, n] of Object.entries(header.counts)) byCounts += n * (LARGE_RECORD_TABLES.includes(t) ? MAX_BYTES_PER_LARGE_RECORD : MAX_BYTES_PER_RECORD);
  // Documents' bytes are not inflated: only the compressed JSON before them counts for the ratio.
  const compressed = header.payloadBytes - (header.blobBytes ?? 0);
  return Math.min(MAX_PLAIN_BYTES, byCounts, compressed * MAX_INFLATE_RATIO + PAYLOAD_SLACK_BYTES);
}

/** Greatest `blobBytes` a header may declare: per attachment record at most one document of the largest size. */
export function blobBytesLimit(header: Pick<BundleHeader, 'counts' | 'payloadBytes'>): number {
  return Math.min(MAX_BUNDLE_BLOB_BYTES, (header.counts[ATTACHMENTS_TABLE] ?? 0) * MAX_ATTACHMENT_BYTES, Math.max(0, header.payloadBytes - 16));
}

const stamp = z.string().regex(STAMP_PATTERN);
const replicaId = z.string().regex(REPLICA_ID_PATTERN);
export const versionVectorSchema = z.record(replicaId, stamp);

export const bundleHeaderSchema = z.object({
  bundleId: z.string().min(8).max(64),
  /** Dexie schema version of the sender (CURRENT_SCHEMA_VERSION). */
  schemaVersion: z.number().int().min(0),
  replicaId,
  replicaLabel: z.string().max(80),
  createdAt: z.iso.datetime({ offset: true }),
  kind: z.enum(['full', 'delta']),
  /** What the sender had seen when it made the bundle. */
  vector: versionVectorSchema,
  /** Records covered by this vector were left out (empty for a full bundle). */
  baseVector: versionVectorSchema,
  /** Records per table in the payload. */
  counts: z.record(z.string().max(40), z.number().int().min(0).max(MAX_RECORDS)),
  /** Why the bundle was made (« sync », « export », « sauvegarde »): shown, never trusted. */
  purpose: z.enum(['sync', 'export', 'backup']),
  /** History lines in the payload (format 3; absent: none). */
  historyLines: z.number().int().min(0).max(MAX_HISTORY_LINES).optional(),
  payloadBytes: z.number().int().min(0),
  /** Size of the JSON before compression: lets the reader allocate once (inflate is much faster). */
  plainBytes: z.number().int().min(0).max(MAX_PLAIN_BYTES),
  compression: z.literal('deflate'),
  /** Format 4: bytes of documents after the compressed JSON, inside the ciphertext (shared/sync/blobs.ts). */
  blobBytes: z.number().int().min(0).max(MAX_BUNDLE_BLOB_BYTES).optional(),
  /** Replica ids the sender knows two bases wrote under (format 2; see renderer/sync/identity.ts). */
  duplicatedReplicas: z.array(replicaId).max(200).optional(),
  cipher: z.object({
    name: z.literal('AES-256-GCM'),
    iv: z.string().regex(/^[0-9a-f]{24}$/),
    kdf: z.enum([KDF_PBKDF2, KDF_ONE_PBKDF2]),
    iterations: z.number().int().min(PBKDF2_ITERATIONS).max(PBKDF2_MAX_ITERATIONS),
    salt: z.string().regex(/^[0-9a-f]{32}$/),
    keyCheck: z.string().regex(/^[0-9a-f]{32}$/),
    /** Format 2: salt and value of the passphrase-only check (crypto.ts passphraseCheck). */
    passSalt: z.string().regex(/^[0-9a-f]{32}$/).optional(),
    passCheck: z.string().regex(/^[0-9a-f]{32}$/).optional(),
  }),
});
export type BundleHeader = z.infer<typeof bundleHeaderSchema>;

/** Per synced table, every record (tombstones included) with its per-field stamps. */
export interface BundlePayload {
  tables: Record<string, unknown[]>;
  /** Format 4: history lines, grouped by write (history.ts). */
  history?: WireHistory;
  /** Format 5: the documents' bytes after the JSON, in this order (shared/sync/blobs.ts). */
  blobs?: unknown;
}
