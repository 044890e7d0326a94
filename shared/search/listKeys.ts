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

/** Partner keys: n folded name (the habilitations list walks partners in this order). */
export function partnerListKeys(r: Record<string, unknown>): { n: string } {
  return { n: folded(text(r.name)) };
}

/** The `_k` of a record of `table`, or undefined for tables whose lists are not paged through indexes. */
export const listKeysByTable: Readonly<Record<string, (r: Record<string, unknown>) => object>> = {
  habilitations: habilitationListKeys,
  partners: partnerListKeys,
};
