/**
 * The one text match of the list filters, the pickers and the Caf results of the global search. It
 * normalises both sides with `tokenize` (accents, case, hyphens, apostrophes, spaces and punctuation do not
 * matter: « saint paul » finds « Saint-Paul ») and adds every digit form of a phone number to the record's
 * side, so « 0262 12 34 56 », « +262262123456 » and « 0262123456 » all find the same contact.
 */
import { phoneForms, tokenize } from './normalize';

/** What a record offers to a filter: its texts' tokens, then its phone numbers in every form, space-separated. */
export function haystack(texts: readonly (string | undefined)[], phones: readonly (string | undefined)[] = []): string {
  const parts: string[] = [];
  for (const t of texts) if (t) parts.push(...tokenize(t));
  for (const p of phones) if (p) parts.push(...phoneForms(p));
  return parts.join(' ');
}

/**
 * The filter a query stands for: each word of it must appear in the haystack (in any order, inside a word too,
 * as the lists always matched). Digit
 * words longer than a postal code also match in their other phone forms (« 00262… », « 262… »). Null for an
 * empty query: everything passes.
 */
export function textMatcher(query: string): ((hay: string) => boolean) | null {
  const words = tokenize(query).map((w) => (/^\d{9,}$/.test(w) ? [...new Set([w, ...phoneForms(w)])] : [w]));
  if (words.length === 0) return null;
  return (hay) => words.every((forms) => forms.some((f) => hay.includes(f)));
}

/** True when every word of `query` is found in the texts / phones (an empty query finds everything). */
export function matchesQuery(query: string, texts: readonly (string | undefined)[], phones: readonly (string | undefined)[] = []): boolean {
  const m = textMatcher(query);
  return m === null || m(haystack(texts, phones));
}

/**
 * A picker's `filterOptions` (MUI Autocomplete's signature, without MUI): the options whose label matches what
 * is typed, with the same rule as the lists.
 */
export function pickerFilter<T>(label: (option: T) => string): (options: T[], state: { inputValue: string }) => T[] {
  return (options, { inputValue }) => {
    const m = textMatcher(inputValue);
    return m === null ? options : options.filter((o) => m(haystack([label(o)])));
  };
}

/** `pickerFilter` for the usual picker of records with a `name` (partners, Cafs). */
export function filterByName<T extends { name: string }>(options: T[], state: { inputValue: string }): T[] {
  return pickerFilter<T>((o) => o.name)(options, state);
}

/** A Caf found by the global search. Cafs are a handful of records: matched directly, not through the index. */
export interface CafHit {
  kind: 'caf';
  id: string;
  title: string;
  subtitle: string;
}

/** The Cafs a global-search query finds (name, city, postal code, e-mail, guichet unique phone). */
export function cafHits(
  cafs: readonly { id: string; name: string; address: { city: string; postalCode: string }; helpdeskEmail: string; helpdeskPhone: string }[],
  query: string,
  limit = 8,
): CafHit[] {
  const m = textMatcher(query);
  if (m === null) return [];
  return cafs
    .filter((c) => m(haystack([c.name, c.address.city, c.address.postalCode, c.helpdeskEmail], [c.helpdeskPhone])))
    .slice(0, limit)
    .map((c) => ({ kind: 'caf', id: c.id, title: c.name, subtitle: [c.address.city, c.helpdeskEmail].filter(Boolean).join(' · ') }));
}
