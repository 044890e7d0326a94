/** Applying a reviewed reading: one Store transaction, history « lu dans <document> ». */
import type { AppDatabase } from '../../db/database';
import { liveRows, ValidationError, type Store } from '../../db/store';
import { planOperations, resolveChainNames, type BaseSnapshot, type ReadPlan } from '../../../shared/extraction/plan';
import { LOCAL_CAF_ID } from '../cafs/actions';
import { tableLabels, type SyncedTableName } from '../../../shared/domain/tables';
import { attachInside, type PreparedDocument } from '../attachments/actions';

export async function snapshotBase(db: AppDatabase, defaultCafId: string, partnerId?: string): Promise<BaseSnapshot> {
  const [cafs, partners, conventions, contacts, chains, allocations] = await Promise.all([
    liveRows(db, 'cafs'),
    liveRows(db, 'partners'),
    liveRows(db, 'conventions'),
    liveRows(db, 'contacts'),
    liveRows(db, 'chains'),
    liveRows(db, 'allocations'),
  ]);
  return { cafs, partners, conventions, contacts, chains, allocations, defaultCafId: defaultCafId || cafs[0]?.id || LOCAL_CAF_ID, partnerId };
}

export const historyAction = (document: string) => `lu dans ${document}`;

/**
 * Returns the partner's id (created or updated), or null when the partner itself was ignored. `document`: the
 * file read, kept with the convention (created or updated here, else the partner's current one) in the same
 * transaction.
 */
export async function applyPlan(store: Store, plan: ReadPlan, base: BaseSnapshot, document?: PreparedDocument): Promise<string | null> {
  const ops = planOperations(plan, base);
  return store.write(historyAction(plan.document), async (ctx) => {
    const ids = new Map<string, string>();
    const ref = (v: unknown) => (typeof v === 'string' && ids.has(v) ? ids.get(v)! : v);
    const sides = (data: Record<string, unknown>) => {
      for (const [k, side] of [['cafSide', 'caf'], ['partnerSide', 'partner']] as const) {
        const v = data[k] as { names?: string[] } | undefined;
        if (v && Array.isArray(v.names)) data[k] = resolveChainNames(v.names, plan, (r) => ids.get(r), side);
      }
    };
    for (const op of ops) {
      const table = op.table as SyncedTableName;
      try {
        if (op.op === 'create') {
          const data: Record<string, unknown> = { ...op.data };
          if (data.partnerId) data.partnerId = ref(data.partnerId);
          sides(data);
          // One escalation chain per partner: its id is the partner's.
          if (table === 'chains') data.id = data.partnerId;
          ids.set(op.ref, await ctx.create(table, data as never));
        } else {
          const patch = { ...op.patch };
          sides(patch);
          await ctx.update(table, op.id, patch as never);
          ids.set(op.ref, op.id);
        }
      } catch (e) {
        // Which record and field refused the value; the whole transaction is rolled back.
        if (e instanceof ValidationError) throw new ValidationError(`${tableLabels[table]}${e.field ? ` (${e.field})` : ''} : ${e.message}`, e.field);
        throw e;
      }
    }
    const partnerId = ids.get('partner') ?? plan.records.find((r) => r.key === 'partner')?.existingId ?? null;
    if (document && partnerId) {
      const conventionId = ids.get('convention') ?? plan.records.find((r) => r.key === 'convention')?.existingId ?? base.conventions.find((c) => c.partnerId === partnerId)?.id;
      if (conventionId) await attachInside(ctx, document, conventionId, partnerId, 'lecture');
    }
    return partnerId;
  });
}
