/**
 * Lists that page through Dexie indexes instead of reading every row (issue 16). A `PageSource` hands out the
 * rows of one query, in order, a page at a time; the screen asks for more as the user scrolls
 * (renderer/components/usePagedRows.ts). Nothing here reads a whole table.
 */
import Dexie, { type Table } from 'dexie';
import type { CrdtRecord } from '../../shared/crdt/record';

export interface PageSource<R> {
  /** The next rows after those already handed out (at least one unless the query is exhausted: then []). */
  next(limit: number): Promise<R[]>;
}

/** Every row of `source`, page by page (an export of the list as filtered). */
export async function drain<R>(source: PageSource<R>, pageSize = 2000): Promise<R[]> {
  const out: R[] = [];
  for (;;) {
    const rows = await source.next(pageSize);
    if (rows.length === 0) return out;
    for (const r of rows) out.push(r);
  }
}

/**
 * Live records of `table` in the order of a list index `[_deleted+_k.<key>+id]` (schema version 5), ascending
 * or descending, optionally filtered. Keyset paging: each page starts strictly after the last key handed out
 * (the id in the key makes keys unique), so a page costs the rows it returns plus the rows the filter skips,
 * never the pages before it.
 */
export function indexPages(table: Table<CrdtRecord, string>, key: string, options: { descending?: boolean; filter?: (r: CrdtRecord) => boolean } = {}): PageSource<CrdtRecord> {
  return rangePages(table, `[_deleted+_k.${key}+id]`, [0], (r) => [(r._k as Record<string, unknown> | undefined)?.[key]], options);
}

/**
 * Records of `table` whose key in the compound `index` (ending with `id`) starts with `prefix`, in index order,
 * keyset-paged like `indexPages`. `keyOf` gives a record's key parts between the prefix and the id.
 */
export function rangePages(
  table: Table<CrdtRecord, string>,
  index: string,
  prefix: readonly unknown[],
  keyOf: (r: CrdtRecord) => unknown[],
  { descending = false, filter }: { descending?: boolean; filter?: (r: CrdtRecord) => boolean } = {},
): PageSource<CrdtRecord> {
  let last: unknown[] | undefined;
  let exhausted = false;
  return {
    async next(limit) {
      if (exhausted) return [];
      const low: unknown[] = [...prefix];
      const high: unknown[] = [...prefix, Dexie.maxKey];
      let range = last === undefined ? table.where(index).between(low, high, true, true) : descending ? table.where(index).between(low, last, true, false) : table.where(index).between(last, high, false, true);
      if (descending) range = range.reverse();
      if (filter) range = range.filter(filter);
      const rows = await range.limit(limit).toArray();
      if (rows.length < limit) exhausted = true;
      if (rows.length) {
        const r = rows[rows.length - 1]!;
        last = [...prefix, ...keyOf(r), r.id];
      }
      return rows;
    },
  };
}

/**
 * A descending walk whose equal keys keep ascending id order (the former lists sorted with a stable sort, so
 * rows with equal values stayed in id order whichever the direction): rows of the last key seen are held back
 * until the walk passes that key, then handed out in reverse.
 */
export function tiesAscending<R>(source: PageSource<R>, keyOf: (r: R) => string): PageSource<R> {
  let ready: R[] = [];
  let held: R[] = [];
  let exhausted = false;
  return {
    async next(limit) {
      while (ready.length < limit && !exhausted) {
        const page = await source.next(limit);
        if (page.length === 0) {
          exhausted = true;
          break;
        }
        for (const r of page) {
          if (held.length && keyOf(held[0]!) !== keyOf(r)) {
            for (let i = held.length - 1; i >= 0; i--) ready.push(held[i]!);
            held = [];
          }
          held.push(r);
        }
      }
      if (exhausted && held.length) {
        for (let i = held.length - 1; i >= 0; i--) ready.push(held[i]!);
        held = [];
      }
      const out = ready.slice(0, limit);
      ready = ready.slice(limit);
      return out;
    },
  };
}

/** How many records of `table` have a key in `index` between `low` and `high` (IDBIndex.count: no record read). */
export function countRange(table: Table<CrdtRecord, string>, index: string, low: unknown[], high: unknown[], includeLow = true, includeHigh = true): Promise<number> {
  return table.where(index).between(low, high, includeLow, includeHigh).count();
}

/**
 * Rows grouped by an owner, owners in a given order (the habilitations list sorted by partner: partners in
 * folded-name order, each partner's rows together). Owners are read a batch at a time through `rowsOf`
 * (one call per batch); the batch grows while pages come back short, so sparse filters stay cheap.
 */
export function groupedPages<R>(owners: readonly string[], rowsOf: (ownerIds: string[]) => Promise<Map<string, R[]>>): PageSource<R> {
  let position = 0;
  let batch = 8;
  let buffer: R[] = [];
  return {
    async next(limit) {
      while (buffer.length < limit && position < owners.length) {
        const ids = owners.slice(position, position + batch);
        position += ids.length;
        const byOwner = await rowsOf(ids);
        for (const id of ids) for (const r of byOwner.get(id) ?? []) buffer.push(r);
        if (buffer.length < limit) batch = Math.min(batch * 2, 512);
      }
      const out = buffer.slice(0, limit);
      buffer = buffer.slice(limit);
      return out;
    },
  };
}

/** Map a source's rows (joins: partner names added to each page, etc.). */
export function mapPages<A, B>(source: PageSource<A>, map: (rows: A[]) => Promise<B[]> | B[]): PageSource<B> {
  return {
    async next(limit) {
      const rows = await source.next(limit);
      return rows.length ? map(rows) : [];
    },
  };
}

/** A source over rows already in memory (a single partner's habilitations: bounded by one partner). */
export function arrayPages<R>(rows: readonly R[]): PageSource<R> {
  let position = 0;
  return {
    async next(limit) {
      const out = rows.slice(position, position + limit);
      position += out.length;
      return out;
    },
  };
}

/**
 * The list fields of every live record of `table` (`_k.l`, schema version 11), in index order. Read with one
 * `getAll` of the range, not an index-key cursor: Chromium hands index keys out one cursor step at a time, and
 * measured (`partners.list_ms.stress`, `contacts.list_ms.stress`) that was 3× slower than reading the records
 * at once. A list then filters, sorts and counts these in memory and builds only the rows it shows (`idPages`).
 */
export async function listFields<L>(table: Table<CrdtRecord, string>): Promise<{ id: string; l: L }[]> {
  const rows = await table.where('[_deleted+_k.l+id]').between([0], [0, Dexie.maxKey]).toArray();
  return rows.map((r) => ({ id: r.id, l: (r._k as { l: L }).l }));
}

/**
 * How the rows of several values of one index are read: `equals` — one `getAll` per value, all in one read
 * transaction (the default); `anyOf` — one Dexie cursor jumping from key to key (a round trip per row).
 * `separate` — one `getAll` per value, each in its own implicit transaction (what the lists did before
 * 02/12/2026, fifth session). Kept selectable for the bench (`lists.join_ms.*`), which measures all three.
 */
export type ManyReads = 'equals' | 'anyOf' | 'separate';

/**
 * The records of `table` whose `index` equals each of `values`, one list per value (index order within it).
 * Outside a transaction, Dexie runs each query in its own transaction: with one `getAll` per value that is as
 * many transactions opened and committed, which cost more than the reads (measured: `lists.join_ms.*`), so
 * they share one read transaction here.
 */
export async function rowsOfEach(table: Table<CrdtRecord, string>, index: string, values: readonly string[], how: ManyReads = 'equals'): Promise<CrdtRecord[][]> {
  if (values.length === 0) return [];
  if (how === 'anyOf') {
    const rows = await table.where(index).anyOf(values as string[]).toArray();
    const by = new Map<string, CrdtRecord[]>(values.map((v) => [v, []]));
    for (const r of rows) by.get(r[index] as string)?.push(r);
    return values.map((v) => by.get(v)!);
  }
  const each = () => Promise.all(values.map((v) => table.where(index).equals(v).toArray()));
  return how === 'separate' ? each() : table.db.transaction('r', table, each);
}

/**
 * The rows `keep` makes of a source's rows (a join, then a filter: the lists' filters that no index holds, such
 * as a convention status, which depends on the day), in the source's order, a page at a time. The source is
 * read in chunks that grow while few rows are kept, so a sparse filter costs few reads; a page comes back
 * short (never empty unless the source is exhausted) once `budget` source rows were read for it, so the first
 * rows of a rare filter show before the walk reaches the end.
 */
export function filteredPages<A, B>(source: PageSource<A>, keep: (rows: A[]) => Promise<B[]> | B[], { maxChunk = 1000, budget = 2000 }: { maxChunk?: number; budget?: number } = {}): PageSource<B> {
  let buffer: B[] = [];
  let exhausted = false;
  let chunk = 0;
  return {
    async next(limit) {
      chunk = Math.max(chunk, Math.min(limit, maxChunk));
      let read = 0;
      while (buffer.length < limit && !exhausted && !(buffer.length > 0 && read >= budget)) {
        const rows = await source.next(chunk);
        if (rows.length === 0) {
          exhausted = true;
          break;
        }
        read += rows.length;
        const kept = await keep(rows);
        for (const r of kept) buffer.push(r);
        if (kept.length * 2 < rows.length) chunk = Math.min(chunk * 2, maxChunk);
      }
      const out = buffer.slice(0, limit);
      buffer = buffer.slice(limit);
      return out;
    },
  };
}

/**
 * A source's rows regrouped by bucket, buckets in rank order, each keeping the source's order (a list sorted by
 * a column of few values, ties in name order: the name walk, bucketed). Rows of the current bucket are handed out
 * as the walk finds them, the others held until the walk ends: at most one read of the source in all, but a
 * bucket after the first waits for the whole walk. `first`: the lowest bucket that can hold a row (from an
 * index: an empty first bucket would otherwise hold everything back until the end). The source is read
 * `chunk` rows at a time at least.
 */
export function bucketedPages<R>(source: PageSource<R>, bucketOf: (r: R) => number, { first = 0, chunk = 500 }: { first?: number | Promise<number>; chunk?: number } = {}): PageSource<R> {
  let current: number | undefined;
  const held = new Map<number, R[]>();
  let ready: R[] = [];
  let exhausted = false;
  return {
    async next(limit) {
      current ??= await first;
      while (ready.length < limit) {
        if (!exhausted) {
          const page = await source.next(Math.max(limit, chunk));
          if (page.length === 0) exhausted = true;
          for (const r of page) {
            const b = bucketOf(r);
            // (A row below the current bucket cannot come: `first` is from an index of the same records.)
            if (b <= current) ready.push(r);
            else {
              const list = held.get(b);
              if (list) list.push(r);
              else held.set(b, [r]);
            }
          }
          continue;
        }
        if (held.size === 0) break;
        current = Math.min(...held.keys());
        for (const r of held.get(current)!) ready.push(r);
        held.delete(current);
      }
      const out = ready.slice(0, limit);
      ready = ready.slice(limit);
      return out;
    },
  };
}

/** Rows of the ids in `ids`, in that order, a page at a time (`read` gets a page's ids and returns its rows). */
export function idPages<R>(ids: readonly string[], read: (ids: string[]) => Promise<R[]>): PageSource<R> {
  return mapPages(arrayPages(ids), read);
}
