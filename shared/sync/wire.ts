/**
 * Compact wire form of a record inside the payload. Most records have every field written by the same write
 * (one stamp, no history beyond the writer), so instead of repeating `{ s }` per field:
 *
 *   { v: { id, _deleted, ...fields }, s: commonStamp, m?: { field: FieldMeta } }
 *
 * `m` holds only the fields whose meta is not `{ s: commonStamp }` (other stamps, histories, and stamps of
 * fields that were cleared and have no value). This halves the JSON to parse, compress and decompress.
 */
import type { CrdtRecord, FieldMeta, MetaMap } from '../crdt/record';

export interface WireRecord {
  v: Record<string, unknown>;
  s: string;
  m?: MetaMap;
}

export function toWire(r: CrdtRecord): WireRecord {
  // `_ts` / `_r` / `_k` are the receiving database's index fields (recomputed there on import): never sent.
  const { _m, _ts: _stamp, _r: _replicas, _k: _keys, ...v } = r;
  const common = _m._deleted?.s ?? Object.values(_m)[0]?.s ?? '';
  let m: MetaMap | undefined;
  for (const k in _m) {
    const meta = _m[k]!;
    if (meta.s !== common || meta.h || v[k] === undefined) (m ??= {})[k] = meta;
  }
  return m ? { v, s: common, m } : { v, s: common };
}

/** Back to a record; the result is validated afterwards (validatePayloadTables). */
export function fromWire(w: unknown): unknown {
  if (!w || typeof w !== 'object') return w;
  const { v: raw, s, m } = w as Partial<WireRecord>;
  if (!raw || typeof raw !== 'object' || typeof s !== 'string') return { invalidWire: true };
  // Index fields of the sender's database are never data: ignored if a sender put them in (recomputed on import).
  let v = raw;
  if ('_ts' in raw || '_r' in raw || '_k' in raw) {
    const { _ts: _stamp, _r: _replicas, _k: _keys, ...rest } = raw;
    v = rest;
  }
  // Keys from the file are copied as own data properties only (never through assignment, which `__proto__`
  // would turn into a prototype change); reserved names are refused afterwards (validatePayloadTables).
  const _m: MetaMap = {};
  const meta: FieldMeta = { s };
  const define = (o: object, k: string, value: unknown) => Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });
  for (const k of Object.keys(v)) if (k !== 'id' && v[k] !== undefined) define(_m, k, meta);
  if (m && typeof m === 'object' && !Array.isArray(m)) for (const k of Object.keys(m)) define(_m, k, (m as Record<string, unknown>)[k]);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) define(out, k, v[k]);
  define(out, '_m', _m);
  return out;
}
