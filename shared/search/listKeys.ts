/**
 * Sort keys of the lists, stored beside a record as its index field `_k` (like `_ts`/`_r`: derived from the
 * record, never user data, never in a bundle). The lists page through Dexie indexes on `[_deleted+_k.<key>+id]`
 * (renderer/db/schema.ts, version 5) instead of reading and sorting every row: the keys are folded (no accents,
 * lower case) so index order is the order the user expects, and blanks are `BLANK`, so they come last.
 */
import { fold } from './normalize';

/** Greater than any folded text: blank values sort after every other one (ascending). */
export const BLANK = '\uffff';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const folded = (v: string): string => {
  const f = fold(v.trim());
  return f === '' ? BLANK : f;
};

/** Habilitation list keys: n name (last, first), e e-mail, p profile (T2 before T10), s start, st status, f end. */
export interface HabilitationListKeys {
  n: string;
  e: string;
  p: string;
  s: string;
  st: string;
  f: string;
}

export function habilitationListKeys(r: Record<string, unknown>): HabilitationListKeys {
  return {
    n: folded(`${text(r.lastName)} ${text(r.firstName)}`),
    e: folded(text(r.email)),
    // Codes are « T » and a number: padding the number keeps T2 before T10, as the list always sorted them.
    p: text(r.profile).padStart(4, '0'),
    s: text(r.startOn) || BLANK,
    st: text(r.status) || BLANK,
    f: text(r.endOn) || BLANK,
  };
}

/**
 * What the Partenaires and Interlocuteurs lists filter and sort on, in one index key each (`l`, schema
 * version 11): a list's order, filters and counts are computed from `l` over the range of `[_deleted+_k.l+id]`;
 * only the rows shown are built, a page at a time (renderer/db/paging.ts). Raw values, not folded: the lists fold
 * and collate them as they always did. Every part is a string (an undefined part would leave the record out of
 * the index).
 */
export type PartnerListKey = [name: string, kind: string, city: string, postalCode: string, siret: string, status: string];
/** The convention's part of a partner's list row: its partner, number, mode and the dates its status follows. */
export type ConventionListKey = [partnerId: string, number: string, managementMode: string, signedOn: string, effectiveOn: string, tacitRenewal: '' | '0' | '1', terminationRequestedOn: string, terminationEffectiveOn: string];
/** Roles with their dates: whether a contact or a role is current depends on the day the list is shown. */
export type ContactListKey = [lastName: string, firstName: string, email: string, fn: string, partnerId: string, cafId: string, activeFrom: string, activeUntil: string, roles: [role: string, from: string, until: string][], landline: string, mobile: string];

const address = (r: Record<string, unknown>): Record<string, unknown> => (r.address && typeof r.address === 'object' ? (r.address as Record<string, unknown>) : {});

/** Partner keys: n folded name (the habilitations list walks partners in this order), l the list's fields. */
export function partnerListKeys(r: Record<string, unknown>): { n: string; l: PartnerListKey } {
  const a = address(r);
  return { n: folded(text(r.name)), l: [text(r.name), text(r.kind), text(a.city), text(a.postalCode), text(r.siret), text(r.status)] };
}

export function conventionListKeys(r: Record<string, unknown>): { l: ConventionListKey } {
  const tacit = r.tacitRenewal === true ? '1' : r.tacitRenewal === false ? '0' : '';
  return { l: [text(r.partnerId), text(r.number), text(r.managementMode), text(r.signedOn), text(r.effectiveOn), tacit, text(r.terminationRequestedOn), text(r.terminationEffectiveOn)] };
}

export function contactListKeys(r: Record<string, unknown>): { l: ContactListKey } {
  const roles = Array.isArray(r.roles) ? (r.roles as unknown[]) : [];
  const role = (x: unknown): [string, string, string] => {
    const o = x && typeof x === 'object' ? (x as Record<string, unknown>) : {};
    return [text(o.role), text(o.from), text(o.until)];
  };
  return { l: [text(r.lastName), text(r.firstName), text(r.email), text(r.function), text(r.partnerId), text(r.cafId), text(r.activeFrom), text(r.activeUntil), roles.map(role), text(r.landline), text(r.mobile)] };
}

/** The `_k` of a record of `table`, or undefined for tables whose lists are not paged through indexes. */
export const listKeysByTable: Readonly<Record<string, (r: Record<string, unknown>) => object>> = {
  habilitations: habilitationListKeys,
  partners: partnerListKeys,
  conventions: conventionListKeys,
  contacts: contactListKeys,
};
