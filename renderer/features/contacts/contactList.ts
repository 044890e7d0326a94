/**
 * The data of the « Interlocuteurs » list (issue 16). Sorted by name, rows are walked from a name index and
 * filtered a page at a time; one partner's contacts come from the `partnerId` index; other sorts and the text
 * filter compute order and counts from the list fields each record keeps in `_k.l` (contacts and partners,
 * schema version 11, renderer/db/paging.ts `listFields`) (`contactView`). Only the rows shown are read, a page
 * at a time. The rules are those of the former whole-table list (`contactRowsOf`, `filterContactRows`), unchanged.
 */
import { compareValues, type SortState } from '../../components/VirtualTable';
import { dataOf } from '../../../shared/crdt/record';
import type { Caf } from '../../../shared/domain/caf';
import { contactRoleLabels, type Contact, type ContactRole, type RoleAssignment } from '../../../shared/domain/contact';
import { activeRoles, isContactActive } from '../../../shared/rules/requiredRoles';
import type { ContactListKey, PartnerListKey } from '../../../shared/search/listKeys';
import { haystack, textMatcher } from '../../../shared/search/match';
import type { AppDatabase } from '../../db/database';
import Dexie from 'dexie';
import type { CrdtRecord } from '../../../shared/crdt/record';
import { countRange, filteredPages, idPages, listFields, rangePages, tiesAscending, type PageSource } from '../../db/paging';
import { liveRows } from '../../db/store';
import { cafLabel } from '../cafs/officeCaf';

/** What the list filters and sorts on: a full contact has it all; `_k.l` gives exactly this. */
export type ContactListFields = Pick<Contact, 'id' | 'lastName' | 'firstName' | 'email' | 'function' | 'partnerId' | 'cafId' | 'activeFrom' | 'activeUntil' | 'roles' | 'landline' | 'mobile'>;

export interface ContactRow<C extends ContactListFields = Contact> {
  contact: C;
  owner: string;
  roles: string;
  active: boolean;
}

export interface ContactFilters {
  text: string;
  role: string;
  partnerId: string;
  side: '' | 'partenaire' | 'caf';
  activity: 'actifs' | 'anciens' | 'tous';
  sort: SortState;
}

/** List rows of `contacts`: owner (partner name, or the contact's own Caf), current roles, active today. */
export function contactRowsOf<C extends ContactListFields>(contacts: readonly C[], partnerNames: ReadonlyMap<string, string>, cafs: ReadonlyMap<string, Caf>, today: string): ContactRow<C>[] {
  return contacts.map((c) => ({
    contact: c,
    // A Caf-side contact shows its own Caf (a regional base holds several), never the office's by default.
    owner: c.partnerId ? (partnerNames.get(c.partnerId) ?? 'Partenaire inconnu') : cafLabel(cafs, c.cafId),
    roles: activeRoles(c, today)
      .map((r) => contactRoleLabels[r])
      .join(', '),
    active: isContactActive(c, today),
  }));
}

const sortKeys: Record<string, (r: ContactRow<ContactListFields>) => string> = {
  name: (r) => `${r.contact.lastName} ${r.contact.firstName}`,
  owner: (r) => r.owner,
  function: (r) => r.contact.function,
  roles: (r) => r.roles,
  email: (r) => r.contact.email,
};

/** Whether a row passes the filters (order aside). */
export function contactRowFilter(filters: Omit<ContactFilters, 'sort'>, today: string): (r: ContactRow<ContactListFields>) => boolean {
  const match = textMatcher(filters.text);
  return (r) => {
    const c = r.contact;
    if (filters.activity === 'actifs' && !r.active) return false;
    if (filters.activity === 'anciens' && r.active) return false;
    if (filters.side === 'caf' && !c.cafId) return false;
    if (filters.side === 'partenaire' && !c.partnerId) return false;
    if (filters.partnerId && c.partnerId !== filters.partnerId) return false;
    if (filters.role && !activeRoles(c, today).includes(filters.role as ContactRole)) return false;
    if (match && !match(haystack([c.firstName, c.lastName, c.email, c.function, r.owner], [c.landline, c.mobile]))) return false;
    return true;
  };
}

/** The rows the filters keep, in the list's order (equal keys keep the order given). */
export function filterContactRows<R extends ContactRow<ContactListFields>>(rows: readonly R[], filters: ContactFilters, today: string): R[] {
  const out = rows.filter(contactRowFilter(filters, today));
  const key = sortKeys[filters.sort.column] ?? sortKeys.name!;
  const sign = filters.sort.direction === 'asc' ? 1 : -1;
  return out.sort((a, b) => sign * compareValues(key(a), key(b)));
}

const optional = (s: string) => s || undefined;
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface ContactList {
  /** Every live contact's list row, in id order like the former table read. */
  rows: ContactRow<ContactListFields>[];
  /** Live partners, for the partner filter. */
  partners: { id: string; name: string }[];
  cafs: ReadonlyMap<string, Caf>;
}

/** The list's rows from the `_k.l` of two index ranges (`listFields`) and the few Cafs. */
export async function contactList(db: AppDatabase, today: string): Promise<ContactList> {
  const [contacts, partners, cafs] = await Promise.all([listFields<ContactListKey>(db.contacts), listFields<PartnerListKey>(db.partners), liveRows(db, 'cafs')]);
  const names = new Map(partners.map((p) => [p.id, p.l[0]]));
  const cafMap = new Map(cafs.map((c) => [c.id, c]));
  const fields = contacts.sort(byId).map(({ id, l }): ContactListFields => ({
    id,
    lastName: l[0],
    firstName: l[1],
    email: l[2],
    function: l[3],
    partnerId: optional(l[4]),
    cafId: optional(l[5]),
    activeFrom: optional(l[6]),
    activeUntil: optional(l[7]),
    landline: l[9],
    mobile: l[10],
    roles: l[8].map(([role, from, until]): RoleAssignment => ({ role: role as ContactRole, from: optional(from), until: optional(until) })),
  }));
  return { rows: contactRowsOf(fields, names, cafMap, today), partners: partners.map((p) => ({ id: p.id, name: p.l[0] })), cafs: cafMap };
}

/** Full rows of `ids` (the list's order), read a page at a time; owner, roles and activity from `list`. */
export function contactPages(db: AppDatabase, ids: readonly string[], list: ContactList): PageSource<ContactRow> {
  const fieldsOf = new Map(list.rows.map((r) => [r.contact.id, r]));
  return idPages(ids, async (page) => {
    const out: ContactRow[] = [];
    for (const r of await db.contacts.bulkGet(page)) {
      const known = r && r._deleted === 0 ? fieldsOf.get(r.id) : undefined;
      if (r && known) out.push({ ...known, contact: dataOf<Contact>(r) });
    }
    return out;
  });
}

/**
 * How the list reads a view:
 * - `index`: sorted by name, filtered on activity only (« Actifs », the default, « Anciens » or « Tous »): rows
 *   walked in name order from `[_deleted+_k.o+id]`, counts from index ranges (`contactCounts`);
 * - `walk`: sorted by name, filtered by role or side too: the same walk, filtered a page at a time
 *   (`filteredPages`) until the page is full. Current roles depend on the day, so no index holds them; the
 *   count is computed from the list fields after the first rows are shown;
 * - `partner`: one partner's contacts (`partnerId` index, a few rows), any sort, filtered and sorted in memory;
 * - `fields`: any other sort, or the text filter (it matches five columns and the owner's name, so it reads every
 *   row anyway): order, filters and counts from every contact's list fields (`contactList`).
 * Each page's owners, current roles and activity are computed for `today` from that page's records.
 */
export type ContactView = 'index' | 'walk' | 'partner' | 'fields';

export function contactView(f: ContactFilters): ContactView {
  if (f.partnerId) return 'partner';
  if (f.sort.column !== 'name' || f.text) return 'fields';
  return f.role || f.side ? 'walk' : 'index';
}

/** Whether `f` is an `index` view (name order, activity only): its counts come from index ranges. */
export function isIndexedContactView(f: ContactFilters): boolean {
  return contactView(f) === 'index';
}

const orderOf = (r: CrdtRecord): string => (r._k as { o: string }).o;

/** List rows of contact records, owners' names read for the partners not met yet (`names`, kept by the caller). */
function rowsOfRecords(db: AppDatabase, names: Map<string, string>, cafs: ReadonlyMap<string, Caf>, today: string): (rows: CrdtRecord[]) => Promise<ContactRow[]> {
  return async (rows) => {
    const missing = [...new Set(rows.flatMap((r) => (typeof r.partnerId === 'string' && r.partnerId && !names.has(r.partnerId) ? [r.partnerId] : [])))];
    if (missing.length) {
      const partners = await db.partners.bulkGet(missing);
      for (const p of partners) if (p && p._deleted === 0) names.set(p.id, typeof p.name === 'string' ? p.name : '');
    }
    return contactRowsOf(
      rows.map((r) => dataOf<Contact>(r)),
      names,
      cafs,
      today,
    );
  };
}

/** The rows of an `index` or `walk` view (`contactView`), in the list's order, a page at a time. */
export function contactIndexPages(db: AppDatabase, f: ContactFilters, today: string, cafs: ReadonlyMap<string, Caf>): PageSource<ContactRow> {
  const descending = f.sort.direction === 'desc';
  const walk = rangePages(db.contacts, '[_deleted+_k.o+id]', [0], (r) => [orderOf(r)], { descending });
  const rowsOf = rowsOfRecords(db, new Map(), cafs, today);
  const keep = contactRowFilter(f, today);
  // Activity and side are read on the record: rows they leave out are not joined with their partner.
  const cheap = (r: CrdtRecord) =>
    (f.activity === 'tous' || isContactActive(r as Pick<Contact, 'activeFrom' | 'activeUntil'>, today) === (f.activity === 'actifs')) && (f.side !== 'caf' || !!r.cafId) && (f.side !== 'partenaire' || !!r.partnerId);
  // No Dexie filter on the walk: it would read row by row with a cursor; `filteredPages` reads chunks with getAll.
  return filteredPages(descending ? tiesAscending(walk, orderOf) : walk, async (rows) => (await rowsOf(rows.filter(cheap))).filter(keep));
}

/**
 * A `partner` view's rows before its filters and sort: that partner's live contacts (`partnerId` index), in id
 * order like the whole list (equal sort keys keep that order); `filterContactRows` then applies the view.
 */
export async function partnerContactRows(db: AppDatabase, partnerId: string, today: string, cafs: ReadonlyMap<string, Caf>): Promise<ContactRow[]> {
  const records = (await db.contacts.where('partnerId').equals(partnerId).toArray()).filter((r) => r._deleted === 0).sort(byId);
  return rowsOfRecords(db, new Map(), cafs, today)(records);
}

export interface ContactCounts {
  /** Live contacts. */
  total: number;
  /** Those active on the day counted. */
  active: number;
}

/**
 * Live contacts and those active on `today`, from index ranges: active = all − not started yet (`af` after
 * today) − ended (`au` before today) + both (a contact ending before it starts: read from the keys of the
 * few not started yet). No record is read. The partners' range is counted too, only so that a live query
 * around this re-runs when a partner is renamed or removed (the owners shown follow them).
 */
export async function contactCounts(db: AppDatabase, today: string): Promise<ContactCounts> {
  const t = db.contacts;
  const [total, ended, future] = await Promise.all([
    countRange(t, '[_deleted+_k.au]', [0], [0, Dexie.maxKey]),
    countRange(t, '[_deleted+_k.au]', [0, ''], [0, today], true, false),
    t.where('[_deleted+_k.af+_k.au]').between([0, today, Dexie.maxKey], [0, Dexie.maxKey], false, true).keys() as Promise<unknown[][]>,
    db.partners.where('_deleted').equals(0).count(),
  ]);
  const both = future.filter((k) => String(k[2]) < today).length;
  return { total, active: total - future.length - ended + both };
}

/** How many rows an indexed view shows. */
export function indexedCount(c: ContactCounts, activity: ContactFilters['activity']): number {
  return activity === 'actifs' ? c.active : activity === 'anciens' ? c.total - c.active : c.total;
}
