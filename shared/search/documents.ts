/** What each record contributes to the search index: what is searched, and what a result line shows. */
import type { Contact } from '../domain/contact';
import type { Convention } from '../domain/convention';
import type { Habilitation } from '../domain/habilitation';
import { habilitationStatusLabels } from '../domain/values';
import type { Partner } from '../domain/partner';
import { phoneForms } from './normalize';
import { SearchIndex, type SearchDocument } from './searchIndex';
import { personName } from '../rules/names';

export type PartnerFields = Pick<Partner, 'id' | 'name' | 'siret' | 'address'>;
export type ConventionFields = Pick<Convention, 'partnerId' | 'number'>;
export type ContactFields = Pick<Contact, 'id' | 'partnerId' | 'firstName' | 'lastName' | 'email' | 'function' | 'landline' | 'mobile'>;
export type HabilitationFields = Pick<Habilitation, 'id' | 'partnerId' | 'firstName' | 'lastName' | 'email' | 'profile' | 'status'>;

const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ');

export function partnerDocument(p: PartnerFields, conventionNumbers: readonly string[]): SearchDocument {
  return {
    kind: 'partner',
    id: p.id,
    partnerId: p.id,
    title: p.name,
    subtitle: join(p.address.city, conventionNumbers[0] ? `convention ${conventionNumbers[0]}` : undefined),
    texts: [p.name, p.siret, p.address.city, p.address.postalCode, ...conventionNumbers],
  };
}

export function contactDocument(c: ContactFields, partnerName: string | undefined): SearchDocument {
  return {
    kind: 'contact',
    id: c.id,
    partnerId: c.partnerId ?? '',
    title: personName(c),
    subtitle: join(partnerName ?? (c.partnerId ? undefined : 'Caf'), c.function, c.email),
    texts: [c.firstName, c.lastName, c.email],
    extraTokens: [...phoneForms(c.landline), ...phoneForms(c.mobile)],
  };
}

export function habilitationDocument(h: HabilitationFields, partnerName: string | undefined): SearchDocument {
  return {
    kind: 'habilitation',
    id: h.id,
    partnerId: h.partnerId,
    title: personName(h),
    subtitle: join(partnerName, h.profile, habilitationStatusLabels[h.status], h.email),
    texts: [h.firstName, h.lastName, h.email],
  };
}

export interface SearchSource {
  partners: readonly PartnerFields[];
  conventions: readonly ConventionFields[];
  contacts: readonly ContactFields[];
  habilitations: readonly HabilitationFields[];
}

export function conventionNumbersByPartner(conventions: readonly ConventionFields[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of conventions) {
    if (!c.number) continue;
    const list = out.get(c.partnerId);
    if (list) list.push(c.number);
    else out.set(c.partnerId, [c.number]);
  }
  return out;
}

function* documentsOf(src: SearchSource): Generator<SearchDocument> {
  const names = new Map(src.partners.map((p) => [p.id, p.name] as const));
  const numbers = conventionNumbersByPartner(src.conventions);
  for (const p of src.partners) yield partnerDocument(p, numbers.get(p.id) ?? []);
  for (const c of src.contacts) yield contactDocument(c, c.partnerId ? names.get(c.partnerId) : undefined);
  for (const h of src.habilitations) yield habilitationDocument(h, names.get(h.partnerId));
}

/** The whole index from plain rows (one pass per table, one sort). */
export function buildSearchIndex(src: SearchSource): SearchIndex {
  return SearchIndex.build(documentsOf(src));
}

/** The same, yielding to `pause()` between slices (keeps a browser responsive). */
export function buildSearchIndexInSlices(src: SearchSource, pause: () => Promise<void>): Promise<SearchIndex> {
  return SearchIndex.buildInSlices(documentsOf(src), pause);
}
