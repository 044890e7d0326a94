/**
 * The data of the « Habilitations » list, read through indexes (issue 16): the first rows come from an
 * index-ordered query and scrolling asks for the next pages; counts come from index ranges. Nothing reads the
 * 150,000 habilitations at once except an explicit CSV export of an unfiltered list.
 *
 * - a partner chosen: that partner's rows only (`partnerId` index), filtered and sorted in memory;
 * - sorted by partner: partners in folded-name order (`[_deleted+_k.n+id]` keys only), their rows a batch
 *   of partners at a time (`partnerId` anyOf); partners deleted since come first, as « (partenaire inconnu) »;
 * - sorted by another column: keyset paging on that column's list index (`[_deleted+_k.<key>+id]`).
 * Status and profile filters are applied to chunks of the index walk (they skip rows, never reorder them).
 */
import Dexie from 'dexie';
import { dataOf, type CrdtRecord } from '../../../shared/crdt/record';
import type { Habilitation, HabilitationStatus } from '../../../shared/domain/habilitation';
import { purgeThreshold } from '../../../shared/rules/purge';
import { habilitationListKeys, type HabilitationListKeys } from '../../../shared/search/listKeys';
import type { SortState } from '../../components/VirtualTable';
import type { AppDatabase } from '../../db/database';
import { arrayPages, filteredPages, groupedPages, indexPages, mapPages, rowsOfEach, type ManyReads, type PageSource } from '../../db/paging';

export type HabilitationRow = Habilitation & { partnerName: string };

export interface HabilitationQuery {
  partner: { id: string; name: string } | null;
  profile: string;
  status: HabilitationStatus | '';
  sort: SortState;
}

export const UNKNOWN_PARTNER = '(partenaire inconnu)';

/** List column → key of `_k` (shared/search/listKeys.ts); `partner` is the grouped walk. */
const sortKeys: Record<string, keyof HabilitationListKeys> = { name: 'n', email: 'e', profile: 'p', start: 's', status: 'st', end: 'f' };

function matches(q: HabilitationQuery): (r: CrdtRecord) => boolean {
  return (r) => r._deleted === 0 && (!q.profile || r.profile === q.profile) && (!q.status || r.status === q.status);
}

/** Partner names of the rows of a page, read for those partners only (cached for the life of the source). */
function withPartnerNames(db: AppDatabase): (rows: CrdtRecord[]) => Promise<HabilitationRow[]> {
  const names = new Map<string, string>();
  return async (rows) => {
    const missing = [...new Set(rows.map((r) => r.partnerId as string))].filter((id) => !names.has(id));
    if (missing.length) {
      const partners = await db.partners.bulkGet(missing);
      missing.forEach((id, i) => {
        const p = partners[i];
        names.set(id, p && p._deleted === 0 ? String(p.name) : UNKNOWN_PARTNER);
      });
    }
    return rows.map((r) => ({ ...dataOf<Habilitation>(r), partnerName: names.get(r.partnerId as string) ?? UNKNOWN_PARTNER }));
  };
}

/** Partner ids in list order: deleted partners (unknown now) first, then live ones by folded name. */
async function partnerOrder(db: AppDatabase): Promise<string[]> {
  const index = db.partners.where('[_deleted+_k.n+id]');
  const [gone, alive] = await Promise.all([index.between([1], [1, Dexie.maxKey]).primaryKeys(), index.between([0], [0, Dexie.maxKey]).primaryKeys()]);
  return [...gone, ...alive];
}

/** The rows of the list for `q`, in order, a page at a time (`how`: only for the bench, see `rowsOfEach`). */
export async function habilitationPages(db: AppDatabase, q: HabilitationQuery, how?: ManyReads): Promise<PageSource<HabilitationRow>> {
  const keep = matches(q);
  const descending = q.sort.direction === 'desc';
  const names = withPartnerNames(db);
  const key = sortKeys[q.sort.column];
  if (q.partner) {
    const rows = (await db.habilitations.where('partnerId').equals(q.partner.id).toArray()).filter(keep);
    const k = (r: CrdtRecord) => (key ? String(habilitationListKeys(r)[key]) : '');
    rows.sort((a, b) => {
      const ka = k(a);
      const kb = k(b);
      return (ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * (descending ? -1 : 1);
    });
    return arrayPages(await names(rows));
  }
  // The index range holds live records only. No Dexie filter on the walk (Dexie would then read row by row with
  // a cursor): a profile or status filter is applied to chunks read with getAll (`filteredPages`).
  if (key) {
    const walk = indexPages(db.habilitations, key, { descending });
    return q.profile || q.status ? filteredPages(walk, (rows) => names(rows.filter(keep))) : mapPages(walk, names);
  }
  const owners = await partnerOrder(db);
  if (descending) owners.reverse();
  return mapPages(
    groupedPages(owners, async (ids) => {
      // One getAll per partner, all in one read transaction (`rowsOfEach`): each list already in id order. An
      // `anyOf` walks one cursor and jumps key to key, a round trip per row (100–300 ms for the first page of the
      // stress set); one implicit transaction per partner cost more than the reads (`lists.join_ms.*`).
      const lists = await rowsOfEach(db.habilitations, 'partnerId', ids, how);
      const byOwner = new Map<string, CrdtRecord[]>();
      ids.forEach((id, i) => {
        const list = lists[i]!.filter(keep);
        if (descending) list.reverse();
        if (list.length) byOwner.set(id, list);
      });
      return byOwner;
    }),
    names,
  );
}

export interface HabilitationCounts {
  /** Live habilitations in the base. */
  total: number;
  /** Those the filters keep (undefined: counted with the rows, for a single partner). */
  shown: number | undefined;
}

/**
 * Counts from index ranges and keys (no record read), except the single-partner case, which is small. `knownTotal`:
 * the live total as the derived state holds it (then not counted; IndexedDB counts key by key).
 */
export async function habilitationCounts(db: AppDatabase, q: HabilitationQuery, knownTotal?: number): Promise<HabilitationCounts> {
  const t = db.habilitations;
  const total = knownTotal ?? (await t.where('_deleted').equals(0).count());
  if (q.partner) {
    const keep = matches(q);
    return { total, shown: (await t.where('partnerId').equals(q.partner.id).toArray()).filter(keep).length };
  }
  if (!q.profile && !q.status) return { total, shown: total };
  if (!q.status) {
    const p = habilitationListKeys({ profile: q.profile }).p;
    return { total, shown: await t.where('[_deleted+_k.p+id]').between([0, p], [0, p, Dexie.maxKey]).count() };
  }
  const byStatus = t.where('[_deleted+status+partnerId+service+profile]').between([0, q.status], [0, q.status, Dexie.maxKey]);
  if (!q.profile) return { total, shown: await byStatus.count() };
  const keys = (await byStatus.keys()) as unknown[][];
  return { total, shown: keys.filter((k) => k[4] === q.profile).length };
}

/** Shown lines of the purge list (the rest is counted). */
export const PURGE_SHOWN = 200;

export interface Purgeable {
  count: number;
  /** The first PURGE_SHOWN, by end date. */
  first: HabilitationRow[];
  /** Ids of every one of them (index keys only), for the purge itself. */
  ids(): Promise<string[]>;
}

/** Removed accesses ended more than six years ago, from the `[_deleted+status+endOn]` range (schema version 7). */
export async function purgeableHabilitations(db: AppDatabase, today: string): Promise<Purgeable> {
  const range = () => db.habilitations.where('[_deleted+status+endOn]').between([0, 'supprimee', ''], [0, 'supprimee', purgeThreshold(today)], true, false);
  const [count, rows] = await Promise.all([range().count(), range().limit(PURGE_SHOWN).toArray()]);
  return { count, first: await withPartnerNames(db)(rows), ids: () => range().primaryKeys() };
}

/** Every partner's id and name for the partner filter (read when the filter is opened, not before). */
export async function partnerOptions(db: AppDatabase): Promise<{ id: string; name: string }[]> {
  const ids = await db.partners.where('[_deleted+_k.n+id]').between([0], [0, Dexie.maxKey]).primaryKeys();
  const partners = await db.partners.bulkGet(ids);
  return partners.flatMap((p) => (p ? [{ id: p.id, name: String(p.name) }] : []));
}
