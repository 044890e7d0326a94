/**
 * The data of the « Partenaires » list (issue 16). Sorted by name, the rows are walked from a name index and
 * filtered a page at a time (`partnerView`); other sorts and the text filter compute order and counts from the
 * list fields each record keeps in `_k.l` (partners and conventions, schema version 11, renderer/db/paging.ts
 * `listFields`). Only the rows shown are read, a page at a time. The filters and the order are exactly those of
 * the former whole-table list (`filterPartnerRows`, unchanged rules).
 */
import { compareValues, type SortState } from '../../components/VirtualTable';
import { dataOf, type CrdtRecord } from '../../../shared/crdt/record';
import type { Convention, ManagementMode } from '../../../shared/domain/convention';
import { partnerKindLabels, type Partner, type PartnerKind } from '../../../shared/domain/partner';
import { managementModeLabels } from '../../../shared/domain/convention';
import { conventionStatuses, type ConventionStatus } from '../../../shared/rules/convention';
import type { ConventionListKey, PartnerListKey } from '../../../shared/search/listKeys';
import { haystack, textMatcher } from '../../../shared/search/match';
import type { AppDatabase } from '../../db/database';
import Dexie from 'dexie';
import { bucketedPages, countRange, filteredPages, idPages, listFields, mapPages, rangePages, rowsOfEach, tiesAscending, type ManyReads, type PageSource } from '../../db/paging';
import { partnerRowsOf, type PartnerRow } from './actions';

export interface PartnerFilters {
  text: string;
  kind: string;
  status: string;
  mode: string;
  /** yyyy-MM of the next tacit renewal. */
  renewalMonth: string;
  archived: boolean;
  sort: SortState;
}

/** What the list filters and sorts on: a `PartnerRow` has it all; `_k.l` gives exactly this. */
export interface PartnerListRow {
  partner: Pick<Partner, 'id' | 'name' | 'kind' | 'siret' | 'status'> & { address: Pick<Partner['address'], 'city' | 'postalCode'> };
  convention?: Pick<Convention, 'number' | 'managementMode'>;
  status: ConventionStatus;
  renewal?: string;
}

const sortValue: Record<string, (r: PartnerListRow) => string | undefined> = {
  name: (r) => r.partner.name,
  kind: (r) => partnerKindLabels[r.partner.kind],
  city: (r) => r.partner.address.city,
  number: (r) => r.convention?.number,
  status: (r) => String(conventionStatuses.indexOf(r.status)),
  mode: (r) => (r.convention ? managementModeLabels[r.convention.managementMode] : undefined),
  renewal: (r) => r.renewal,
};

/** Whether a row passes the filters (order aside). */
export function partnerRowFilter(f: Omit<PartnerFilters, 'sort'>): (r: PartnerListRow) => boolean {
  const match = textMatcher(f.text);
  return (r) => {
    if (!f.archived && r.partner.status === 'archive') return false;
    if (f.kind && r.partner.kind !== f.kind) return false;
    if (f.status && r.status !== f.status) return false;
    if (f.mode && r.convention?.managementMode !== f.mode) return false;
    if (f.renewalMonth && !r.renewal?.startsWith(f.renewalMonth)) return false;
    if (match && !match(haystack([r.partner.name, r.partner.address.city, r.partner.address.postalCode, r.convention?.number, r.partner.siret]))) return false;
    return true;
  };
}

/** The rows the filters keep, in the list's order (ties: by name, then as given). */
export function filterPartnerRows<R extends PartnerListRow>(rows: readonly R[], f: PartnerFilters): R[] {
  const out = rows.filter(partnerRowFilter(f));
  const key = sortValue[f.sort.column] ?? sortValue.name!;
  const sign = f.sort.direction === 'asc' ? 1 : -1;
  return out.sort((a, b) => sign * compareValues(key(a), key(b)) || compareValues(a.partner.name, b.partner.name));
}

const optional = (s: string) => s || undefined;
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Every live partner's list row, from the `_k.l` of two index ranges (`listFields`), in id order like the former
 * table read (equal sort values keep that order).
 */
export async function partnerListRows(db: AppDatabase, today: string): Promise<PartnerListRow[]> {
  const [partners, conventions] = await Promise.all([listFields<PartnerListKey>(db.partners), listFields<ConventionListKey>(db.conventions)]);
  const ps = partners.sort(byId).map(({ id, l }) => ({ id, name: l[0], kind: l[1] as PartnerKind, address: { city: l[2], postalCode: l[3] }, siret: l[4], status: l[5] as Partner['status'] }));
  const cs = conventions.map(({ id, l }) => ({
    id,
    partnerId: l[0],
    number: l[1],
    managementMode: l[2] as ManagementMode,
    signedOn: optional(l[3]),
    effectiveOn: optional(l[4]),
    tacitRenewal: l[5] === '1' ? true : l[5] === '0' ? false : undefined,
    terminationRequestedOn: optional(l[6]),
    terminationEffectiveOn: optional(l[7]),
  }));
  return partnerRowsOf(ps, cs, today);
}

const live = (r: CrdtRecord | undefined): r is CrdtRecord => !!r && r._deleted === 0;

/** Full rows of the live ones of `partners` (in that order) joined with their conventions, as the list shows them. */
function joined(partners: readonly (CrdtRecord | undefined)[], conventions: readonly CrdtRecord[], today: string): PartnerRow[] {
  return partnerRowsOf(
    partners.filter(live).map((r) => dataOf<Partner>(r)),
    conventions.filter(live).map((r) => dataOf<Convention>(r)),
    today,
  );
}
/** Conventions of the partners `ids` (`rowsOfEach`: one getAll per partner, in one read transaction). */
const conventionsOf = async (db: AppDatabase, ids: readonly string[], how?: ManyReads): Promise<CrdtRecord[]> => (await rowsOfEach(db.conventions, 'partnerId', ids, how)).flat();

/** Full rows of `ids` (the list's order, from `filterPartnerRows`), read a page at a time with their conventions. */
export function partnerPages(db: AppDatabase, ids: readonly string[], today: string): PageSource<PartnerRow> {
  return idPages(ids, async (page) => {
    const [partners, conventions] = await Promise.all([db.partners.bulkGet(page), conventionsOf(db, page)]);
    return joined(partners, conventions, today);
  });
}

/**
 * How the list reads a view:
 * - `index`: no filter but « Inclure les archivés », sorted by name or by type: rows walked in name order from
 *   `[_deleted+_k.a+_k.o+id]` (archived left out: the range of `a` = '0') or `[_deleted+_k.o+id]`, counts from
 *   index ranges (`partnerCounts`). Sorted by type, the walk is regrouped by type (`bucketedPages`; ties in name
 *   order whichever the direction, as the list always sorted them), starting at the first type any partner has
 *   (`kind` index);
 * - `walk`: the same sorts, filtered by type, convention status, mode or renewal month: the same walk, each
 *   page's rows joined with their conventions and filtered (`filteredPages`) until the page is full. Statuses and
 *   renewals depend on the day, so no index can hold them (mode and renewal are the convention's, not the
 *   partner's); the first rows come as soon as a page's worth passes the filter, and the count is computed
 *   from the list fields after they are shown;
 * - `fields`: any other sort — by city or number (many values), or by status, mode or renewal (the convention's,
 *   and the day's: regrouping a walk by them reads every convention before the first rows) — or the text filter
 *   (it matches anywhere in five columns, so it reads every row anyway): order, filters and counts from every
 *   partner's list fields (`partnerListRows`), rows read by id.
 */
export type PartnerView = 'index' | 'walk' | 'fields';

export function partnerView(f: PartnerFilters): PartnerView {
  if ((f.sort.column !== 'name' && f.sort.column !== 'kind') || f.text) return 'fields';
  return f.kind || f.status || f.mode || f.renewalMonth ? 'walk' : 'index';
}

/** Whether `f` is an `index` view (no filter): its counts come from index ranges. */
export function isIndexedPartnerView(f: PartnerFilters): boolean {
  return partnerView(f) === 'index';
}

/**
 * Rank of a partner's type in a sort by type (`sortValue.kind`: its label; an unknown code is blank, last
 * ascending and first descending), equal labels sharing one.
 */
function kindRank(direction: SortState['direction']): (kind: unknown) => number {
  const sign = direction === 'asc' ? 1 : -1;
  // '' for blank (compareValues takes it as blank): Array.sort puts `undefined` last without comparing it.
  const labels = [...Object.values(partnerKindLabels), ''].sort((a, b) => sign * compareValues(a, b));
  const ranks = new Map<string, number>();
  let rank = 0;
  labels.forEach((v, i) => {
    if (i > 0 && compareValues(labels[i - 1], v) !== 0) rank++;
    ranks.set(v, rank);
  });
  const labelOf = partnerKindLabels as Record<string, string | undefined>;
  return (kind) => ranks.get((typeof kind === 'string' && Object.hasOwn(labelOf, kind) ? labelOf[kind] : undefined) ?? '')!;
}

const orderOf = (r: CrdtRecord): string => (r._k as { o: string }).o;

/**
 * The rows of an `index` or `walk` view (`partnerView`), in the list's order, a page at a time; statuses and
 * renewals computed for `today` from each page's own conventions. `how` only for the bench.
 */
export function partnerIndexPages(db: AppDatabase, f: PartnerFilters, today: string, how?: ManyReads): PageSource<PartnerRow> {
  const byKind = f.sort.column === 'kind';
  // Regrouped by type, ties stay in ascending name order whichever the direction.
  const descending = !byKind && f.sort.direction === 'desc';
  const walk = f.archived
    ? rangePages(db.partners, '[_deleted+_k.o+id]', [0], (r) => [orderOf(r)], { descending })
    : rangePages(db.partners, '[_deleted+_k.a+_k.o+id]', [0, '0'], (r) => [orderOf(r)], { descending });
  let ordered = descending ? tiesAscending(walk, orderOf) : walk;
  if (byKind) {
    // On the records, before the join: the partners held back for a later type are joined only when shown.
    const rank = kindRank(f.sort.direction);
    // The first type any partner has (`kind` index, tombstones included: never above a live one); a partner
    // without a type is not in that index, hence the counts.
    const first = Promise.all([db.partners.orderBy('kind').uniqueKeys(), db.partners.count(), db.partners.orderBy('kind').count()]).then(([kinds, all, typed]) =>
      Math.min(...kinds.map(rank), all > typed ? rank(undefined) : Infinity),
    );
    ordered = bucketedPages(ordered, (r) => rank(r.kind), { first });
  }
  const join = async (rows: CrdtRecord[]) => joined(rows, await conventionsOf(db, rows.map((r) => r.id), how), today);
  if (partnerView(f) === 'index') return mapPages(ordered, join);
  const keep = partnerRowFilter(f);
  return filteredPages(ordered, async (page) => (await join(page)).filter(keep));
}

export interface PartnerCounts {
  /** Live partners, archived ones included (« sur N »). */
  total: number;
  /** Live partners not archived. */
  current: number;
}

/**
 * Counts of the indexed views from index ranges (no record read). The conventions' range is counted too, only
 * so that a live query around this re-runs when a convention changes (the statuses shown follow them).
 */
export async function partnerCounts(db: AppDatabase): Promise<PartnerCounts> {
  const index = '[_deleted+_k.a+_k.o+id]';
  const [total, current] = await Promise.all([countRange(db.partners, index, [0], [0, Dexie.maxKey]), countRange(db.partners, index, [0, '0'], [0, '0', Dexie.maxKey]), db.conventions.where('_deleted').equals(0).count()]);
  return { total, current };
}
