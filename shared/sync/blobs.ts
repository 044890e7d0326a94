/**
 * Document bytes in bundles (format 5, docs/bundle-format.md « Documents joints »). A document's record (table
 * `attachments`) travels like any record; its bytes are addressed by their SHA-256 and carried once per content,
 * after the compressed JSON inside the encrypted payload, only when the receiver may lack them: a peer that
 * has seen the creation of a record naming that content (its `sha256` field stamp is covered by the delta's
 * base) received the bytes in the same bundle as that record, so they are left out.
 */
import type { CrdtRecord } from '../crdt/record';
import { MAX_ATTACHMENT_BYTES, SHA256_PATTERN } from '../domain/attachment';
import { toHex } from './bytes';
import { sha256 } from './crypto';
import { BundleError, bundleMessages } from './errors';
import { covered, type VersionVector } from './vector';

export const ATTACHMENTS_TABLE = 'attachments';
/** Bytes of documents one bundle may carry (a whole office's scans in a backup stay well below). */
export const MAX_BUNDLE_BLOB_BYTES = 1024 * 1024 * 1024;

export interface BundleBlob {
  sha256: string;
  bytes: Uint8Array;
}

/** What the encrypted JSON says of the bytes after it, in their order. */
export interface BlobDeclaration {
  sha256: string;
  size: number;
}

/**
 * The contents (SHA-256) a peer known to have seen `base` may lack, each once: those of live records whose
 * creation it has not seen, unless another record naming the same content was seen by it (it has the bytes).
 * `base` empty (full bundle): every live record's content.
 */
export function blobsToSend(attachments: Iterable<CrdtRecord>, base: VersionVector): string[] {
  const full = Object.keys(base).length === 0;
  const has = new Set<string>();
  const need = new Set<string>();
  for (const r of attachments) {
    const sha = r.sha256;
    const meta = r._m.sha256;
    if (typeof sha !== 'string' || !meta) continue;
    if (!full && covered(base, meta.s)) has.add(sha);
    else if (r._deleted === 0) need.add(sha);
  }
  return [...need].filter((s) => !has.has(s)).sort();
}

const fail = (detail: string): never => {
  throw new BundleError('invalid-attachment', bundleMessages.invalidAttachment(detail));
};

/**
 * Check the declared documents against the bytes after the JSON (`region`) and the bundle's attachment
 * records, and return each as its own copy (a view would keep — and store — the whole payload buffer).
 * Refused (French message, nothing imported): a malformed list, a size over the limit or not adding up to the
 * region, a content twice, bytes no record of the bundle names with that size, or bytes whose SHA-256 differs.
 */
export async function checkBlobs(declared: unknown, region: Uint8Array, tables: Record<string, CrdtRecord[]>): Promise<BundleBlob[]> {
  if (declared === undefined) {
    if (region.byteLength) fail('octets sans description');
    return [];
  }
  if (!Array.isArray(declared)) fail('liste attendue');
  const list = declared as unknown[];
  const named = new Map<string, Set<number>>();
  for (const r of tables[ATTACHMENTS_TABLE] ?? []) {
    if (typeof r.sha256 !== 'string' || typeof r.size !== 'number') continue;
    let sizes = named.get(r.sha256);
    if (!sizes) named.set(r.sha256, (sizes = new Set()));
    sizes.add(r.size);
  }
  if (list.length > named.size) fail('plus de documents que de fiches qui les nomment');
  const out: BundleBlob[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const d of list) {
    if (!d || typeof d !== 'object' || Array.isArray(d) || Object.keys(d).some((k) => k !== 'sha256' && k !== 'size')) fail('description illisible');
    const { sha256: sha, size } = d as { sha256?: unknown; size?: unknown };
    if (typeof sha !== 'string' || !SHA256_PATTERN.test(sha)) fail('empreinte SHA-256 illisible');
    const hex = sha as string;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) fail(`taille illisible (${hex.slice(0, 12)}…)`);
    const n = size as number;
    if (n > MAX_ATTACHMENT_BYTES) fail(`document de ${Math.ceil(n / 1048576)} Mo, au-delà de la limite de ${MAX_ATTACHMENT_BYTES / 1048576} Mo`);
    if (seen.has(hex)) fail(`le même document figure deux fois (${hex.slice(0, 12)}…)`);
    seen.add(hex);
    if (!named.get(hex)?.has(n)) fail(`document qu'aucune fiche du fichier ne nomme (${hex.slice(0, 12)}…)`);
    if (offset + n > region.byteLength) fail('tailles annoncées plus grandes que le contenu');
    const bytes = region.slice(offset, offset + n);
    offset += n;
    if (toHex(await sha256(bytes)) !== hex) fail(`contenu qui ne correspond pas à son empreinte SHA-256 (${hex.slice(0, 12)}…)`);
    out.push({ sha256: hex, bytes });
  }
  if (offset !== region.byteLength) fail('octets sans description');
  return out;
}
