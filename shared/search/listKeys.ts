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

/**
 * The order of `compareValues` (renderer/components/VirtualTable.tsx: `Intl.Collator('fr', { sensitivity:
 * 'base', numeric: true })`, blanks last) as a plain string whose code-unit order is the same, so an index on it
 * walks a list in the order its columns sort (schema version 13). Letters folded (case, accents, ligatures and
 * the letters the collator takes as a base letter: ø, ł, đ…), spaces and punctuation mapped below the digits in
 * the collator's own order, each run of digits compared by value (length, then digits: « 2 » before « 10 »,
 * « 02 » equal to « 2 »). Checked against the collator in listKeys.test.ts.
 */
export function orderKey(value: string): string {
  if (value === '') return BLANK;
  let out = '';
  const s = fold(value.normalize('NFKD')).replace(BASE_LETTERS, (c) => BASE_LETTER_OF[c]!);
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') {
      let j = i;
      while (j < s.length && s[j]! >= '0' && s[j]! <= '9') j++;
      const digits = s.slice(i, j).replace(/^0+/, '') || '0';
      // Marker above every mapped punctuation and below 'a', then the run's length, then its digits.
      out += DIGITS + String.fromCharCode(0x30 + Math.min(digits.length, 0xff)) + digits;
      i = j;
      continue;
    }
    out += PUNCTUATION_RANK.get(c) ?? c;
    i++;
  }
  return out;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
/** Spaces, punctuation and symbols the lists meet, ranked as the collator orders them (equal ones share a rank). */
const PUNCTUATION_RANK: ReadonlyMap<string, string> = (() => {
  const chars = [...'\t\n \u00a0\u202f_-\u2010\u2011\u2013\u2014,;:!?.\u2026\u00b7\'\u2019\u2018"\u201c\u201d\u00ab\u00bb()[]{}\u00a7@*/\\&#%`^\u00b0+<=>|~$\u20ac'].sort(collator.compare);
  const rank = new Map<string, string>();
  let r = 0;
  chars.forEach((c, i) => {
    if (i > 0 && collator.compare(chars[i - 1]!, c) !== 0) r++;
    rank.set(c, String.fromCharCode(0x20 + r));
  });
  return rank;
})();
/** Above every punctuation rank (0x20 + at most 63), below the folded letters. */
const DIGITS = '`';
const BASE_LETTER_OF: Readonly<Record<string, string>> = { ø: 'o', ł: 'l', đ: 'd', ħ: 'h', ı: 'i', ŧ: 't' };
const BASE_LETTERS = /[øłđħıŧ]/g;

/**
 * Partner keys: n folded name (the habilitations list walks partners in this order), l the list's fields, o the
 * name in the list's order and a « archived » ('1') or not ('0'), for the walk of `[_deleted+_k.a+_k.o+id]`.
 */
export function partnerListKeys(r: Record<string, unknown>): { n: string; l: PartnerListKey; o: string; a: '0' | '1' } {
  const a = address(r);
  return {
    n: folded(text(r.name)),
    l: [text(r.name), text(r.kind), text(a.city), text(a.postalCode), text(r.siret), text(r.status)],
    o: orderKey(text(r.name)),
    a: r.status === 'archive' ? '1' : '0',
  };
}

export function conventionListKeys(r: Record<string, unknown>): { l: ConventionListKey } {
  const tacit = r.tacitRenewal === true ? '1' : r.tacitRenewal === false ? '0' : '';
  return { l: [text(r.partnerId), text(r.number), text(r.managementMode), text(r.signedOn), text(r.effectiveOn), tacit, text(r.terminationRequestedOn), text(r.terminationEffectiveOn)] };
}

/**
 * Contact keys: l the list's fields; o « last first » in the list's order; af / au the first and last day of
 * activity (blank: '' and BLANK, so a range on them needs no special case): whether a contact is active today
 * is counted from `[_deleted+_k.af+_k.au]` and `[_deleted+_k.au]` ranges, not by reading every contact.
 */
export function contactListKeys(r: Record<string, unknown>): { l: ContactListKey; o: string; af: string; au: string } {
  const roles = Array.isArray(r.roles) ? (r.roles as unknown[]) : [];
  const role = (x: unknown): [string, string, string] => {
    const o = x && typeof x === 'object' ? (x as Record<string, unknown>) : {};
    return [text(o.role), text(o.from), text(o.until)];
  };
  return {
    l: [text(r.lastName), text(r.firstName), text(r.email), text(r.function), text(r.partnerId), text(r.cafId), text(r.activeFrom), text(r.activeUntil), roles.map(role), text(r.landline), text(r.mobile)],
    o: orderKey(`${text(r.lastName)} ${text(r.firstName)}`),
    af: text(r.activeFrom),
    au: text(r.activeUntil) || BLANK,
  };
}

/** The `_k` of a record of `table`, or undefined for tables whose lists are not paged through indexes. */
export const listKeysByTable: Readonly<Record<string, (r: Record<string, unknown>) => object>> = {
  habilitations: habilitationListKeys,
  partners: partnerListKeys,
  conventions: conventionListKeys,
  contacts: contactListKeys,
};
