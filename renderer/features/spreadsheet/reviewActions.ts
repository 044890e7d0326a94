/** Applying a reverse review: chosen ends, chosen additions (quota checked after the ends) and the review date, in one action. */
import type { Store } from '../../db/store';
import { ValidationError } from '../../db/store';
import type { EndReason, Habilitation } from '../../../shared/domain/habilitation';
import { reverseReviewNextDue } from '../../../shared/rules/convention';
import { checkEndAccess, checkQuota, holdsSeat } from '../../../shared/rules/quota';
import type { ReturnedUser } from '../../../shared/spreadsheet/review';
import { allocationFor } from '../habilitations/actions';
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
    const ended = new Set(d.toEnd.map((e) => e.id));
    const seats = new Map<string, number>();
    for (const h of rows) if (holdsSeat(h) && !ended.has(h.id)) seats.set(`${h.service}|${h.profile}`, (seats.get(`${h.service}|${h.profile}`) ?? 0) + 1);
    for (const u of d.toAdd) {
      const key = `${u.service}|${u.profile}`;
      const used = seats.get(key) ?? 0;
      const allocation = await allocationFor(db, d.partnerId, u.service, u.profile);
      const refusal = checkQuota({ service: u.service, profile: u.profile, overrideReason: d.overrideReason }, allocation?.maxUsers, used);
      if (refusal) throw new ValidationError(`${u.firstName} ${u.lastName} (ligne ${u.line}) : ${refusal}`);
      const exceeds = allocation === undefined || used + 1 > allocation.maxUsers;
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
      seats.set(key, used + 1);
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
