/**
 * Contact actions: save with phone normalisation and duplicate detection, merge (every reference repointed in
 * the same transaction), and « Remplacer l'administrateur ».
 */
import type { AppDatabase } from '../../db/database';
import { dataOf } from '../../../shared/crdt/record';
import { liveRows, liveRowsWhere, ValidationError, type Store, type WriteContext } from '../../db/store';
import { contactRoles, type Contact, type RoleAssignment } from '../../../shared/domain/contact';
import { normalisePhone } from '../../../shared/rules/phone';
import { findDuplicates, type DuplicateMatch } from '../../../shared/rules/duplicates';
import { emailError } from '../../../shared/rules/email';
import { mergedContactPatch, repointChain, repointFollowUpSteps } from '../../../shared/rules/contactMerge';
import { isRoleActive } from '../../../shared/rules/requiredRoles';
import { dayBefore } from '../../../shared/rules/dates';

export type ContactInput = Omit<Contact, 'id'> & { id?: string };

export const CONTACT_MESSAGES = {
  lastName: 'Le nom est obligatoire.',
  owner: 'Un interlocuteur appartient soit à un partenaire, soit à la Caf.',
  roleDates: 'Un rôle ne peut pas se terminer avant d’avoir commencé.',
  roleMissing: 'Choisissez le rôle, ou retirez cette ligne.',
  activeDates: 'La fin de la période active ne peut pas précéder son début.',
  mergeSelf: 'Choisissez deux interlocuteurs différents à fusionner.',
  noAdmin: "Choisissez la personne qui devient administrateur.",
  sameAdmin: "Le nouvel administrateur doit être une autre personne que l'actuel.",
  effectiveBeforeStart: "La date d'effet doit suivre le début du rôle de l'administrateur remplacé.",
} as const;

export interface FieldError {
  field: string;
  message: string;
}

/** Validates and normalises (phones to E.164, trimmed text). Returns the clean contact or the errors. */
export function cleanContact(input: ContactInput): { ok: true; contact: ContactInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!input.lastName.trim()) errors.push({ field: 'lastName', message: CONTACT_MESSAGES.lastName });
  if (!!input.partnerId === !!input.cafId) errors.push({ field: 'owner', message: CONTACT_MESSAGES.owner });
  const e = emailError(input.email);
  if (e) errors.push({ field: 'email', message: e });
  const landline = normalisePhone(input.landline);
  if (!landline.ok) errors.push({ field: 'landline', message: landline.message });
  const mobile = normalisePhone(input.mobile);
  if (!mobile.ok) errors.push({ field: 'mobile', message: mobile.message });
  if (input.activeFrom && input.activeUntil && input.activeUntil < input.activeFrom) errors.push({ field: 'activeUntil', message: CONTACT_MESSAGES.activeDates });
  input.roles.forEach((r, i) => {
    // « Ajouter un rôle » adds a line with no role chosen (no role is the likely one): it must be chosen.
    if (!contactRoles.includes(r.role)) errors.push({ field: `roles.${i}`, message: CONTACT_MESSAGES.roleMissing });
    else if (r.from && r.until && r.until < r.from) errors.push({ field: `roles.${i}`, message: CONTACT_MESSAGES.roleDates });
  });
  if (errors.length || !landline.ok || !mobile.ok) return { ok: false, errors };
  return {
    ok: true,
    contact: {
      ...input,
      firstName: input.firstName.trim(),
      lastName: input.lastName.trim(),
      email: input.email.trim(),
      function: input.function.trim(),
      landline: landline.value,
      mobile: mobile.value,
    },
  };
}

function checked(input: ContactInput): ContactInput {
  const r = cleanContact(input);
  if (!r.ok) throw new ValidationError(r.errors[0]!.message, r.errors[0]!.field);
  return r.contact;
}

/** Possible duplicates of `input`: same email anywhere (email index), same name within the same owner. */
export async function duplicatesOf(db: AppDatabase, input: ContactInput): Promise<DuplicateMatch<Contact>[]> {
  const pool = new Map<string, Contact>();
  if (input.email.trim()) {
    // The email index is case-sensitive; compare normalised in memory over a case-insensitive index query.
    const rows = await db.contacts.where('email').equalsIgnoreCase(input.email.trim()).toArray();
    for (const r of rows) if (r._deleted === 0) pool.set(r.id, dataOf<Contact>(r));
  }
  const owners = input.partnerId ? await liveRowsWhere(db, 'contacts', 'partnerId', input.partnerId) : input.cafId ? await liveRowsWhere(db, 'contacts', 'cafId', input.cafId) : [];
  for (const c of owners) pool.set(c.id, c);
  return findDuplicates(input, [...pool.values()]);
}

/** Creates or updates a contact; returns its id. Duplicates are the caller's to warn about beforehand. */
export async function saveContact(store: Store, input: ContactInput): Promise<string> {
  const c = checked(input);
  const { id, ...data } = c;
  if (id) {
    await store.write("Modification d'un interlocuteur", (ctx) => ctx.update('contacts', id, data));
    return id;
  }
  return store.write("Création d'un interlocuteur", (ctx) => ctx.create('contacts', data));
}

/** Repoints every reference to `droppedId` towards `keptId`, then deletes `droppedId`. Inside a write. */
async function mergeInside(ctx: WriteContext, db: AppDatabase, keptId: string, droppedId: string): Promise<void> {
  if (keptId === droppedId) throw new ValidationError(CONTACT_MESSAGES.mergeSelf);
  const kept = await ctx.get('contacts', keptId);
  const dropped = await ctx.get('contacts', droppedId);
  if (!kept || !dropped) throw new ValidationError("Cet interlocuteur n'existe plus.");
  const patch = mergedContactPatch(kept, dropped);
  if (Object.keys(patch).length) await ctx.update('contacts', keptId, patch);
  // A partner's contact is only cited by that partner's chain, habilitations and follow-ups (partnerId index);
  // a Caf-side contact may be cited in any partner's chain or follow-up, so those are all looked at.
  const scope = <T extends 'chains' | 'habilitations' | 'followUps'>(table: T) =>
    dropped.partnerId ? liveRowsWhere(db, table, 'partnerId', dropped.partnerId) : liveRows(db, table);
  for (const chain of await scope('chains')) {
    const sides = repointChain(chain, droppedId, keptId);
    if (sides) await ctx.update('chains', chain.id, sides);
  }
  for (const h of await scope('habilitations')) {
    if (h.contactId === droppedId) await ctx.update('habilitations', h.id, { contactId: keptId });
  }
  for (const f of await scope('followUps')) {
    const steps = repointFollowUpSteps(f, droppedId, keptId);
    if (steps) await ctx.update('followUps', f.id, { steps });
  }
  await ctx.remove('contacts', droppedId);
}

export async function mergeContacts(store: Store, keptId: string, droppedId: string): Promise<void> {
  await store.write('Fusion de deux interlocuteurs', (ctx) => mergeInside(ctx, store.db, keptId, droppedId));
}

/**
 * Saving a form that duplicates `keptId`: a new contact is folded into the existing one; an edited contact is
 * saved, then merged into it (its references move over). One transaction either way.
 */
export async function saveAndMergeInto(store: Store, input: ContactInput, keptId: string): Promise<void> {
  const c = checked(input);
  await store.write('Fusion de deux interlocuteurs', async (ctx) => {
    const { id, ...data } = c;
    if (id) {
      await ctx.update('contacts', id, data);
      await mergeInside(ctx, store.db, keptId, id);
    } else {
      const kept = await ctx.get('contacts', keptId);
      if (!kept) throw new ValidationError("Cet interlocuteur n'existe plus.");
      const patch = mergedContactPatch(kept, { ...data, id: 'new' } as Contact);
      if (Object.keys(patch).length) await ctx.update('contacts', keptId, patch);
    }
  });
}

export type NewAdministrator = { existingId: string } | { contact: ContactInput };

export interface ReplacementOptions {
  /** Put the new administrator in the partner's escalation chain where the old one was. */
  inChain?: boolean;
}

/**
 * The old administrator's role ends the day before `effectiveOn` (it stays on their record with that last day,
 * as history) and the role goes, from `effectiveOn`, to an existing contact or a new one — so on the effective
 * day only the new administrator is current everywhere. One transaction; returns the new administrator's id.
 */
export async function replaceAdministrator(store: Store, partnerId: string, oldContactId: string | undefined, next: NewAdministrator, effectiveOn: string, options: ReplacementOptions = {}): Promise<string> {
  const newContact = 'contact' in next ? checked({ ...next.contact, partnerId, cafId: undefined }) : undefined;
  if ('existingId' in next && !next.existingId) throw new ValidationError(CONTACT_MESSAGES.noAdmin, 'newAdmin');
  if ('existingId' in next && next.existingId === oldContactId) throw new ValidationError(CONTACT_MESSAGES.sameAdmin, 'newAdmin');
  const lastDay = dayBefore(effectiveOn);
  return store.write("Remplacement de l'administrateur", async (ctx) => {
    if (oldContactId) {
      const old = await ctx.get('contacts', oldContactId);
      if (!old) throw new ValidationError("L'administrateur actuel n'existe plus.");
      if (old.roles.some((r) => r.role === 'administrateur' && isRoleActive(r, effectiveOn) && r.from && r.from > lastDay)) {
        throw new ValidationError(CONTACT_MESSAGES.effectiveBeforeStart, 'effectiveOn');
      }
      const roles = old.roles.map((r) => (r.role === 'administrateur' && isRoleActive(r, effectiveOn) ? { ...r, until: lastDay } : r));
      await ctx.update('contacts', oldContactId, { roles });
    }
    const role: RoleAssignment = { role: 'administrateur', from: effectiveOn };
    let id: string;
    if (newContact) {
      const { id: _ignored, ...data } = newContact;
      id = await ctx.create('contacts', { ...data, roles: [...data.roles.filter((r) => r.role !== 'administrateur'), role] });
    } else {
      id = (next as { existingId: string }).existingId;
      const existing = await ctx.get('contacts', id);
      if (!existing) throw new ValidationError("Cet interlocuteur n'existe plus.");
      const already = existing.roles.some((r) => r.role === 'administrateur' && isRoleActive(r, effectiveOn));
      if (!already) await ctx.update('contacts', id, { roles: [...existing.roles, role] });
    }
    if (options.inChain && oldContactId) {
      for (const chain of await liveRowsWhere(store.db, 'chains', 'partnerId', partnerId)) {
        const sides = repointChain(chain, oldContactId, id);
        if (sides) await ctx.update('chains', chain.id, sides);
      }
    }
    return id;
  });
}

/** Is `contactId` in the partner's escalation chain (where « replace in the chain » applies)? */
export async function inEscalationChain(db: AppDatabase, partnerId: string, contactId: string): Promise<boolean> {
  const chains = await liveRowsWhere(db, 'chains', 'partnerId', partnerId);
  return chains.some((c) => [...c.cafSide, ...c.partnerSide].some((e) => e.contactId === contactId));
}

/** People currently holding the administrateur role at a partner. */
export function currentAdministrators(contacts: readonly Contact[], today: string): Contact[] {
  return contacts.filter((c) => c.roles.some((r) => r.role === 'administrateur' && isRoleActive(r, today)));
}
