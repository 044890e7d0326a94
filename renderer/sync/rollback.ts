/**
 * Restore as a rollback, the Dexie side (see shared/sync/rollback.ts for the rule). Reusable API:
 *
 *   planRollback(db, backupTables)            → RollbackPlan   read-only: what would be undone (the preview)
 *   applyRollback(store, backupTables, action) → RollbackPlan   ONE store.write: the same plan, recomputed inside
 *                                                               the write transaction, applied as new stamped
 *                                                               edits with one history line per changed field
 *
 * `backupTables` is a decoded full bundle's `tables` (DecodedBundle.tables). Taking a backup just before (so the
 * rollback can be undone) is the caller's part: `rollbackToBackup` in features/sync/actions.ts does both.
 * The `conflicts` table is bookkeeping, not office data: left as it is.
 */
import type { CrdtRecord } from '../../shared/crdt/record';
import { syncedTableNames, type SyncedTableName } from '../../shared/domain/tables';
import { countStep, emptyRollbackCounts, planTableRollback, type RollbackCounts, type RollbackStep } from '../../shared/sync/rollback';
import { CONFLICTS_TABLE } from '../../shared/sync/conflicts';
import type { AppDatabase } from '../db/database';
import type { Store, WriteContext } from '../db/store';

export const ROLLBACK_TABLES: readonly SyncedTableName[] = syncedTableNames.filter((t) => t !== CONFLICTS_TABLE);

export interface RollbackPlan {
  steps: RollbackStep[];
  counts: Partial<Record<SyncedTableName, RollbackCounts>>;
}

export function rollbackTotals(plan: RollbackPlan): RollbackCounts {
  const out = emptyRollbackCounts();
  for (const c of Object.values(plan.counts)) for (const k of Object.keys(out) as (keyof RollbackCounts)[]) out[k] += c[k];
  return out;
}

/** Reads every record of the rolled-back tables, in whatever transaction is current. */
async function planIn(db: AppDatabase, backup: Record<string, CrdtRecord[]>): Promise<RollbackPlan> {
  const plan: RollbackPlan = { steps: [], counts: {} };
  for (const t of ROLLBACK_TABLES) {
    const steps = planTableRollback(t, await db.syncedTable(t).toArray(), backup[t] ?? []);
    if (!steps.length) continue;
    const counts = (plan.counts[t] = emptyRollbackCounts());
    for (const s of steps) countStep(counts, s);
    plan.steps.push(...steps);
  }
  return plan;
}

/** What rolling back to this backup would undo, read in one read-only transaction (nothing is written). */
export async function planRollback(db: AppDatabase, backup: Record<string, CrdtRecord[]>): Promise<RollbackPlan> {
  return db.transaction('r', ROLLBACK_TABLES.map((t) => db.table(t)), () => planIn(db, backup));
}

async function applyStep(ctx: WriteContext, step: RollbackStep): Promise<void> {
  const table = step.table as SyncedTableName;
  const patch = Object.fromEntries(step.fields.map((f) => [f.field, f.then]));
  switch (step.kind) {
    case 'delete':
      return ctx.remove(table, step.recordId);
    case 'recreate':
      // The row comes from a validated backup; `create` validates it again against today's schema.
      await ctx.create(table, { ...patch, id: step.recordId } as never);
      return;
    case 'restore':
      await ctx.restore(table, step.recordId);
      if (step.fields.length) await ctx.update(table, step.recordId, patch as never);
      return;
    case 'update':
      return ctx.update(table, step.recordId, patch as never);
  }
}

export const ROLLBACK_CANCELLED = 'Restauration annulée : rien n’a été modifié.';

/** Thrown inside the write when « Annuler » is pressed: the transaction aborts, the base is as it was. */
export class RollbackCancelled extends Error {
  constructor() {
    super(ROLLBACK_CANCELLED);
    this.name = 'RollbackCancelled';
  }
}

export interface ApplyRollbackOptions {
  onProgress?: (done: number, total: number) => void;
  /** Aborted: the write stops at its next step and the whole transaction is rolled back. */
  signal?: AbortSignal;
}

/**
 * Bring the base back to the backup's state as new stamped edits, in one transaction (all or nothing): later
 * edits are undone, records created since are deleted, records deleted or lost since come back. History says
 * `action` on every line. Returns the plan that was applied (recomputed inside the transaction). Any failure,
 * cancellation included, leaves the base exactly as it was.
 */
export async function applyRollback(store: Store, backup: Record<string, CrdtRecord[]>, action: string, options: ApplyRollbackOptions = {}): Promise<RollbackPlan> {
  const { onProgress, signal } = options;
  if (signal?.aborted) throw new RollbackCancelled();
  return store.write(action, async (ctx) => {
    const plan = await planIn(store.db, backup);
    onProgress?.(0, plan.steps.length);
    for (const [i, step] of plan.steps.entries()) {
      if (signal?.aborted) throw new RollbackCancelled();
      await applyStep(ctx, step);
      if (onProgress && i % 50 === 49) onProgress(i + 1, plan.steps.length);
    }
    if (signal?.aborted) throw new RollbackCancelled();
    onProgress?.(plan.steps.length, plan.steps.length);
    return plan;
  });
}
