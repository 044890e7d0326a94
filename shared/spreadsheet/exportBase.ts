/**
 * « Exporter toute la base »: one workbook, a sheet per kind of record the import knows (partners with their
 * convention, contacts, allocations, habilitations), with the import's own headers so the workbook imports back
 * into an empty base unchanged. Caf-side contacts, escalation procedures and follow-ups travel in bundles.
 */
import { endReasonLabels, habilitationStatusLabels } from '../domain/habilitation';
import { managementModeLabels } from '../domain/convention';
import { partnerKindLabels } from '../domain/partner';
import type { Allocation, Contact, Convention, Habilitation, Partner } from '../domain';
import type { CellValue } from './cells';
import { fieldCatalogue, rowKindSheets, type RowKind } from './fields';
import { formatAmendments, formatRoles, formatServices, type ExistingData } from './plan';
import type { XlsxColumn, XlsxSheet } from './xlsxWrite';

type Getter<R> = (row: R) => CellValue | undefined;

function sheetOf<R>(kind: RowKind, rows: readonly R[], getters: Record<string, Getter<R>>): XlsxSheet {
  const defs = fieldCatalogue[kind].filter((d) => getters[d.key]);
  const columns: XlsxColumn[] = defs.map((d) => ({ header: d.header, kind: d.type === 'date' ? 'date' : d.type === 'integer' ? 'number' : 'text' }));
  return { name: rowKindSheets[kind], columns, rows: rows.map((r) => defs.map((d) => getters[d.key]!(r))) };
}

const yesNo = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'oui' : 'non');

export function baseSheets(data: ExistingData): XlsxSheet[] {
  const partnerById = new Map(data.partners.map((p) => [p.id, p]));
  const conventionOf = new Map<string, Convention>();
  for (const c of data.conventions) {
    const prev = conventionOf.get(c.partnerId);
    if (!prev || (c.effectiveOn ?? '') > (prev.effectiveOn ?? '')) conventionOf.set(c.partnerId, c);
  }
  const ref = <R extends { partnerId?: string | undefined }>(): Record<string, Getter<R>> => ({
    partnerName: (r) => partnerById.get(r.partnerId ?? '')?.name,
    partnerSiret: (r) => partnerById.get(r.partnerId ?? '')?.siret,
    partnerPostalCode: (r) => partnerById.get(r.partnerId ?? '')?.address.postalCode,
  });
  const conv = (p: Partner) => conventionOf.get(p.id);
  const partners = sheetOf<Partner>('partenaire', data.partners, {
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
  });
  const contacts = sheetOf<Contact>('interlocuteur', data.contacts.filter((c) => c.partnerId && partnerById.has(c.partnerId)), {
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
  });
  const allocations = sheetOf<Allocation>('profil', data.allocations.filter((a) => partnerById.has(a.partnerId)), {
    ...ref<Allocation>(),
    service: (a) => a.service,
    profile: (a) => a.profile,
    maxUsers: (a) => a.maxUsers,
  });
  const habilitations = sheetOf<Habilitation>('habilitation', data.habilitations.filter((h) => partnerById.has(h.partnerId)), {
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
  });
  return [partners, contacts, allocations, habilitations];
}

