/**
 * Every version of the Dexie schema, oldest first. Never edit a released version: add a new one, with an
 * idempotent upgrade (Dexie 4 opens a database declared older or newer without refusing), and a test in
 * database.test.ts that upgrades from each earlier version.
 */
import type { Transaction } from 'dexie';
import { withIndexFields, type CrdtRecord } from '../../shared/crdt/record';
import { listKeysByTable } from '../../shared/search/listKeys';
import { syncedTableNames } from '../../shared/domain/values';
import { groupLines, mergeWrites, type FieldChange } from '../../shared/sync/historyWrites';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Indexes shared by every replicated table: primary key, tombstone flag. */
const synced = (extra = '') => `id, _deleted${extra ? `, ${extra}` : ''}`;
/** From version 3: plus the index fields `_ts` (greatest field stamp) and `*_r` (writing replicas), for deltas. */
const synced3 = (extra = '') => synced(extra ? `_ts, *_r, ${extra}` : '_ts, *_r');

/** Records per read/write step of the version 3 upgrade. */
export const UPGRADE_CHUNK = 2000;

/**
 * Version 3 upgrade: give every record of every synced table its index fields, a chunk at a time (key order).
 * Idempotent: the fields are a pure function of `_m`, recomputed wherever they already are.
 */
export async function fillIndexFields(tx: Transaction): Promise<void> {
  for (const name of syncedTableNames) {
    // Tables added by later versions are not in this version's schema while its upgrade runs (going from v2 to
    // v4 runs this first): Dexie's `tx.table` throws NotFound for them, and they have no record to fill anyway.
    let table;
    try {
      table = tx.table<CrdtRecord, string>(name);
    } catch {
      continue;
    }
    let last: string | undefined;
    for (;;) {
      const rows = await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last)).limit(UPGRADE_CHUNK).toArray();
      if (rows.length === 0) break;
      await table.bulkPut(rows.map(withIndexFields));
      last = rows[rows.length - 1]!.id;
    }
  }
}

/** History from version 8: replicated lines (global `id`, stamp `s`, its replica `r`). */
export const HISTORY_STORE_8 = '++seq, &id, [table+recordId], at, r, [r+s]';

/** History rows per step of the version 10 upgrade. */
export const HISTORY_UPGRADE_CHUNK = 5000;

interface StoredRow {
  seq: number;
  id?: string;
  s?: string;
  table: string;
  recordId: string;
  field?: string;
  old?: unknown;
  new?: unknown;
  l?: FieldChange[];
}

/**
 * Version 10 upgrade: history lines (one row per field) to writes (one row per stamp on one record, its fields in
 * `l`), a chunk at a time in `seq` order. A write keeps the `seq` of its first line, so the order of the views
 * (time, then `seq`) is unchanged; a line without stamp becomes a write of its own, same `seq`. A write whose
 * lines span chunks is merged into the row made from the earlier chunk. Idempotent: rows that already have `l`
 * are left as they are.
 */
export async function groupHistoryWrites(tx: Transaction): Promise<void> {
  const table = tx.table<StoredRow, number>('history');
  let last = -Infinity;
  for (;;) {
    const rows = await table.where(':id').above(last).limit(HISTORY_UPGRADE_CHUNK).toArray();
    if (rows.length === 0) break;
    last = rows[rows.length - 1]!.seq;
    const lines = rows.filter((r) => !Array.isArray(r.l) && typeof r.field === 'string') as (StoredRow & { field: string })[];
    if (!lines.length) continue;
    const writes = groupLines(lines.map((r) => ({ ...r, old: r.old, new: r.new })));
    const ids = writes.flatMap((w) => (w.id ? [w.id] : []));
    const held = new Map<string, StoredRow & { l: FieldChange[] }>();
    for (const r of await table.where('id').anyOf(ids).toArray()) if (r.id && Array.isArray(r.l)) held.set(r.id, r as StoredRow & { l: FieldChange[] });
    const { put } = mergeWrites(held, writes);
    await table.bulkDelete(lines.map((r) => r.seq));
    await table.bulkPut(put);
  }
}

/** Version 3's tables (also the base of versions 4 to 8). */
const stores3: Record<string, string> = {
  cafs: synced3(),
  partners: synced3('name, kind, siret, cafId, status'),
  conventions: synced3('partnerId, number'),
  contacts: synced3('partnerId, cafId, email, lastName'),
  chains: synced3('partnerId'),
  allocations: synced3('partnerId, [partnerId+service+profile]'),
  habilitations: synced3('partnerId, status, email, [partnerId+profile], endOn, [_deleted+status+partnerId+service+profile]'),
  followUps: synced3('partnerId, status'),
  issuedForms: synced3('partnerId, issuedAt'),
  conflicts: synced3('status, recordId'),
  history: '++seq, [table+recordId], at',
  meta: 'key',
  peers: 'id',
};

/**
 * Version 5 upgrade: give every record of the tables whose lists page through indexes its list keys `_k`
 * (shared/search/listKeys.ts), a chunk at a time. Idempotent: `_k` is a pure function of the record's fields.
 * (Later writes get them from the middleware in database.ts.)
 */
export async function fillListKeys(tx: Transaction, tables: readonly string[] = Object.keys(listKeysByTable)): Promise<void> {
  for (const name of tables) {
    const keysOf = listKeysByTable[name]!;
    const table = tx.table<CrdtRecord, string>(name);
    let last: string | undefined;
    for (;;) {
      const rows = await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last)).limit(UPGRADE_CHUNK).toArray();
      if (rows.length === 0) break;
      for (const r of rows) r._k = keysOf(r);
      await table.bulkPut(rows);
      last = rows[rows.length - 1]!.id;
    }
  }
}

/** Version 5's tables: version 4's plus the list indexes (`_k`, see fillListKeys). */
const stores5: Record<string, string> = {
  ...stores3,
  derived: 'key',
  partners: synced3('name, kind, siret, cafId, status, [_deleted+_k.n+id]'),
  habilitations: synced3(
    'partnerId, status, email, [partnerId+profile], endOn, [_deleted+status+partnerId+service+profile], ' +
      '[_deleted+_k.n+id], [_deleted+_k.e+id], [_deleted+_k.p+id], [_deleted+_k.s+id], [_deleted+_k.st+id], [_deleted+_k.f+id]',
  ),
};

/** Version 6's tables: version 5's plus letter templates and reverse-review campaigns (issue 15). */
const stores6: Record<string, string> = {
  ...stores5,
  templates: synced3('kind'),
  reviewCampaigns: synced3('year'),
  reviewRequests: synced3('campaignId, partnerId'),
};

/** Version 7: plus the purge list's index (removed accesses by end date), read without decoding records. */
const stores7: Record<string, string> = {
  ...stores6,
  habilitations: `${stores6.habilitations}, [_deleted+status+endOn]`,
};

/** Version 11: version 9's (and 10's) tables plus the list-fields index `[_deleted+_k.l+id]` of the Partenaires and Interlocuteurs lists. */
const stores9: Record<string, string> = { ...stores7, history: HISTORY_STORE_8, attachments: synced3('conventionId, partnerId, sha256'), blobs: 'sha256' };
const stores11: Record<string, string> = {
  ...stores9,
  partners: `${stores9.partners}, [_deleted+_k.l+id]`,
  conventions: `${stores9.conventions}, [_deleted+_k.l+id]`,
  contacts: `${stores9.contacts}, [_deleted+_k.l+id]`,
};
/**
 * Version 12: fewer index entries per habilitation and per history row (issue 13: an import of 150,000
 * habilitations stored each under 17 index entries, history rows under 6). Dropped, because no query uses them or
 * another index answers them: habilitations' `status` (read on the seat index
 * `[_deleted+status+partnerId+service+profile]`), `email` and `endOn` (never queried), `[partnerId+profile]`
 * (seats counted on the seat index); history's `at` (never queried) and `r` (answered by Dexie from the first part
 * of `[r+s]`). `_deleted` stays: Dexie could answer it from `[_deleted+_k.e+id]`, but its padded range repeats
 * one array key, which the spec's key conversion (fake-indexeddb in the tests) refuses.
 */
export const HABILITATIONS_12 =
  'id, _deleted, _ts, *_r, partnerId, [_deleted+status+partnerId+service+profile], ' +
  '[_deleted+_k.n+id], [_deleted+_k.e+id], [_deleted+_k.p+id], [_deleted+_k.s+id], [_deleted+_k.st+id], [_deleted+_k.f+id], [_deleted+status+endOn]';
export const HISTORY_STORE_12 = '++seq, &id, [table+recordId], [r+s]';
const stores12: Record<string, string> = { ...stores11, habilitations: HABILITATIONS_12, history: HISTORY_STORE_12 };
/** Tables whose `_k` version 11 fills (partners gain `l`; conventions and contacts get keys for the first time). */
export const LIST_KEYS_11 = ['partners', 'conventions', 'contacts'] as const;

/**
 * Version 13: the Partenaires and Interlocuteurs lists' default views walk an index in their order (`_k.o`, the
 * collator's order as a string: shared/search/listKeys.ts `orderKey`); partners by archived flag then name,
 * contacts by name, and contacts' activity dates as range keys so « active today » is counted, not read.
 */
const stores13: Record<string, string> = {
  ...stores12,
  partners: `${stores12.partners}, [_deleted+_k.o+id], [_deleted+_k.a+_k.o+id]`,
  contacts: `${stores12.contacts}, [_deleted+_k.o+id], [_deleted+_k.af+_k.au], [_deleted+_k.au]`,
};
/** Tables whose `_k` version 13 fills again (new parts `o`, `a`, `af`, `au`). */
export const LIST_KEYS_13 = ['partners', 'contacts'] as const;

export const schemaVersions: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      cafs: synced(),
      partners: synced('name, kind, siret, cafId, status'),
      conventions: synced('partnerId, number'),
      contacts: synced('partnerId, cafId, email, lastName'),
      chains: synced('partnerId'),
      allocations: synced('partnerId, [partnerId+service+profile]'),
      habilitations: synced('partnerId, status, email, [partnerId+profile], endOn'),
      followUps: synced('partnerId, status'),
      issuedForms: synced('partnerId, issuedAt'),
      conflicts: synced('status, recordId'),
      /** Local only: who changed what, when, from where. */
      history: '++seq, [table+recordId], at',
      /** Local only: replica clock, version vector, first-run choice, peers' last bundles. */
      meta: 'key',
      /** Local only: other installations seen in bundles (label, last bundle received, what they have seen). */
      peers: 'id',
    },
  },
  {
    // Seats in use per partner × service × profile read from index keys alone (no record decoded): the
    // dashboard counts 150,000 habilitations this way in about a second instead of five. No data change.
    version: 2,
    stores: {
      cafs: synced(),
      partners: synced('name, kind, siret, cafId, status'),
      conventions: synced('partnerId, number'),
      contacts: synced('partnerId, cafId, email, lastName'),
      chains: synced('partnerId'),
      allocations: synced('partnerId, [partnerId+service+profile]'),
      habilitations: synced('partnerId, status, email, [partnerId+profile], endOn, [_deleted+status+partnerId+service+profile]'),
      followUps: synced('partnerId, status'),
      issuedForms: synced('partnerId, issuedAt'),
      conflicts: synced('status, recordId'),
      history: '++seq, [table+recordId], at',
      meta: 'key',
      peers: 'id',
    },
  },
  {
    // Delta export reads only what a peer may lack: `_ts` (greatest field stamp) above the peer's least vector
    // entry, plus `_r` (replicas that wrote) for replicas the peer has never seen. Index fields only: bundles
    // of schema 2 import unchanged (no payload hook); the upgrade fills both fields for existing records.
    version: 3,
    stores: stores3,
    upgrade: fillIndexFields,
  },
  {
    // Derived state persisted with the position it is current to (renderer/derived): the dashboard's inputs and
    // seat counts, the search index's documents. Local only, never in bundles; a new table, so no data change
    // (an older release opening the base simply ignores it, and a missing or stale row is rebuilt).
    version: 4,
    stores: { ...stores3, derived: 'key' },
  },
  {
    // The lists page through indexes instead of reading every row (issue 16): one index per sortable column of
    // the Habilitations list, on folded keys `_k` with the id last (unique keys: a page resumes exactly after
    // the previous one), `_deleted` first so tombstones are outside the range; partners in folded-name order for
    // the « Partenaire » sort. Local index fields only: bundles are unchanged.
    version: 5,
    stores: stores5,
    upgrade: (tx) => fillListKeys(tx, ['habilitations', 'partners']),
  },
  {
    // Letter templates and the reverse-review campaigns (issue 15): three new synced tables, empty at first, so
    // no upgrade; bundles of earlier schemas simply lack them.
    version: 6,
    stores: stores6,
  },
  {
    // The Habilitations page's purge list (removed accesses ended more than six years ago) counted and listed
    // from an index range: the stress set holds tens of thousands of old ended accesses, decoding them all
    // before the list's first rows cost seconds. An index on existing fields: no data change.
    version: 7,
    stores: stores7,
  },
  {
    // History lines are replicated (shared/sync/history.ts): a unique global id per line (same on every
    // workstation: an import adds a line once, whatever the path), and `[r+s]` (writing replica + stamp) to read
    // the lines a peer lacks, like records' `_ts` / `_r`. Lines written before stay local: no data change.
    version: 8,
    stores: { ...stores7, history: HISTORY_STORE_8 },
  },
  {
    // Documents kept with a convention: `attachments` is a synced table (one record per convention × content),
    // `blobs` holds the bytes once per content, keyed by their SHA-256 (local; carried in bundles apart, see
    // docs/bundle-format.md « Documents joints »). Two new tables: no data change, nothing to upgrade.
    version: 9,
    stores: stores9,
  },
  {
    // History stored as one row per write instead of one per field (shared/sync/history.ts « Storage »): an import
    // of 150,000 habilitations writes 150,000 rows instead of 2 million. Same indexes (`id` is now the write's id,
    // `writeId`); the lines, their ids, their order and what travels are unchanged.
    version: 10,
    stores: stores9,
    upgrade: groupHistoryWrites,
  },
  {
    // The Partenaires and Interlocuteurs lists page too (issue 16): each record carries its list fields in one
    // key `_k.l` (shared/search/listKeys.ts), so the list's order, filters and counts come from one index range
    // (5,000 partners, 30,000 contacts) and only the rows shown are built, a page at a time. The upgrade
    // fills `_k` of partners, conventions and contacts (idempotent); local index fields only, bundles unchanged.
    version: 11,
    stores: stores11,
    upgrade: (tx) => fillListKeys(tx, LIST_KEYS_11),
  },
  {
    // Fewer index entries per habilitation (17 → 13) and per history row (6 → 4), see HABILITATIONS_12: each one is
    // a write of its own in IndexedDB, and a spreadsheet import of 150,000 habilitations writes them all. Indexes
    // removed only: no data change, nothing to upgrade; the queries that used them read the indexes kept.
    version: 12,
    stores: stores12,
  },
  {
    // The default views of the Partenaires and Interlocuteurs lists (issue 16) show their first rows from an
    // index in list order and take their counts from index ranges, whatever the size of the base: `_k.o` (name
    // in the collator's order), `_k.a` (partner archived) and `_k.af` / `_k.au` (contact active from / until,
    // so « active today » is a count of two ranges). The upgrade fills `_k` of partners and contacts again
    // (idempotent); local index fields only, bundles unchanged.
    version: 13,
    stores: stores13,
    upgrade: (tx) => fillListKeys(tx, LIST_KEYS_13),
  },
];

export const CURRENT_SCHEMA_VERSION = schemaVersions[schemaVersions.length - 1]!.version;
