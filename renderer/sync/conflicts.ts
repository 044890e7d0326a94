/**
 * Resolving conflicts. « garder cette valeur » is a new stamped local edit that puts the losing value back
 * (or, for a delete/edit conflict, restores the record) and marks the conflict resolved; « garder la valeur
 * actuelle » only marks it resolved; « confirmer la suppression » re-deletes with a stamp that covers every
 * edit. All are ordinary writes: they sync like any other.
 */
import type { Conflict } from '../../shared/domain/conflict';
import type { SyncedTableName } from '../../shared/domain/tables';
import { syncedTables } from '../../shared/domain/tables';
import { ValidationError, type Store } from '../db/store';
import { TOO_LARGE_MARKER } from '../../shared/sync/conflicts';

async function loadConflict(store: Store, id: string): Promise<Conflict> {
  const rec = await store.db.conflicts.get(id);
  if (!rec || rec._deleted) throw new ValidationError("Ce conflit n'existe plus.");
  return rec as unknown as Conflict;
}

function tableOf(c: Conflict): SyncedTableName {
  if (!(c.table in syncedTables) || c.table === 'conflicts') throw new ValidationError('Conflit sur un type de donnée inconnu.');
  return c.table as SyncedTableName;
}

export async function resolveKeep(store: Store, conflictId: string): Promise<void> {
  const c = await loadConflict(store, conflictId);
  const table = tableOf(c);
  await store.write(c.kind === 'delete-edit' ? 'Restauration (conflit)' : 'Valeur reprise (conflit)', async (ctx) => {
    if (c.kind === 'delete-edit') {
      await ctx.restore(table, c.recordId);
    } else {
      const rec = await store.db.syncedTable(table).get(c.recordId);
      if (!rec) throw new ValidationError("L'enregistrement en conflit n'existe plus.");
      if (c.loserValue === TOO_LARGE_MARKER) throw new ValidationError('Cette valeur était trop volumineuse pour être conservée : elle ne peut pas être reprise.');
      const value: unknown = c.loserValue === undefined ? undefined : JSON.parse(c.loserValue);
      if (c.field === '_deleted') {
        // A delete and a restore that crossed: keeping the losing one means deleting or restoring again.
        if (value === 1) await ctx.remove(table, c.recordId);
        else await ctx.restore(table, c.recordId);
      } else {
        if (rec._deleted) await ctx.restore(table, c.recordId);
        // The field name comes from the conflict record, so the patch cannot be typed statically.
        await ctx.update(table, c.recordId, { [c.field]: value } as never);
      }
    }
    await ctx.update('conflicts', conflictId, { status: 'resolu', resolution: 'valeur-ecartee', disagreement: undefined });
  });
}

export async function resolveKeepCurrent(store: Store, conflictId: string): Promise<void> {
  await loadConflict(store, conflictId);
  await store.write('Conflit clos', (ctx) => ctx.update('conflicts', conflictId, { status: 'resolu', resolution: 'valeur-actuelle', disagreement: undefined }));
}

/** Delete/edit: delete again, with a stamp that has seen every edit (no conflict any more). */
export async function confirmDeletion(store: Store, conflictId: string): Promise<void> {
  const c = await loadConflict(store, conflictId);
  const table = tableOf(c);
  await store.write('Suppression confirmée (conflit)', async (ctx) => {
    const rec = await store.db.syncedTable(table).get(c.recordId);
    if (rec && rec._deleted) {
      await ctx.restore(table, c.recordId);
    }
    await ctx.remove(table, c.recordId);
    await ctx.update('conflicts', conflictId, { status: 'resolu', resolution: 'suppression', disagreement: undefined });
  });
}
