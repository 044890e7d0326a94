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
  const label = (tableLabels as Record<string, string>)[table] ?? table;
  throw new BundleError('invalid-record', bundleMessages.invalidRecord(label, typeof id === 'string' ? id.slice(0, 80) : '?', detail));
}

export function validatePayloadTables(tables: unknown): Record<SyncedTableName, CrdtRecord[]> {
  if (!tables || typeof tables !== 'object' || Array.isArray(tables)) fail('?', '?', 'contenu illisible.');
  const out = {} as Record<SyncedTableName, CrdtRecord[]>;
  for (const [table, rows] of Object.entries(tables as Record<string, unknown>)) {
    if (!(table in syncedTables)) fail(table, '?', `type d'enregistrement inconnu « ${table} ».`);
    if (!Array.isArray(rows)) fail(table, '?', 'liste attendue.');
    const schema = syncedTables[table as SyncedTableName];
    const list: CrdtRecord[] = [];
    for (const row of rows) {
      const problem = envelopeProblem(row);
      if (problem) fail(table, (row as { id?: unknown } | null)?.id, `métadonnées de synchronisation invalides (${problem}).`);
      const rec = row as CrdtRecord;
      if (!rec._m._deleted) fail(table, rec.id, 'horodatage de suppression manquant.');
      const { _m, _deleted, ...data } = rec;
      for (const [k, v] of Object.entries(data)) if (k !== 'id' && v !== undefined && !_m[k]) fail(table, rec.id, `champ « ${k} » sans horodatage.`);
      const parsed = schema.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        fail(table, rec.id, `${issue?.path.join('.') ? `champ « ${issue.path.join('.')} » : ` : ''}${issue?.message ?? 'donnée invalide.'}`);
      }
      list.push(rec);
    }
    out[table as SyncedTableName] = list;
  }
  return out;
}
