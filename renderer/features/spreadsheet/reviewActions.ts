/** Applying a reverse review: chosen ends, chosen additions (quota checked after the ends) and the review date, in one action. */
import type { Store } from '../../db/store';
import { ValidationError } from '../../db/store';
import type { Allocation, EndReason, Habilitation } from '../../../shared/domain/habilitation';
import { reverseReviewNextDue } from '../../../shared/rules/convention';
import { checkEndAccess } from '../../../shared/rules/quota';
import { quotaAfterChoices, type ReturnedUser } from '../../../shared/spreadsheet/review';
import { dataOf } from '../../../shared/crdt/record';

export interface ReviewDecision {
  partnerId: string;
  conventionId: string | undefined;
  /** Date the list was received: the review is recorded as done that day. */
  receivedOn: string;
  toEnd: { id: string; reason: EndReason }[];
  toAdd: ReturnedUser[];
  overrideReason?: string;
}

export const reviewAction = (receivedOn: string) => `revue inverse du ${receivedOn.slice(8, 10)}/${receivedOn.slice(5, 7)}/${receivedOn.slice(0, 4)}`;

export async function applyReview(store: Store, d: ReviewDecision): Promise<{ ended: number; added: number; nextDue: string | undefined }> {
  const db = store.db;
  let nextDue: string | undefined;
  await store.write(reviewAction(d.receivedOn), async (ctx) => {
    for (const e of d.toEnd) {
      const h = await ctx.get('habilitations', e.id);
      if (!h) throw new ValidationError("Une habilitation de la revue n'existe plus.");
      const refusal = checkEndAccess(h, e.reason, d.receivedOn);
      if (refusal) throw new ValidationError(`${h.firstName} ${h.lastName} : ${refusal}`);
      await ctx.update('habilitations', e.id, { status: 'suppression-demandee', endReason: e.reason, endOn: d.receivedOn });
    }
    const rows = (await db.habilitations.where('partnerId').equals(d.partnerId).toArray()).filter((r) => r._deleted === 0).map((r) => dataOf<Habilitation>(r));
    const allocations = (await db.allocations.where('partnerId').equals(d.partnerId).toArray()).filter((r) => r._deleted === 0).map((r) => dataOf<Allocation>(r));
    const quotas = quotaAfterChoices(rows, allocations, new Set(d.toEnd.map((e) => e.id)), d.toAdd, { overrideReason: d.overrideReason });
    for (const { user: u, refusal, exceeds } of quotas) {
      if (refusal) throw new ValidationError(`${u.firstName} ${u.lastName} (ligne ${u.line}) : ${refusal}`);
      await ctx.create('habilitations', {
        partnerId: d.partnerId,
        service: u.service,
        profile: u.profile,
        firstName: u.firstName,
        lastName: u.lastName || u.email,
        email: u.email,
        function: u.function,
        startOn: d.receivedOn,
        status: 'active',
        ...(exceeds && d.overrideReason?.trim() ? { quotaOverrideReason: d.overrideReason.trim() } : {}),
      });
    }
    if (d.conventionId) {
      const c = await ctx.get('conventions', d.conventionId);
      if (c) {
        nextDue = reverseReviewNextDue({ ...c, reverseReviewLastDone: d.receivedOn });
        await ctx.update('conventions', d.conventionId, { reverseReviewLastDone: d.receivedOn, reverseReviewNextDue: nextDue });
      }
    }
  });
  return { ended: d.toEnd.length, added: d.toAdd.length, nextDue };
}
