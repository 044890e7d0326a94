/**
 * A stored record as the cells of its spreadsheet row, field key by field key: what « Exporter toute la base »
 * writes, and what the import's preview shows for a row (the values as they will be stored, after parsing and
 * normalisation, not as typed in the file). One set of getters serves both, so the two never disagree.
 */
import type { Allocation, Contact, Convention, Habilitation, Partner } from '../domain';
import { managementModeLabels } from '../domain/convention';
import { endReasonLabels, habilitationStatusLabels } from '../domain/habilitation';
import { partnerKindLabels } from '../domain/partner';
import { cellText, type CellValue } from './cells';
import { fieldOf, type RowKind } from './fields';
import { formatAmendments, formatRoles, formatServices } from './formats';

type Getter<R> = (row: R) => CellValue | undefined;
type Getters<R> = Record<string, Getter<R>>;

export interface CellLookup {
  partner(id: string | undefined): Partner | undefined;
  convention(partner: Partner): Convention | undefined;
}

const yesNo = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'oui' : 'non');

export function cellGetters(lookup: CellLookup): { partenaire: Getters<Partner>; interlocuteur: Getters<Contact>; profil: Getters<Allocation>; habilitation: Getters<Habilitation> } {
  const ref = <R extends { partnerId?: string | undefined }>(): Getters<R> => ({
    partnerName: (r) => lookup.partner(r.partnerId)?.name,
    partnerSiret: (r) => lookup.partner(r.partnerId)?.siret,
    partnerPostalCode: (r) => lookup.partner(r.partnerId)?.address.postalCode,
  });
  const conv = lookup.convention;
  return {
    partenaire: {
      name: (p) => p.name,
      kind: (p) => partnerKindLabels[p.kind],
      siret: (p) => p.siret,
      line1: (p) => p.address.line1,
      line2: (p) => p.address.line2,
      postalCode: (p) => p.address.postalCode,
      city: (p) => p.address.city,
      repCivility: (p) => p.representative.civility,
      repFirstName: (p) => p.representative.firstName,
      repLastName: (p) => p.representative.lastName,
      repTitle: (p) => p.representative.title,
      archived: (p) => yesNo(p.status === 'archive'),
      notes: (p) => p.notes,
      conventionNumber: (p) => conv(p)?.number,
      managementMode: (p) => (conv(p) ? managementModeLabels[conv(p)!.managementMode] : undefined),
      signedOn: (p) => conv(p)?.signedOn,
      effectiveOn: (p) => conv(p)?.effectiveOn,
      tacitRenewal: (p) => yesNo(conv(p)?.tacitRenewal),
      terminationRequestedOn: (p) => conv(p)?.terminationRequestedOn,
      terminationEffectiveOn: (p) => conv(p)?.terminationEffectiveOn,
      missions: (p) => conv(p)?.missions,
      amendments: (p) => formatAmendments(conv(p)?.amendments ?? []),
      services: (p) => formatServices(conv(p)?.services ?? []),
      reverseReviewLastDone: (p) => conv(p)?.reverseReviewLastDone,
      reverseReviewNextDue: (p) => conv(p)?.reverseReviewNextDue,
    },
    interlocuteur: {
      ...ref<Contact>(),
      civility: (c) => c.civility,
      firstName: (c) => c.firstName,
      lastName: (c) => c.lastName,
      function: (c) => c.function,
      email: (c) => c.email,
      // Phones as stored (E.164): « +262262486211 » re-imports exactly; the lists show them formatted.
      landline: (c) => c.landline,
      mobile: (c) => c.mobile,
      roles: (c) => formatRoles(c.roles),
      activeFrom: (c) => c.activeFrom,
      activeUntil: (c) => c.activeUntil,
      notes: (c) => c.notes,
    },
    profil: {
      ...ref<Allocation>(),
      service: (a) => a.service,
      profile: (a) => a.profile,
      maxUsers: (a) => a.maxUsers,
    },
    habilitation: {
      ...ref<Habilitation>(),
      service: (h) => h.service,
      profile: (h) => h.profile,
      firstName: (h) => h.firstName,
      lastName: (h) => h.lastName,
      email: (h) => h.email,
      function: (h) => h.function,
      instructorNumber: (h) => h.instructorNumber,
      startOn: (h) => h.startOn,
      endOn: (h) => h.endOn,
      status: (h) => habilitationStatusLabels[h.status],
      endReason: (h) => (h.endReason ? endReasonLabels[h.endReason] : undefined),
      quotaOverrideReason: (h) => h.quotaOverrideReason,
    },
  };
}

/** A row's records as they will be stored: the row's own record, its partner, and (partner rows) its convention. */
export interface StoredRow {
  record: Partner | Contact | Allocation | Habilitation;
  partner?: Partner | undefined;
  convention?: Convention | undefined;
}

/** The text of each field of `keys` as it will be stored (dates dd/MM/yyyy, labels, oui/non). */
export function storedCells(kind: RowKind, keys: Iterable<string>, row: StoredRow): Map<string, string> {
  const getters = cellGetters({ partner: () => row.partner, convention: () => row.convention })[kind] as Getters<StoredRow['record']>;
  const out = new Map<string, string>();
  for (const key of keys) {
    const getter = getters[key];
    if (!getter) continue;
    const v = getter(row.record) ?? null;
    const iso = typeof v === 'string' && fieldOf(kind, key)?.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    out.set(key, iso ? `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}` : cellText(v));
  }
  return out;
}
