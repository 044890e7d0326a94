/**
 * The user actions on allocations and habilitations. Each is one `store.write` (one transaction): the quota is
 * counted inside the transaction that adds the habilitation, so two quick clicks cannot both take the last seat.
 */
import { dataOf } from '../../../shared/crdt/record';
import type { Allocation, EndReason } from '../../../shared/domain/habilitation';
import { checkEndAccess, checkInstructorNumber, checkQuota, seatHoldingStatuses } from '../../../shared/rules/quota';
import { isPurgeable } from '../../../shared/rules/purge';
import { emailError } from '../../../shared/rules/email';
import type { AppDatabase } from '../../db/database';
import { ValidationError, type Store } from '../../db/store';
import { SEAT_INDEX } from '../dashboard/dashboardData';

/** Seats a partner's live habilitations hold for one service × profile, counted on SEAT_INDEX's keys inside the current transaction. */
async function seatsInUse(db: AppDatabase, partnerId: string, service: string, profile: string): Promise<number> {
  let n = 0;
  for (const status of seatHoldingStatuses) n += await db.habilitations.where(SEAT_INDEX).equals([0, status, partnerId, service, profile]).count();
  return n;
}

export async function allocationFor(db: AppDatabase, partnerId: string, service: string, profile: string): Promise<Allocation | undefined> {
  const rows = await db.allocations.where('[partnerId+service+profile]').equals([partnerId, service, profile]).toArray();
  const live = rows.find((r) => r._deleted === 0);
  return live ? dataOf<Allocation>(live) : undefined;
}

export interface NewHabilitation {
  partnerId: string;
  service: string;
  profile: string;
  firstName: string;
  lastName: string;
  email: string;
  function: string;
  startOn: string;
  instructorNumber?: string | undefined;
  quotaOverrideReason?: string | undefined;
}

export async function addHabilitation(store: Store, input: NewHabilitation): Promise<string> {
  const db = store.db;
  // The same e-mail rule as the contacts': the address is printed on the suppression form.
  const badEmail = emailError(input.email);
  if (badEmail) throw new ValidationError(badEmail, 'email');
  return store.write("Ajout d'une habilitation", async (ctx) => {
    const t4 = checkInstructorNumber(input.profile, input.instructorNumber);
    if (t4) throw new ValidationError(t4, 'instructorNumber');
    const allocation = await allocationFor(db, input.partnerId, input.service, input.profile);
    const used = await seatsInUse(db, input.partnerId, input.service, input.profile);
    const refusal = checkQuota({ service: input.service, profile: input.profile, overrideReason: input.quotaOverrideReason }, allocation?.maxUsers, used);
    if (refusal) throw new ValidationError(refusal, 'quota');
    const override = input.quotaOverrideReason?.trim();
    // The override reason is stored only when the seat really exceeds the quota: it is the trace the issue asks for.
    const exceeds = allocation === undefined || used + 1 > allocation.maxUsers;
    return ctx.create('habilitations', {
      partnerId: input.partnerId,
      service: input.service,
      profile: input.profile,
      firstName: input.firstName.trim(),
      lastName: input.lastName.trim(),
      email: input.email.trim(),
      function: input.function.trim(),
      startOn: input.startOn,
      status: 'active',
      ...(input.instructorNumber?.trim() ? { instructorNumber: input.instructorNumber.trim() } : {}),
      ...(override && exceeds ? { quotaOverrideReason: override } : {}),
    });
  });
}

/**
 * Set the authorised number for a profile; undefined removes the line (profile not granted).
 * Lowering below the seats in use is allowed (the bulletin is what was signed) and shows as « dépassé ».
 */
export async function setAllocation(store: Store, partnerId: string, service: string, profile: string, maxUsers: number | undefined): Promise<void> {
  const db = store.db;
  if (maxUsers !== undefined && (!Number.isInteger(maxUsers) || maxUsers < 0)) {
    throw new ValidationError("Le nombre autorisé doit être un entier positif ou nul (laisser vide si le profil n'est pas accordé).", 'maxUsers');
  }
  await store.write(`Bulletin d'adhésion ${service} : profil ${profile}`, async (ctx) => {
    const existing = await allocationFor(db, partnerId, service, profile);
    if (maxUsers === undefined) {
      if (existing) await ctx.remove('allocations', existing.id);
    } else if (existing) await ctx.update('allocations', existing.id, { maxUsers });
    else await ctx.create('allocations', { partnerId, service, profile, maxUsers });
  });
}

/** The partner's administrator asked the Caf to remove the access (form « Demande de suppression d'accès »). */
export async function requestSuppression(store: Store, id: string, reason: EndReason, endOn: string): Promise<void> {
  await store.write("Demande de suppression d'accès", async (ctx) => {
    const h = await ctx.get('habilitations', id);
    if (!h) throw new ValidationError("Cette habilitation n'existe plus.");
    const refusal = checkEndAccess(h, reason, endOn);
    if (refusal) throw new ValidationError(refusal, 'endReason');
    await ctx.update('habilitations', id, { status: 'suppression-demandee', endReason: reason, endOn });
  });
}

/** The access is removed (end date, reason): it no longer holds a seat. */
export async function endAccess(store: Store, id: string, reason: EndReason | undefined, endOn: string): Promise<void> {
  await store.write("Fin d'accès", async (ctx) => {
    const h = await ctx.get('habilitations', id);
    if (!h) throw new ValidationError("Cette habilitation n'existe plus.");
    const refusal = checkEndAccess(h, reason, endOn);
    if (refusal) throw new ValidationError(refusal, 'endReason');
    await ctx.update('habilitations', id, { status: 'supprimee', endReason: reason, endOn });
  });
}

/** Delete the given accesses, re-checking each is still purgeable today. Returns how many were deleted. */
export async function purgeHabilitations(store: Store, ids: readonly string[], today: string): Promise<number> {
  return store.write('Purge des habilitations terminées depuis plus de six ans', async (ctx) => {
    let n = 0;
    for (const id of ids) {
      const h = await ctx.get('habilitations', id);
      if (h && isPurgeable(h, today)) {
        await ctx.remove('habilitations', id);
        n++;
      }
    }
    return n;
  });
}
