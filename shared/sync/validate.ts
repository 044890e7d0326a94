/**
 * Validation of every record of a decoded payload: known table, `_m` shape and stamps, a stamp for every
 * field present, and the field values against the table's zod schema.
 */
import { z } from 'zod';
import { STAMP_PATTERN, REPLICA_ID_PATTERN } from '../crdt/hlc';
import type { CrdtRecord } from '../crdt/record';
import { syncedTables, tableLabels, type SyncedTableName } from '../domain/tables';
import { BundleError, bundleMessages } from './errors';

const stamp = z.string().regex(STAMP_PATTERN, 'horodatage invalide.');
const fieldMeta = z.object({ s: stamp, h: z.record(z.string().regex(REPLICA_ID_PATTERN), stamp).optional() }).strict();
const envelope = z.object({
  id: z.string().min(1).max(300),
  _deleted: z.union([z.literal(0), z.literal(1)]),
  _m: z.record(z.string().min(1).max(60), fieldMeta),
});

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
      const env = envelope.safeParse(row);
      if (!env.success) fail(table, (row as { id?: unknown } | null)?.id, `métadonnées de synchronisation invalides (${env.error.issues[0]?.path.join('.') ?? ''}).`);
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
