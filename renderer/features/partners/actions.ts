/**
 * Partner and convention actions. Each is one `store.write` (one transaction, history lines); rules that the
 * zod schemas cannot express (SIRET key, postal code, termination notice) are checked here first, so a refused
 * action throws a `ValidationError` with the French message and stores nothing.
 */
import type { AppDatabase } from '../../db/database';
import { liveRows, liveRowsWhere, ValidationError, type Store } from '../../db/store';
import type { Convention, ManagementMode } from '../../../shared/domain/convention';
import type { Partner, PartnerKind } from '../../../shared/domain/partner';
import type { Civility } from '../../../shared/domain/common';
import { normaliseSiret, siretError } from '../../../shared/rules/siret';
import { normalisePostalCode, postalCodeError } from '../../../shared/rules/postalCode';
import { conventionDatesError, conventionStatus, nextRenewal, reverseReviewNextDue, type ConventionStatus } from '../../../shared/rules/convention';

import { officeCafId } from '../cafs/actions';

export const PARTNER_MESSAGES = {
  nameRequired: 'Le nom du partenaire est obligatoire.',
  kindRequired: 'Le type de partenaire est obligatoire.',
  postalCodeRequired: 'Le code postal est obligatoire.',
  cityRequired: 'La commune est obligatoire.',
  modeRequired: 'Le mode de gestion des habilitations est obligatoire.',
} as const;

export interface PartnerInput {
  name: string;
  kind: PartnerKind | '';
  siret: string;
  address: { line1: string; line2: string; postalCode: string; city: string };
  representative: { civility?: Civility; firstName: string; lastName: string; title: string };
  notes: string;
  /** The Caf the partner belongs to; when absent, the office's Caf (see currentCafId). */
  cafId?: string;
}

export interface NewConventionInput {
  number: string;
  managementMode: ManagementMode | '';
  signedOn?: string;
  effectiveOn?: string;
}

export interface FieldError {
  field: string;
  message: string;
}

/** Every problem of the partner form, in form order (the first one is also shown at the top). */
export function partnerErrors(p: PartnerInput, convention?: NewConventionInput): FieldError[] {
  const out: FieldError[] = [];
  if (!p.name.trim()) out.push({ field: 'name', message: PARTNER_MESSAGES.nameRequired });
  if (!p.kind) out.push({ field: 'kind', message: PARTNER_MESSAGES.kindRequired });
  if (p.siret.trim()) {
    const e = siretError(p.siret);
    if (e) out.push({ field: 'siret', message: e });
  }
  if (!p.address.postalCode.trim()) out.push({ field: 'postalCode', message: PARTNER_MESSAGES.postalCodeRequired });
  else {
    const e = postalCodeError(p.address.postalCode);
    if (e) out.push({ field: 'postalCode', message: e });
  }
  if (!p.address.city.trim()) out.push({ field: 'city', message: PARTNER_MESSAGES.cityRequired });
  if (convention) {
    if (!convention.managementMode) out.push({ field: 'managementMode', message: PARTNER_MESSAGES.modeRequired });
    const e = conventionDatesError(convention);
    if (e) out.push({ field: 'effectiveOn', message: e });
  }
  return out;
}

function check(errors: FieldError[]): void {
  const first = errors[0];
  if (first) throw new ValidationError(first.message, first.field);
}

function cleanPartner(p: PartnerInput): Omit<Partner, 'id' | 'cafId' | 'status'> {
  return {
    name: p.name.trim(),
    kind: p.kind as PartnerKind,
    siret: p.siret.trim() ? normaliseSiret(p.siret) : '',
    address: { ...p.address, postalCode: normalisePostalCode(p.address.postalCode), city: p.address.city.trim() },
    representative: p.representative,
    notes: p.notes,
  };
}

/** The office's Caf (chosen in Paramètres), the default Caf of a new partner or Caf-side contact. */
export function currentCafId(db: AppDatabase, settings: { officeCafId: string } = { officeCafId: '' }): Promise<string> {
  return officeCafId(db, settings);
}

/** Creates the partner and its convention together; returns the partner id. */
export async function createPartner(store: Store, p: PartnerInput, c: NewConventionInput): Promise<string> {
  check(partnerErrors(p, c));
  const cafId = p.cafId || (await currentCafId(store.db));
  return store.write('Création du partenaire', async (ctx) => {
    const id = await ctx.create('partners', { ...cleanPartner(p), cafId, status: 'actif' });
    await ctx.create('conventions', {
      partnerId: id,
      number: c.number.trim(),
      signedOn: c.signedOn,
      effectiveOn: c.effectiveOn,
      tacitRenewal: true,
      managementMode: c.managementMode as ManagementMode,
      missions: '',
      amendments: [],
      services: [{ code: 'CDAP' }],
    });
    return id;
  });
}

export async function updatePartner(store: Store, id: string, p: PartnerInput): Promise<void> {
  check(partnerErrors(p));
  await store.write('Modification du partenaire', (ctx) => ctx.update('partners', id, p.cafId ? { ...cleanPartner(p), cafId: p.cafId } : cleanPartner(p)));
}

/** Archiving keeps everything (history, habilitations to purge later); it only leaves the default list. */
export async function setPartnerArchived(store: Store, id: string, archived: boolean): Promise<void> {
  await store.write(archived ? 'Archivage du partenaire' : 'Réactivation du partenaire', (ctx) =>
    ctx.update('partners', id, { status: archived ? 'archive' : 'actif' }),
  );
}

/** Convention edits: dates checked (effect after signature, ≥ 3 months' notice); next review derived. */
export async function updateConvention(store: Store, id: string, patch: Partial<Omit<Convention, 'id' | 'partnerId'>>, action = 'Modification de la convention'): Promise<void> {
  await store.write(action, async (ctx) => {
    const current = await ctx.get('conventions', id);
    if (!current) throw new ValidationError("Cette convention n'existe plus.");
    const next = { ...current, ...patch };
    const err = conventionDatesError(next);
    if (err) throw new ValidationError(err, 'terminationEffectiveOn');
    for (const a of next.amendments) if (!a.object.trim()) throw new ValidationError("L'objet de l'avenant est obligatoire.", 'amendments');
    const due = next.reverseReviewLastDone ? reverseReviewNextDue(next) : next.reverseReviewNextDue;
    await ctx.update('conventions', id, { ...patch, reverseReviewNextDue: due });
  });
}

/** The partner's convention (one per partner; the most recent effective date if several came in by sync). */
export async function conventionOf(db: AppDatabase, partnerId: string): Promise<Convention | undefined> {
  const list = await liveRowsWhere(db, 'conventions', 'partnerId', partnerId);
  return list.sort((a, b) => (b.effectiveOn ?? '').localeCompare(a.effectiveOn ?? ''))[0];
}

export interface PartnerRow {
  partner: Partner;
  convention?: Convention;
  status: ConventionStatus;
  renewal?: string;
}

/**
 * Each partner's convention among `conventions` (several may come in by sync): the most recent effective date,
 * the smallest id among equal dates, whatever order they come in.
 */
export function currentConventions<C extends { id: string; partnerId: string; effectiveOn?: string }>(conventions: Iterable<C>): Map<string, C> {
  const byPartner = new Map<string, C>();
  for (const c of conventions) {
    const prev = byPartner.get(c.partnerId);
    const a = c.effectiveOn ?? '';
    const b = prev?.effectiveOn ?? '';
    if (!prev || a > b || (a === b && c.id < prev.id)) byPartner.set(c.partnerId, c);
  }
  return byPartner;
}

/** List rows of `partners`, joined with their conventions. */
export function partnerRowsOf<P extends { id: string }, C extends { id: string; partnerId: string; effectiveOn?: string } & NonNullable<Parameters<typeof conventionStatus>[0]>>(
  partners: readonly P[],
  conventions: Iterable<C>,
  today: string,
): { partner: P; convention?: C; status: ConventionStatus; renewal?: string }[] {
  const byPartner = currentConventions(conventions);
  return partners.map((partner) => {
    const convention = byPartner.get(partner.id);
    return { partner, convention, status: conventionStatus(convention, today), renewal: nextRenewal(convention, today) };
  });
}

/** The whole list, joined in memory: two table scans (the list itself: partnerList.ts). */
export async function loadPartnerRows(db: AppDatabase, today: string): Promise<PartnerRow[]> {
  const [partners, conventions] = await Promise.all([liveRows(db, 'partners'), liveRows(db, 'conventions')]);
  return partnerRowsOf(partners, conventions, today);
}
