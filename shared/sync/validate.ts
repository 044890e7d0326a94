/**
 * Validation of every record of a decoded payload: known table, `_m` shape and stamps, a stamp for every
 * field present, and the field values against the table's zod schema.
 */
import { STAMP_PATTERN, REPLICA_ID_PATTERN } from '../crdt/hlc';
import type { CrdtRecord } from '../crdt/record';
import { syncedTables, tableLabels, type SyncedTableName } from '../domain/tables';
import { BundleError, bundleMessages } from './errors';

const isStamp = (s: unknown): s is string => typeof s === 'string' && STAMP_PATTERN.test(s);

/** Hand-written check of `{ s, h? }` (zod per field of 200,000 records is the slowest part of an import). */
function metaProblem(meta: unknown): string | null {
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) return 'objet attendu';
  const { s, h, ...rest } = meta as { s?: unknown; h?: unknown };
  if (!isStamp(s)) return 's';
  if (Object.keys(rest).length) return Object.keys(rest)[0]!;
  if (h !== undefined) {
    if (!h || typeof h !== 'object' || Array.isArray(h)) return 'h';
    for (const [r, st] of Object.entries(h)) if (!REPLICA_ID_PATTERN.test(r) || !isStamp(st)) return `h.${r}`;
  }
  return null;
}

function envelopeProblem(row: unknown): string | null {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return 'enregistrement';
  const r = row as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id.length < 1 || r.id.length > 300) return 'id';
  if (r._deleted !== 0 && r._deleted !== 1) return '_deleted';
  const m = r._m;
  if (!m || typeof m !== 'object' || Array.isArray(m)) return '_m';
  for (const [k, meta] of Object.entries(m)) {
    if (k.length < 1 || k.length > 60) return '_m';
    const p = metaProblem(meta);
    if (p) return `_m.${k}${p === 'objet attendu' ? '' : `.${p}`}`;
  }
  return null;
}

function fail(table: string, id: unknown, detail: string): never {
  const label = Object.hasOwn(tableLabels, table) ? (tableLabels as Record<string, string>)[table]! : table.slice(0, 40);
  throw new BundleError('invalid-record', bundleMessages.invalidRecord(label, typeof id === 'string' ? id.slice(0, 80) : '?', detail));
}

/**
 * Names no key from a file may take: they reach the prototype chain of plain objects (`__proto__` through
 * assignment, the others as inherited names), so they are refused before any object is built from them.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

/** The first reserved key anywhere in a JSON value (depth-limited: deeper values are refused as well). */
export function reservedKeyIn(value: unknown, depth = 0): string | null {
  if (!value || typeof value !== 'object') return null;
  if (depth > 40) return '…';
  if (Array.isArray(value)) {
    for (const x of value) {
      const k = reservedKeyIn(x, depth + 1);
      if (k) return k;
    }
    return null;
  }
  for (const k of Object.keys(value)) {
    if (RESERVED_NAMES.has(k)) return k;
    const inner = reservedKeyIn((value as Record<string, unknown>)[k], depth + 1);
    if (inner) return inner;
  }
  return null;
}

/** Field names of a table's schema (every synced schema is a zod object). */
const schemaKeys = new Map<string, ReadonlySet<string>>(
  Object.entries(syncedTables).map(([t, schema]) => [t, new Set(Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape))]),
);

/**
 * Validate every record and rebuild it from zod's parsed output only: unknown fields (value and stamp) are
 * dropped, values are the parsed ones (trimmed, defaults), and a default the sender did not write takes the
 * record's oldest stamp (its creation), so every receiver rebuilds the same record. Reserved names and the
 * same id twice in one table refuse the file.
 */
export function validatePayloadTables(tables: unknown): Record<SyncedTableName, CrdtRecord[]> {
  if (!tables || typeof tables !== 'object' || Array.isArray(tables)) fail('?', '?', 'contenu illisible.');
  const out = {} as Record<SyncedTableName, CrdtRecord[]>;
  for (const [table, rows] of Object.entries(tables as Record<string, unknown>)) {
    if (RESERVED_NAMES.has(table)) fail('?', '?', `nom réservé « ${table.slice(0, 40)} ».`);
    if (!Object.hasOwn(syncedTables, table)) fail(table, '?', `type d'enregistrement inconnu « ${table.slice(0, 40)} ».`);
    if (!Array.isArray(rows)) fail(table, '?', 'liste attendue.');
    const schema = syncedTables[table as SyncedTableName];
    const keys = schemaKeys.get(table)!;
    const list: CrdtRecord[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const reserved = reservedKeyIn(row);
      if (reserved) fail(table, (row as { id?: unknown } | null)?.id, `nom réservé « ${reserved} ».`);
      const problem = envelopeProblem(row);
      if (problem) fail(table, (row as { id?: unknown } | null)?.id, `métadonnées de synchronisation invalides (${problem}).`);
      const rec = row as CrdtRecord;
      if (seen.has(rec.id)) fail(table, rec.id, 'le même enregistrement figure deux fois dans le fichier.');
      seen.add(rec.id);
      const deletedMeta = rec._m._deleted;
      if (!deletedMeta) fail(table, rec.id, 'horodatage de suppression manquant.');
      const { _m, _deleted, ...data } = rec;
      for (const [k, v] of Object.entries(data)) if (k !== 'id' && v !== undefined && !_m[k] && keys.has(k)) fail(table, rec.id, `champ « ${k} » sans horodatage.`);
      const parsed = schema.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        fail(table, rec.id, `${issue?.path.join('.') ? `champ « ${issue.path.join('.')} » : ` : ''}${issue?.message ?? 'donnée invalide.'}`);
      }
      let oldest = deletedMeta.s;
      for (const k in _m) if (_m[k]!.s < oldest) oldest = _m[k]!.s;
      const clean: CrdtRecord = { id: rec.id, _deleted, _m: { _deleted: deletedMeta } };
      for (const [k, v] of Object.entries(parsed.data as Record<string, unknown>)) {
        if (k === 'id' || v === undefined) continue;
        clean[k] = v;
        clean._m[k] = _m[k] ?? { s: oldest };
      }
      // Stamps of known fields cleared to no value travel too (they order a later concurrent write).
      for (const k in _m) if (keys.has(k) && k !== 'id' && !(k in clean._m)) clean._m[k] = _m[k]!;
      list.push(clean);
    }
    out[table as SyncedTableName] = list;
  }
  return out;
}
