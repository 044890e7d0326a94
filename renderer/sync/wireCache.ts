/**
 * The full export's cache: every replicated table's records in wire form, as JSON texts per segment of ids
 * (shared/sync/wireSegments.ts), kept in the local `derived` table with the persisted clock it is current to. A
 * full export reads the cache and what changed since, in its own read transaction, instead of every record
 * (issue 16: reading and cloning the ≈ 204,000 records of the stress set took twice the export's budget).
 *
 * What changed since the cache was written, and why nothing can be missed:
 * - a local write (any window, any writer) is stamped above the persisted clock it reads when its transaction
 *   starts (Store.write, loadDataset): the records with `_ts` above the cache's clock hold them all;
 * - an import may write records with older stamps: it lists the ids it wrote in `wire:dirty` in its own
 *   transaction (`noteImported`), numbered by a generation; the cache says which generation it includes.
 * A cache of another format, schema or base, one whose dirty list overflowed, or one that does not decode, is
 * not used: the export reads every record, as before, and writes the cache afresh.
 *
 * The cache is written after the file is made (`save`), in one transaction, only if no other export wrote it
 * meanwhile; a page closed before the commit leaves the previous cache, which is caught up the next time.
 */
import { STAMP_PATTERN } from '../../shared/crdt/hlc';
import type { CrdtRecord } from '../../shared/crdt/record';
import { syncedTableNames, type SyncedTableName } from '../../shared/domain/tables';
import { toWire } from '../../shared/sync/wire';
import { buildSegments, segmentLooksWhole, updateSegments, type SegmentRef, type StoredSegment, type WireTexts } from '../../shared/sync/wireSegments';
import type { AppDatabase } from '../db/database';
import { CURRENT_SCHEMA_VERSION } from '../db/schema';

export const WIRE_FORMAT = 1;
export const WIRE_HEADER_KEY = 'wire';
export const WIRE_DIRTY_KEY = 'wire:dirty';
const SEGMENT_PREFIX = 'wire:s:';
/** Beyond this many ids written by imports since the last export, the next full export reads everything. */
export const DIRTY_CAP = 20_000;
/** Cached tables: all but the conflicts (small, and sent whole anyway) and the attachments (read for their bytes). */
export const CACHED_TABLES: readonly SyncedTableName[] = syncedTableNames.filter((t) => t !== 'conflicts' && t !== 'attachments');

interface WireHeader {
  format: number;
  schema: number;
  base: string;
  /** The persisted clock when the cache's records were read. */
  clock: string;
  /** The last import generation whose records it includes. */
  gen: number;
  /** Changes on every write: two exports never both write over the same cache. */
  rev: string;
  nextId: number;
  tables: Record<string, SegmentRef[]>;
}

/** Ids (`table␀id`) written by imports of generations above `since`, or null when too many to list. */
export interface WireDirty {
  gen: number;
  since: number;
  ids: string[] | null;
}

const segmentKey = (table: string, id: number) => `${SEGMENT_PREFIX}${table}:${id}`;
const DIRTY_SEPARATOR = '\u0000';

function readDirty(value: unknown): WireDirty {
  const d = value as Partial<WireDirty> | undefined;
  if (!d || typeof d.gen !== 'number' || typeof d.since !== 'number' || !(d.ids === null || Array.isArray(d.ids))) return { gen: 0, since: 0, ids: [] };
  return { gen: d.gen, since: d.since, ids: d.ids };
}

/**
 * In an import's read-write transaction (which must include `derived`): list what it wrote, so the next full
 * export reads those records again whatever their stamps.
 */
export async function noteImported(db: AppDatabase, written: readonly { table: string; id: string }[]): Promise<void> {
  const ids = written.filter((w) => CACHED_TABLES.includes(w.table as SyncedTableName));
  if (ids.length === 0) return;
  const d = readDirty((await db.derived.get(WIRE_DIRTY_KEY))?.value);
  const listed = d.ids === null || d.ids.length + ids.length > DIRTY_CAP ? null : [...d.ids, ...ids.map((w) => w.table + DIRTY_SEPARATOR + w.id)];
  await db.derived.put({ key: WIRE_DIRTY_KEY, value: { gen: d.gen + 1, since: d.since, ids: listed } satisfies WireDirty });
}

function trusted(h: unknown, base: string, dirty: WireDirty): h is WireHeader {
  const w = h as Partial<WireHeader> | undefined;
  if (!w || w.format !== WIRE_FORMAT || w.schema !== CURRENT_SCHEMA_VERSION || w.base !== base) return false;
  if (typeof w.clock !== 'string' || !STAMP_PATTERN.test(w.clock) || typeof w.gen !== 'number' || typeof w.nextId !== 'number' || !w.tables) return false;
  // Imports since the cache: usable only if their ids are all listed.
  return dirty.gen === w.gen || (dirty.ids !== null && dirty.since <= w.gen && dirty.gen > w.gen);
}

export interface FullExportTables {
  /** Every table's records (or wire texts), in the fixed order, empty tables left out. */
  tables: Record<string, CrdtRecord[] | WireTexts>;
  recordCount: number;
  /** How the cache was used: for the bench's phase lines and the tests. */
  cache: { used: boolean; changed: number };
  /** Write the cache as it now is (after the file is made; not waited for by the user). */
  save(): Promise<'écrit' | 'déjà plus récent'>;
}

/**
 * Every record of a full export, from the cache and what changed since, or from the tables. Call inside the
 * export's read transaction, which must include the replicated tables, `meta` and `derived`.
 */
export async function readFullExport(db: AppDatabase, base: string, clockKey: string): Promise<FullExportTables> {
  const [headerRow, dirtyRow, clockRow] = await Promise.all([db.derived.get(WIRE_HEADER_KEY), db.derived.get(WIRE_DIRTY_KEY), db.meta.get(clockKey)]);
  const dirty = readDirty(dirtyRow?.value);
  const clock = typeof clockRow?.value === 'string' && STAMP_PATTERN.test(clockRow.value) ? clockRow.value : null;
  const header = trusted(headerRow?.value, base, dirty) && clock ? (headerRow!.value as WireHeader) : null;
  const uncached = syncedTableNames.filter((t) => !CACHED_TABLES.includes(t));
  // Asked at once: the database reads the next request while this page decodes the last one.
  const plainReads = Promise.all(uncached.map((t) => db.syncedTable(t).toArray()));
  let nextId = header?.nextId ?? 1;
  const allocate = () => nextId++;
  const refs: Record<string, SegmentRef[]> = {};
  const written = new Map<string, StoredSegment>();
  const removed: string[] = [];
  const stored = new Map<string, StoredSegment>();
  let changedCount = 0;
  let used = false;
  if (header) {
    try {
      const [rows, changed, dirtyRecords] = await Promise.all([
        db.derived.where('key').between(SEGMENT_PREFIX, SEGMENT_PREFIX + '\uffff').toArray(),
        Promise.all(CACHED_TABLES.map((t) => db.syncedTable(t).where('_ts').above(header.clock).toArray())),
        readDirtyRecords(db, dirty.gen === header.gen ? [] : (dirty.ids ?? [])),
      ]);
      for (const r of rows) stored.set(r.key, r.value as StoredSegment);
      CACHED_TABLES.forEach((t, k) => {
        const changes = new Map<string, string | null>();
        for (const rec of dirtyRecords.get(t) ?? []) changes.set(rec.id, rec.rec ? JSON.stringify(toWire(rec.rec)) : null);
        for (const rec of changed[k]!) changes.set(rec.id, JSON.stringify(toWire(rec)));
        changedCount += changes.size;
        const u = updateSegments(
          header.tables[t] ?? [],
          (id) => {
            const s = stored.get(segmentKey(t, id));
            if (!s) throw new Error('segment manquant');
            return s;
          },
          changes,
          allocate,
        );
        refs[t] = u.refs;
        for (const [id, s] of u.written) written.set(segmentKey(t, id), s);
        for (const id of u.removed) removed.push(segmentKey(t, id));
        // Every segment the file is made of must be whole (a damaged one would make a damaged file).
        for (const ref of u.refs) if (!u.written.has(ref.id) && !segmentLooksWhole(stored.get(segmentKey(t, ref.id))!, ref.n)) throw new Error('segment endommagé');
      });
      used = true;
    } catch {
      // A cache that does not hold together is not used: every record is read below and the cache written afresh.
      used = false;
    }
  }
  if (!used) {
    written.clear();
    removed.length = 0;
    stored.clear();
    changedCount = 0;
    nextId = 1;
    const all = await Promise.all(CACHED_TABLES.map((t) => db.syncedTable(t).toArray()));
    CACHED_TABLES.forEach((t, k) => {
      const recs = all[k]!;
      const built = buildSegments(
        recs.map((r) => r.id),
        recs.map((r) => JSON.stringify(toWire(r))),
        allocate,
      );
      refs[t] = built.refs;
      for (const [id, s] of built.segments) written.set(segmentKey(t, id), s);
    });
  }
  const plain = await plainReads;
  const tables: Record<string, CrdtRecord[] | WireTexts> = {};
  let recordCount = 0;
  for (const t of syncedTableNames) {
    const u = uncached.indexOf(t);
    if (u >= 0) {
      if (plain[u]!.length) tables[t] = plain[u]!;
      recordCount += plain[u]!.length;
      continue;
    }
    const count = refs[t]!.reduce((n, r) => n + r.n, 0);
    if (count === 0) continue;
    tables[t] = { count, texts: refs[t]!.map((r) => (written.get(segmentKey(t, r.id)) ?? stored.get(segmentKey(t, r.id))!).text) };
    recordCount += count;
  }
  // The row as read, trusted or not: the save replaces it only if it is still that one.
  const readRev = (headerRow?.value as Partial<WireHeader> | undefined)?.rev ?? null;
  const next: WireHeader = { format: WIRE_FORMAT, schema: CURRENT_SCHEMA_VERSION, base, clock: clock ?? '', gen: dirty.gen, rev: crypto.randomUUID(), nextId, tables: refs };
  return {
    tables,
    recordCount,
    cache: { used, changed: changedCount },
    async save() {
      // Without a persisted clock there is no position to catch up from: nothing is cached.
      if (!clock) return 'déjà plus récent';
      return db.transaction('rw', db.derived, async () => {
        const [now, d] = await Promise.all([db.derived.get(WIRE_HEADER_KEY), db.derived.get(WIRE_DIRTY_KEY)]);
        const currentRev = (now?.value as Partial<WireHeader> | undefined)?.rev ?? null;
        // Another export wrote the cache since this one read it (or removed it): keep what is there.
        if (currentRev !== readRev) return 'déjà plus récent';
        if (!used) await db.derived.where('key').between(SEGMENT_PREFIX, SEGMENT_PREFIX + '\uffff').delete();
        else if (removed.length) await db.derived.bulkDelete(removed);
        await db.derived.bulkPut([...written].map(([key, value]) => ({ key, value })));
        await db.derived.put({ key: WIRE_HEADER_KEY, value: next });
        // The imports this cache includes are no longer listed; one that came after the read stays listed.
        const nowDirty = readDirty(d?.value);
        if (nowDirty.gen === dirty.gen) await db.derived.put({ key: WIRE_DIRTY_KEY, value: { gen: dirty.gen, since: dirty.gen, ids: [] } satisfies WireDirty });
        return 'écrit' as const;
      });
    },
  };
}

/** The records named in the dirty list, by table (undefined: no longer there). */
async function readDirtyRecords(db: AppDatabase, ids: readonly string[]): Promise<Map<string, { id: string; rec: CrdtRecord | undefined }[]>> {
  const byTable = new Map<string, string[]>();
  for (const key of ids) {
    const at = key.indexOf(DIRTY_SEPARATOR);
    const t = key.slice(0, at);
    if (!CACHED_TABLES.includes(t as SyncedTableName)) continue;
    const list = byTable.get(t);
    if (list) list.push(key.slice(at + 1));
    else byTable.set(t, [key.slice(at + 1)]);
  }
  const out = new Map<string, { id: string; rec: CrdtRecord | undefined }[]>();
  for (const [t, list] of byTable) {
    const unique = [...new Set(list)];
    const recs = await db.syncedTable(t as SyncedTableName).bulkGet(unique);
    out.set(
      t,
      unique.map((id, i) => ({ id, rec: recs[i] })),
    );
  }
  return out;
}

/** Remove the cache (tests; a base wiped or replaced has its `derived` table replaced with it). */
export async function dropWireCache(db: AppDatabase): Promise<void> {
  await db.transaction('rw', db.derived, async () => {
    await db.derived.where('key').between(SEGMENT_PREFIX, SEGMENT_PREFIX + '\uffff').delete();
    await db.derived.bulkDelete([WIRE_HEADER_KEY, WIRE_DIRTY_KEY]);
  });
}

/** Keys of the cache's segments (tests list what it stores). */
export const wireKeyRange = [SEGMENT_PREFIX, SEGMENT_PREFIX + '\uffff'] as const;
