/**
 * Per-field state of a replicated record.
 *
 * Every field carries the stamp of the write that set it (`s`) and that write's causal history for the
 * field (`h`: per replica, the greatest stamp of that replica's writes to the field the writer had seen).
 * `h` tells a later write apart from a concurrent one: an incoming value whose history covers the local
 * stamp was written knowing the local value (no conflict); otherwise both were written without seeing each
 * other, the greater stamp wins and the loser is kept as a conflict. `h` is omitted when it only holds the
 * writer's own entry, which is the common case.
 *
 * Deletion is the field `_deleted` (0 | 1) like any other; its history is the whole record's history at the
 * time of deletion, so an edit the deleting replica had not seen is detected as a delete/edit conflict.
 */
import { replicaOf, type Stamp } from './hlc';

export interface FieldMeta {
  s: Stamp;
  h?: Record<string, Stamp>;
}

export type MetaMap = Record<string, FieldMeta>;

export interface CrdtRecord {
  id: string;
  _deleted: 0 | 1;
  _m: MetaMap;
  /** Stored copies only (see `withIndexFields`): greatest field stamp, indexed. Never in a bundle. */
  _ts?: Stamp;
  /** Stored copies only: the replicas of the field stamps (multi-entry index). Never in a bundle. */
  _r?: string[];
  /** Stored copies only: folded sort keys of the lists (shared/search/listKeys.ts). Never in a bundle. */
  _k?: object;
  [field: string]: unknown;
}

export const DELETED_FIELD = '_deleted';
/** Top-level fields the database keeps for its indexes only: derived from `_m`, never user data or bundle content. */
export const INDEX_FIELDS: readonly string[] = ['_ts', '_r', '_k'];
/** Fields that are bookkeeping, never user data. */
export const RESERVED_FIELDS: ReadonlySet<string> = new Set(['id', '_m', ...INDEX_FIELDS]);

export function historyOf(meta: FieldMeta): Record<string, Stamp> {
  return meta.h ?? { [replicaOf(meta.s)]: meta.s };
}

/** Has the write behind `meta` seen the write stamped `stamp`? */
export function covers(meta: FieldMeta, stamp: Stamp): boolean {
  if (meta.s === stamp) return true;
  const seen = historyOf(meta)[replicaOf(stamp)];
  return seen !== undefined && seen >= stamp;
}

export function joinHistories(...histories: Record<string, Stamp>[]): Record<string, Stamp> {
  const out: Record<string, Stamp> = {};
  for (const h of histories) {
    for (const [replica, stamp] of Object.entries(h)) {
      const prev = out[replica];
      if (prev === undefined || stamp > prev) out[replica] = stamp;
    }
  }
  return out;
}

/** Drop `h` when it says nothing beyond the writer's own stamp. */
export function compactMeta(s: Stamp, h: Record<string, Stamp>): FieldMeta {
  const keys = Object.keys(h);
  if (keys.length === 1 && h[replicaOf(s)] === s) return { s };
  return { s, h };
}

/** Structural equality for JSON-like values (field values are JSON-safe by schema). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => sameValue(ao[k], bo[k]));
}

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/**
 * Apply a local edit: every field of `patch` whose value differs gets `stamp` and a history that covers
 * what this replica knew of the field. Returns the new record and the list of actual changes.
 */
export function applyLocalEdit(
  existing: CrdtRecord | undefined,
  id: string,
  patch: Record<string, unknown>,
  stamp: Stamp,
): { record: CrdtRecord; changes: FieldChange[] } {
  const record: CrdtRecord = existing
    ? { ...existing, _m: { ...existing._m } }
    : { id, _deleted: 0, _m: {} };
  const replica = replicaOf(stamp);
  const changes: FieldChange[] = [];
  const fields = existing ? Object.keys(patch) : [DELETED_FIELD, ...Object.keys(patch)];
  for (const field of fields) {
    if (RESERVED_FIELDS.has(field)) continue;
    const value = field === DELETED_FIELD && !(field in patch) ? 0 : patch[field];
    const old = existing ? existing[field] : undefined;
    if (existing && field in existing._m && sameValue(old, value)) continue;
    const prev = record._m[field];
    const h = joinHistories(prev ? historyOf(prev) : {}, { [replica]: stamp });
    record._m[field] = compactMeta(stamp, h);
    if (value === undefined) delete record[field];
    else record[field] = value;
    if (field !== DELETED_FIELD || existing) changes.push({ field, old, new: value });
  }
  return { record, changes };
}

/** Tombstone a record: its deletion has seen every field write the replica holds. */
export function applyLocalDelete(existing: CrdtRecord, stamp: Stamp): CrdtRecord {
  const h = joinHistories(...Object.values(existing._m).map(historyOf), { [replicaOf(stamp)]: stamp });
  return { ...existing, _deleted: 1, _m: { ...existing._m, [DELETED_FIELD]: compactMeta(stamp, h) } };
}

/** Bring a tombstoned record back (the « restaurer » of a delete/edit conflict). */
export function applyLocalRestore(existing: CrdtRecord, stamp: Stamp): CrdtRecord {
  const prev = existing._m[DELETED_FIELD];
  const h = joinHistories(prev ? historyOf(prev) : {}, { [replicaOf(stamp)]: stamp });
  return { ...existing, _deleted: 0, _m: { ...existing._m, [DELETED_FIELD]: compactMeta(stamp, h) } };
}

/** Greatest stamp anywhere in the record (for version vectors and HLC catch-up). */
export function maxStampOf(record: CrdtRecord): Stamp {
  let max = '';
  for (const meta of Object.values(record._m)) if (meta.s > max) max = meta.s;
  return max;
}

/**
 * Set the index fields of a record about to be stored (in place; returns it): `_ts` = greatest field stamp
 * (`maxStampOf`), `_r` = the distinct replicas of the field stamps. Every writer of a synced table calls it, so
 * a delta export can ask the indexes for the records a peer may lack instead of reading every record.
 */
export function withIndexFields(record: CrdtRecord): CrdtRecord {
  let max = '';
  const replicas: string[] = [];
  for (const k in record._m) {
    const s = record._m[k]!.s;
    if (s > max) max = s;
    const r = replicaOf(s);
    if (!replicas.includes(r)) replicas.push(r);
  }
  record._ts = max;
  record._r = replicas;
  return record;
}

/** The user-facing part of a record. */
export function dataOf<T>(record: CrdtRecord): T {
  const { _m: _meta, _deleted: _del, _ts: _stamp, _r: _replicas, _k: _keys, ...data } = record;
  return data as T;
}
