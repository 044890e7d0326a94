/**
 * Merge planning, shared by the Dexie import (renderer/db/syncApply.ts) and the in-memory model of the
 * property tests, so the convergence the tests prove is the convergence the application has.
 *
 * `applyRecords` reads existing records in chunks through a `MergeTarget`, merges in memory with
 * `mergeRecords`, writes back only what changed (one bulkPut per chunk), turns merge losers into conflict
 * records, and returns per-table counts and per-record changes (for the preview, the report and history).
 * With `dryRun` nothing is written: that is the preview.
 */
import { mergeRecords } from '../crdt/merge';
import { replicaOf, type Stamp } from '../crdt/hlc';
import { covers, historyOf, maxStampOf, sameValue, type CrdtRecord, type MetaMap } from '../crdt/record';
import { conflictRecord, CONFLICTS_TABLE } from './conflicts';

export interface MergeTarget {
  bulkGet(table: string, ids: string[]): Promise<(CrdtRecord | undefined)[]>;
  /** Optional: is the table empty? Then nothing needs reading (a first full copy into a new installation). */
  isEmpty?(table: string): Promise<boolean>;
  bulkPut(table: string, records: CrdtRecord[]): Promise<void>;
}

export interface TableCounts {
  created: number;
  modified: number;
  deleted: number;
  unchanged: number;
}

export interface RecordChange {
  table: string;
  recordId: string;
  kind: 'created' | 'modified' | 'deleted' | 'restored';
  /** `s`: the stamp of the field's value after the merge (which write's history line describes it). */
  fields: { field: string; old: unknown; new: unknown; s?: string }[];
}

export interface ApplyResult {
  counts: Record<string, TableCounts>;
  /** Conflict records not present before (per table of the record in conflict). */
  newConflicts: Record<string, number>;
  newConflictCount: number;
  changes: RecordChange[];
  maxStamp: string;
  written: number;
  /** Incoming writes under the receiver's own id that it never made (see ApplyOptions.self). */
  foreignOwnWrites: number;
  /** Replica ids found used by two bases (own id with foreign writes, or a hole in `known`). */
  duplicatesDetected: string[];
  /** Conflicts two workstations resolved differently without seeing each other's decision. */
  disputedResolutions: { conflictId: string; kept: unknown; lost: unknown }[];
}

export interface ApplyOptions {
  dryRun?: boolean;
  chunkSize?: number;
  /** Keep per-field old/new values (history lines); off for huge imports into an empty base is not needed. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The receiving base's own replica id and clock: incoming writes stamped with that id which this base never
   * made are counted in `foreignOwnWrites` (another base writes under the same id, see docs/bundle-format.md).
   */
  self?: { replica: string; clock: Stamp };
  /** Replica ids used by two bases: their writes are compared as concurrent (mergeRecords). */
  untrusted?: ReadonlySet<string>;
  /**
   * The receiver's gap-free vector of other replicas: an incoming write of replica r at or below known[r] that
   * the receiver lacks contradicts it — two bases write under r. Such r are listed in `duplicatesDetected`.
   */
  known?: Readonly<Record<string, Stamp>>;
}

/**
 * Is this incoming write, stamped with `self`'s id, one this base never made? Certainly when it is ahead of
 * the clock, when the base lacks the field, or when the base's own latest write to the field is older.
 */
function foreignOwn(self: { replica: string; clock: Stamp }, local: CrdtRecord | undefined, field: string, stamp: Stamp): boolean {
  if (replicaOf(stamp) !== self.replica) return false;
  if (stamp > self.clock) return true;
  const meta = local?._m[field];
  if (!meta) return true;
  return replicaOf(meta.s) === self.replica && meta.s < stamp;
}

function sameMeta(a: MetaMap, b: MetaMap): boolean {
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  for (const k of ak) {
    const x = a[k];
    const y = b[k];
    if (!x || !y || x.s !== y.s) return false;
    if ((x.h || y.h) && !sameValue(historyOf(x), historyOf(y))) return false;
  }
  return true;
}

const emptyCounts = (): TableCounts => ({ created: 0, modified: 0, deleted: 0, unchanged: 0 });

/** Merge one chunk of incoming records of one table against what the target holds. */
export function planChunk(
  table: string,
  locals: (CrdtRecord | undefined)[],
  incoming: CrdtRecord[],
  counts: TableCounts,
  changes: RecordChange[],
  conflicts: Map<string, CrdtRecord>,
  options: Pick<ApplyOptions, 'self' | 'untrusted' | 'known'> = {},
  foreign: { n: number; dup: Set<string> } = { n: 0, dup: new Set() },
  disputes?: ApplyResult['disputedResolutions'],
): CrdtRecord[] {
  const puts: CrdtRecord[] = [];
  const { self, untrusted, known } = options;
  for (let i = 0; i < incoming.length; i++) {
    const inc = incoming[i]!;
    const local = locals[i];
    if ((self || known) && table !== CONFLICTS_TABLE) {
      for (const f in inc._m) {
        const s = inc._m[f]!.s;
        const r = replicaOf(s);
        if (self && foreignOwn(self, local, f, s)) {
          foreign.n++;
          foreign.dup.add(r);
        } else if (known && r !== self?.replica && !untrusted?.has(r)) {
          const k = known[r];
          const meta = local?._m[f];
          if (k !== undefined && k >= s && !(meta && covers(meta, s))) foreign.dup.add(r);
        }
      }
    }
    const { record, changedFields, conflicts: lost } = mergeRecords(local, inc, untrusted);
    if (table === CONFLICTS_TABLE) {
      for (const c of lost) if (c.kind === 'field' && c.field === 'resolution' && !sameValue(c.loserValue, record.resolution)) disputes?.push({ conflictId: inc.id, kept: record.resolution, lost: c.loserValue });
    } else {
      for (const c of lost) {
        // Two concurrent writes of the same value lose nothing (a form saved on two workstations rewrites
        // unchanged fields): no conflict. The value is still there, in the winner.
        if (c.kind === 'field' && sameValue(c.loserValue, record[c.field])) continue;
        const cr = conflictRecord(table, inc.id, c);
        const prev = conflicts.get(cr.id);
        conflicts.set(cr.id, prev ? mergeRecords(prev, cr, untrusted).record : cr);
      }
    }
    if (!local) {
      puts.push(record);
      if (record._deleted === 0) {
        counts.created++;
        changes.push({ table, recordId: inc.id, kind: 'created', fields: [] });
      } else counts.unchanged++; // a tombstone of something never seen here: kept so it travels on
      continue;
    }
    if (changedFields.length === 0 && sameMeta(local._m, record._m)) {
      counts.unchanged++;
      continue;
    }
    puts.push(record);
    if (changedFields.length === 0) {
      counts.unchanged++; // only causal histories grew
      continue;
    }
    const kind = local._deleted === 0 && record._deleted === 1 ? 'deleted' : local._deleted === 1 && record._deleted === 0 ? 'restored' : 'modified';
    if (kind === 'deleted') counts.deleted++;
    else if (local._deleted === 1 && record._deleted === 1) counts.unchanged++; // edits inside a tombstone
    else counts.modified++;
    changes.push({
      table,
      recordId: inc.id,
      kind,
      fields: changedFields.map((field) => ({ field, old: local[field], new: record[field], s: record._m[field]?.s })),
    });
  }
  return puts;
}

/**
 * Merge a bundle's records (per table) into the target. Conflict records (incoming ones and those this merge
 * detects) are merged last, into the `conflicts` table.
 */
export async function applyRecords(
  target: MergeTarget,
  tables: Record<string, CrdtRecord[]>,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const chunkSize = options.chunkSize ?? 2000;
  const counts: Record<string, TableCounts> = {};
  const changes: RecordChange[] = [];
  const detected = new Map<string, CrdtRecord>();
  const total = Object.values(tables).reduce((n, rs) => n + rs.length, 0);
  let done = 0;
  let written = 0;
  let maxStamp = '';
  const foreign = { n: 0, dup: new Set<string>() };

  const mergeTable = async (table: string, records: CrdtRecord[]) => {
    const c = (counts[table] ??= emptyCounts());
    const empty = (await target.isEmpty?.(table)) ?? false;
    for (let i = 0; i < records.length; i += chunkSize) {
      const chunk = records.slice(i, i + chunkSize);
      for (const r of chunk) {
        const m = maxStampOf(r);
        if (m > maxStamp) maxStamp = m;
      }
      const locals = empty ? [] : await target.bulkGet(table, chunk.map((r) => r.id));
      const puts = planChunk(table, locals, chunk, c, changes, detected, options, foreign);
      if (puts.length && !options.dryRun) await target.bulkPut(table, puts);
      written += puts.length;
      done += chunk.length;
      options.onProgress?.(done, total);
    }
  };

  for (const [table, records] of Object.entries(tables)) if (table !== CONFLICTS_TABLE && records.length) await mergeTable(table, records);

  // Incoming conflict records and the ones just detected, deduplicated (same id = same content).
  const conflictIn = new Map<string, CrdtRecord>(detected);
  for (const r of tables[CONFLICTS_TABLE] ?? []) {
    const prev = conflictIn.get(r.id);
    conflictIn.set(r.id, prev ? mergeRecords(prev, r, options.untrusted).record : r);
  }
  const newConflicts: Record<string, number> = {};
  let newConflictCount = 0;
  const disputedResolutions: ApplyResult['disputedResolutions'] = [];
  if (conflictIn.size) {
    const all = [...conflictIn.values()];
    const before = changes.length;
    const cc = (counts[CONFLICTS_TABLE] ??= emptyCounts());
    for (let i = 0; i < all.length; i += chunkSize) {
      const chunk = all.slice(i, i + chunkSize);
      const locals = await target.bulkGet(CONFLICTS_TABLE, chunk.map((r) => r.id));
      locals.forEach((l, j) => {
        const r = chunk[j]!;
        if (!l && r._deleted === 0 && r.status === 'ouvert') {
          const t = String(r.table);
          newConflicts[t] = (newConflicts[t] ?? 0) + 1;
          newConflictCount++;
        }
      });
      const puts = planChunk(CONFLICTS_TABLE, locals, chunk, cc, changes, new Map(), options, foreign, disputedResolutions);
      if (puts.length && !options.dryRun) await target.bulkPut(CONFLICTS_TABLE, puts);
      written += puts.length;
    }
    // Conflict records are bookkeeping: they are reported as conflicts, not as history of the conflicts table.
    changes.splice(before);
  }
  return { counts, newConflicts, newConflictCount, changes, maxStamp, written, foreignOwnWrites: foreign.n, duplicatesDetected: [...foreign.dup], disputedResolutions };
}
