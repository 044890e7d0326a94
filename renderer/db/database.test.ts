import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDatabase } from './database';
import { CURRENT_SCHEMA_VERSION, fillIndexFields, fillListKeys, groupHistoryWrites, HISTORY_UPGRADE_CHUNK, LIST_KEYS_11, LIST_KEYS_13, schemaVersions, UPGRADE_CHUNK } from './schema';
import { listFields } from './paging';
import { countSeats, pendingSuppressionRows } from '../features/dashboard/dashboardData';
import { contactListKeys, conventionListKeys, habilitationListKeys, orderKey, partnerListKeys } from '../../shared/search/listKeys';
import { CLOCK_KEY, Store, ValidationError, liveRows } from './store';
import { formatStamp, parseStamp } from '../../shared/crdt/hlc';
import { lineId, writeId } from '../../shared/sync/history';
import { maxStampOf, type CrdtRecord } from '../../shared/crdt/record';
import type { Partner } from '../../shared/domain';
import { historyLines } from './store';
import { linesOfWrites } from '../../shared/sync/history';

const REPLICA = '0123456789abcdef';
let dbCounter = 0;
const opened: Dexie[] = [];
function dbName(prefix: string): string {
  return `${prefix}-${++dbCounter}-${Math.random().toString(36).slice(2)}`;
}
afterEach(async () => {
  for (const d of opened.splice(0)) {
    d.close();
    await Dexie.delete(d.name);
  }
});

/** Parse a Dexie store spec: primary key first, then indexes (names without modifiers). */
function parseSpec(spec: string): { primary: string; indexes: string[] } {
  const parts = spec.split(',').map((s) => s.trim().replace(/^(\+\+|&|\*)/, ''));
  return { primary: parts[0]!, indexes: parts.slice(1) };
}

function sampleRow(table: string, spec: string, n: number): Record<string, unknown> {
  const { primary, indexes } = parseSpec(spec);
  const row: Record<string, unknown> = { _deleted: 0, _m: {} };
  if (primary !== 'seq') row[primary] = `${table}-sample-${n}`;
  for (const idx of indexes) {
    for (const field of idx.replace(/^\[|\]$/g, '').split('+')) {
      if (field === '_deleted') continue;
      row[field] ??= `${field}-${n}`;
    }
  }
  return row;
}

/** The database as a release of schema `from` created it (its versions and upgrades only), open. */
async function olderDatabase(name: string, from: number): Promise<Dexie> {
  const old = new Dexie(name, { autoOpen: false });
  for (const v of schemaVersions.filter((x) => x.version <= from)) {
    const declared = old.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
  await old.open();
  return old;
}

/** Close the older base `old` and open it as the current schema (running every upgrade since). */
async function upgraded(old: Dexie): Promise<AppDatabase> {
  old.close();
  const db = new AppDatabase(old.name);
  opened.push(db);
  await db.open();
  return db;
}

describe('schema upgrades', () => {
  it('declares increasing versions ending at CURRENT_SCHEMA_VERSION', () => {
    const versions = schemaVersions.map((v) => v.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(versions.at(-1)).toBe(CURRENT_SCHEMA_VERSION);
  });

  for (const from of schemaVersions) {
    it(`upgrades a database created at version ${from.version} to the current declaration, keeping data and indexes`, async () => {
      const name = dbName(`upgrade-v${from.version}`);
      // The database as an older release created it: only the versions up to `from`.
      const old = new Dexie(name, { autoOpen: false });
      for (const v of schemaVersions.filter((x) => x.version <= from.version)) {
        const declared = old.version(v.version).stores(v.stores);
        if (v.upgrade) declared.upgrade(v.upgrade);
      }
      await old.open();
      const samples: Record<string, Record<string, unknown>[]> = {};
      for (const [table, spec] of Object.entries(from.stores)) {
        if (spec === null) continue;
        samples[table] = [sampleRow(table, spec, 1), sampleRow(table, spec, 2)];
        await old.table(table).bulkAdd(samples[table]!);
      }
      const db = await upgraded(old);
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      const current = schemaVersions.at(-1)!;
      for (const [table, spec] of Object.entries(current.stores)) {
        if (spec === null) continue;
        const t = db.table(table);
        // Every declared index exists on the upgraded database.
        const { indexes } = parseSpec(spec);
        const present = new Set(t.schema.indexes.map((i) => i.name));
        for (const idx of indexes) expect(present.has(idx), `${table}.${idx}`).toBe(true);
        const rows = samples[table];
        if (!rows) continue;
        expect(await t.count()).toBe(rows.length);
        // Indexes answer queries on the carried-over rows.
        for (const idx of indexes) {
          if (idx.startsWith('[')) continue;
          const value = rows[0]![idx];
          if (value === undefined) continue;
          const expected = rows.filter((r) => r[idx] === value).length;
          expect(await t.where(idx).equals(value as string | number).count(), `${table}.${idx}`).toBe(expected);
        }
      }
    });
  }
});

describe('schema version 3: index fields for delta export', () => {
  const replicas = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', 'cccccccccccccccc'];
  const stamp = (n: number, r: number) => formatStamp({ millis: 1_700_000_000_000 + n, counter: 0, replica: replicas[r]! });
  /** A record as versions 1 and 2 stored it: `_m` only, no `_ts` / `_r`. */
  const oldRecord = (n: number): CrdtRecord => ({
    id: `p-${String(n).padStart(5, '0')}`,
    _deleted: 0,
    name: `Partenaire ${n}`,
    _m: { _deleted: { s: stamp(n, n % 3) }, name: { s: stamp(n * 2, (n + 1) % 3) } },
  });

  for (const from of [1, 2]) {
    it(`fills _ts and _r of every record when upgrading from version ${from} (across chunks), idempotently`, async () => {
      const name = dbName(`upgrade3-v${from}`);
      const old = new Dexie(name, { autoOpen: false });
      for (const v of schemaVersions.filter((x) => x.version <= from)) old.version(v.version).stores(v.stores);
      await old.open();
      const n = UPGRADE_CHUNK + 345;
      await old.table('partners').bulkAdd(Array.from({ length: n }, (_, i) => oldRecord(i)));
      await old.table('conflicts').add(oldRecord(1));
      const db = await upgraded(old);
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      const rows = await db.partners.toArray();
      expect(rows).toHaveLength(n);
      for (const r of rows) {
        expect(r._ts).toBe(maxStampOf(r));
        expect([...r._r!].sort()).toEqual([...new Set([replicas[Number(r.id.slice(2)) % 3], replicas[(Number(r.id.slice(2)) + 1) % 3]])].sort());
      }
      expect((await db.conflicts.get('p-00001'))!._ts).toBe(stamp(2, 2));
      // The indexes answer: records whose greatest stamp is above a bound, records a replica wrote.
      const bound = stamp(2 * (n - 10), 0);
      expect(await db.partners.where('_ts').above(bound).count()).toBe(rows.filter((r) => r._ts! > bound).length);
      expect(await db.partners.where('_r').equals(replicas[2]!).count()).toBe(rows.filter((r) => r._r!.includes(replicas[2]!)).length);
      // Running the upgrade again changes nothing.
      await db.transaction('rw', db.tables, (tx) => fillIndexFields(tx));
      expect(await db.partners.toArray()).toEqual(rows);
    });
  }
});

describe('schema version 5: list keys for the paged lists', () => {
  for (const from of [1, 2, 3, 4]) {
    it(`fills _k of every partner and habilitation when upgrading from version ${from} (across chunks), idempotently`, async () => {
      const name = dbName(`upgrade5-v${from}`);
      const old = await olderDatabase(name, from);
      const n = UPGRADE_CHUNK + 17;
      const stamp = formatStamp({ millis: 1_700_000_000_000, counter: 0, replica: REPLICA });
      await old.table('habilitations').bulkAdd(
        Array.from({ length: n }, (_, i) => ({ id: `h-${String(i).padStart(5, '0')}`, _deleted: i % 9 === 0 ? 1 : 0, partnerId: 'p-1', lastName: i % 2 ? 'Técher' : 'Boyer', firstName: 'Élise', profile: i % 3 ? 'T2' : 'T10', startOn: '2024-01-01', status: 'active', email: '', _m: { lastName: { s: stamp } } })),
      );
      await old.table('partners').bulkAdd([{ id: 'p-1', _deleted: 0, name: 'École des Mûriers', _m: { name: { s: stamp } } }]);
      const db = await upgraded(old);
      const rows = await db.habilitations.toArray();
      expect(rows).toHaveLength(n);
      for (const r of rows) expect(r._k).toEqual(habilitationListKeys(r));
      expect((await db.partners.get('p-1'))!._k).toEqual(partnerListKeys({ name: 'École des Mûriers' }));
      // The list indexes answer: live T10 rows, in folded-name order.
      const t10 = await db.habilitations.where('[_deleted+_k.p+id]').between([0, '0T10'], [0, '0T10', Dexie.maxKey]).count();
      expect(t10).toBe(rows.filter((r) => r._deleted === 0 && r.profile === 'T10').length);
      const byName = await db.habilitations.where('[_deleted+_k.n+id]').between([0], [0, Dexie.maxKey]).limit(1).toArray();
      expect(byName[0]!.lastName).toBe('Boyer');
      // Running the upgrade again changes nothing.
      await db.transaction('rw', db.tables, (tx) => fillListKeys(tx));
      expect(await db.habilitations.toArray()).toEqual(rows);
    });
  }
});

describe('schema version 10: history stored as one row per write', () => {
  const A = 'aaaaaaaaaaaaaaaa';
  const stampAt = (n: number) => formatStamp({ millis: 1_700_000_000_000 + n * 1000, counter: 0, replica: A });
  /**
   * History as versions 1 to 9 stored it, one row per field: `writes` stamped writes of 3 fields each (versions 8
   * and 9 only: before them lines had no stamp) and legacy lines without stamp. The lines of write 0 are split
   * across the first chunk boundary; one write's lines are far apart (a later merge of the same write).
   */
  function oldLines(from: number) {
    const lines: Record<string, unknown>[] = [];
    const writes = Math.ceil(HISTORY_UPGRADE_CHUNK / 3) + 40;
    const stamped = from >= 8;
    for (let w = 0; w < writes; w++) {
      for (const field of ['name', 'notes', 'status']) {
        const s = stampAt(w);
        const base = { table: 'partners', recordId: `p-${w % 50}`, field, old: `${field} avant`, new: `${field} ${w}`, at: new Date(1_700_000_000_000 + w * 1000).toISOString(), user: 'Agnès', origin: 'local', action: 'Modification' };
        lines.push(stamped ? { ...base, id: lineId(s, 'partners', `p-${w % 50}`, field), s, r: A } : base);
      }
    }
    // Shift one line so that the chunk boundary falls inside a write, and add a late line of write 1.
    lines.unshift({ table: 'contacts', recordId: 'c-1', field: '*', old: undefined, new: 'création', at: '2023-11-14T22:00:00.000Z', user: 'Agnès', origin: 'local' });
    if (stamped) lines.push({ table: 'partners', recordId: 'p-1', field: 'siret', old: '', new: '123', at: new Date(1_700_000_001_000).toISOString(), user: 'Agnès', origin: 'bundle', action: 'Modification', id: lineId(stampAt(1), 'partners', 'p-1', 'siret'), s: stampAt(1), r: A });
    return lines;
  }
  const canonical = (lines: { id?: string; table: string; recordId: string; field: string; old: unknown; new: unknown; at: string; user: string }[]) =>
    lines.map((l) => JSON.stringify([l.id ?? null, l.table, l.recordId, l.field, l.old ?? null, l.new ?? null, l.at, l.user])).sort();

  for (const from of schemaVersions.map((v) => v.version).filter((v) => v < 10)) {
    it(`groups the lines of every write into one row when upgrading from version ${from} (across chunks), idempotently`, async () => {
      const name = dbName(`upgrade10-v${from}`);
      const old = await olderDatabase(name, from);
      const lines = oldLines(from);
      await old.table('history').bulkAdd(lines);
      const storedBefore = (await old.table('history').toArray()) as { seq: number }[];
      const db = await upgraded(old);
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      const rows = await db.history.toArray();
      // The same lines, each once, with the same ids.
      expect(canonical(linesOfWrites(rows))).toEqual(canonical(lines as never));
      const writes = Math.ceil(HISTORY_UPGRADE_CHUNK / 3) + 40;
      if (from >= 8) {
        expect(rows).toHaveLength(writes + 1);
        const w1 = rows.find((r) => r.id === writeId(stampAt(1), 'partners', 'p-1'))!;
        expect(w1.l.map((c) => c[0])).toEqual(['name', 'notes', 'status', 'siret']);
        // Deltas and the record view still answer from their indexes.
        expect(await db.history.where('[r+s]').between([A, stampAt(writes - 5)], [A, Dexie.maxKey], false, true).count()).toBe(4);
      } else {
        expect(rows).toHaveLength(lines.length);
      }
      // Order of the views kept: every row keeps the seq of its first line.
      expect(rows.every((r) => storedBefore.some((b) => b.seq === r.seq))).toBe(true);
      expect(rows[0]!.l).toEqual([['*', undefined, 'création']]);
      const onRecord = linesOfWrites(await db.history.where('[table+recordId]').equals(['partners', 'p-7']).toArray());
      expect(onRecord.length).toBe(lines.filter((l) => l.recordId === 'p-7').length);
      // Running the upgrade again changes nothing.
      await db.transaction('rw', db.tables, (tx) => groupHistoryWrites(tx));
      expect(await db.history.toArray()).toEqual(rows);
    });
  }
});

/** `n` contacts of partner p-1 (one in 7 deleted) in an older base, with `fields(i)`; returns their `_m`. */
async function seedContacts(old: Dexie, n: number, fields: (i: number) => Record<string, unknown>): Promise<Record<string, { s: string }>> {
  const m = { name: { s: formatStamp({ millis: 1_700_000_000_000, counter: 0, replica: REPLICA }) } };
  await old.table('contacts').bulkAdd(
    Array.from({ length: n }, (_, i) => ({ id: `k-${String(i).padStart(5, '0')}`, _deleted: i % 7 === 0 ? 1 : 0, partnerId: 'p-1', email: '', function: '', roles: [], ...fields(i), _m: m })),
  );
  return m;
}

describe('schema version 11: list fields of the Partenaires and Interlocuteurs lists', () => {
  for (const from of schemaVersions.map((v) => v.version).filter((v) => v < 11)) {
    it(`fills _k of every partner, convention and contact when upgrading from version ${from} (across chunks), idempotently`, async () => {
      const name = dbName(`upgrade11-v${from}`);
      const old = await olderDatabase(name, from);
      const n = UPGRADE_CHUNK + 11;
      const m = await seedContacts(old, n, (i) => ({ lastName: 'Técher', firstName: i % 2 ? 'Élise' : '', function: 'Agent', roles: i % 3 ? [{ role: 'administrateur', from: '2024-01-01' }] : [] }));
      await old.table('partners').bulkAdd([{ id: 'p-1', _deleted: 0, name: 'École des Mûriers', kind: 'commune', address: { city: 'Le Port', postalCode: '97420' }, siret: '', status: 'actif', _m: m }]);
      await old.table('conventions').bulkAdd([{ id: 'c-1', _deleted: 0, partnerId: 'p-1', number: '12/2018', managementMode: 'delegue', effectiveOn: '2018-02-01', tacitRenewal: true, _m: m }]);
      const db = await upgraded(old);
      const contacts = await db.contacts.toArray();
      expect(contacts).toHaveLength(n);
      for (const r of contacts) expect(r._k).toEqual(contactListKeys(r));
      const partner = (await db.partners.get('p-1'))!;
      expect(partner._k).toEqual(partnerListKeys(partner));
      expect((await db.conventions.get('c-1'))!._k).toEqual(conventionListKeys({ partnerId: 'p-1', number: '12/2018', managementMode: 'delegue', effectiveOn: '2018-02-01', tacitRenewal: true }));
      // The list-fields indexes answer with live records only.
      const fields = await listFields<unknown[]>(db.contacts);
      expect(fields.map((f) => f.id).sort()).toEqual(contacts.filter((r) => r._deleted === 0).map((r) => r.id).sort());
      expect((await listFields<unknown[]>(db.partners))[0]).toEqual({ id: 'p-1', l: ['École des Mûriers', 'commune', 'Le Port', '97420', '', 'actif'] });
      expect(await listFields(db.conventions)).toHaveLength(1);
      // Running the upgrade again changes nothing.
      const before = [await db.partners.toArray(), await db.conventions.toArray(), contacts];
      await db.transaction('rw', db.tables, (tx) => fillListKeys(tx, LIST_KEYS_11));
      expect([await db.partners.toArray(), await db.conventions.toArray(), await db.contacts.toArray()]).toEqual(before);
    });
  }
});

describe('schema version 12: fewer index entries per habilitation and per history row', () => {
  for (const from of schemaVersions.map((v) => v.version).filter((v) => v < 12)) {
    it(`drops the indexes no query needs when upgrading from version ${from}, and the queries that used them still answer`, async () => {
      const name = dbName(`upgrade12-v${from}`);
      const old = await olderDatabase(name, from);
      const stamp = (n: number, replica = REPLICA) => formatStamp({ millis: 1_700_000_000_000 + n, counter: 0, replica });
      const hab = (i: number, over: Record<string, unknown>) => {
        const r: Record<string, unknown> = { id: `h-${i}`, _deleted: 0, partnerId: 'p-1', service: 'CDAP', profile: 'T2', firstName: 'Élise', lastName: `Técher ${i}`, email: `e${i}@exemple.fr`, startOn: '2024-01-01', status: 'active', _m: { lastName: { s: stamp(i) } }, ...over };
        // Written by the application from version 5 on: the list keys came with every record (middleware).
        if (from >= 5) r._k = habilitationListKeys(r);
        return r;
      };
      await old.table('habilitations').bulkAdd([
        hab(1, {}),
        hab(2, { status: 'suppression-demandee', endOn: '2026-12-31' }),
        hab(3, { _deleted: 1, status: 'supprimee', endOn: '2025-01-31' }),
        hab(4, { service: 'AUTRE' }),
      ]);
      const other = 'fedcba9876543210';
      if (from >= 10) {
        await old.table('history').bulkAdd([REPLICA, other].map((r, i) => ({ id: writeId(stamp(i, r), 'habilitations', 'h-1'), s: stamp(i, r), r, table: 'habilitations', recordId: 'h-1', l: [['lastName', null, 'Técher']], at: '2026-12-02T08:00:00.000Z', user: 'Agnès', origin: 'local' })));
      } else if (from >= 8) {
        await old.table('history').bulkAdd([REPLICA, other].map((r, i) => ({ id: lineId(stamp(i, r), 'habilitations', 'h-1', 'lastName'), s: stamp(i, r), r, table: 'habilitations', recordId: 'h-1', field: 'lastName', old: null, new: 'Técher', at: '2026-12-02T08:00:00.000Z', user: 'Agnès', origin: 'local' })));
      }
      old.close();

      const db = new AppDatabase(name);
      opened.push(db);
      await db.open();
      const indexes = new Set(db.habilitations.schema.indexes.map((i) => i.name));
      for (const gone of ['status', 'email', 'endOn', '[partnerId+profile]']) expect(indexes.has(gone), gone).toBe(false);
      const historyIndexes = new Set(db.history.schema.indexes.map((i) => i.name));
      for (const gone of ['at', 'r']) expect(historyIndexes.has(gone), gone).toBe(false);
      expect((await liveRows(db, 'habilitations')).map((h) => h.id).sort()).toEqual(['h-1', 'h-2', 'h-4']);
      expect(await db.habilitations.where('_deleted').equals(0).count()).toBe(3);
      expect(await db.habilitations.where('_deleted').equals(1).primaryKeys()).toEqual(['h-3']);
      expect((await pendingSuppressionRows(db)).map((h) => h.id)).toEqual(['h-2']);
      expect(await countSeats(db)).toEqual(new Map([['p-1|CDAP|T2', 2], ['p-1|AUTRE|T2', 1]]));
      expect(await db.habilitations.where('partnerId').equals('p-1').count()).toBe(4);
      // The replicas that wrote history, from [r+s] (the peers' catch-up reads them).
      expect(await db.history.orderBy('r').uniqueKeys()).toEqual(from >= 8 ? [REPLICA, other].sort() : []);
    });
  }
});

describe('schema version 13: the default views\' order and activity keys', () => {
  for (const from of schemaVersions.map((v) => v.version).filter((v) => v < 13)) {
    it(`fills _k.o / _k.a of partners and _k.o / _k.af / _k.au of contacts when upgrading from version ${from} (across chunks), idempotently`, async () => {
      const name = dbName(`upgrade13-v${from}`);
      const old = await olderDatabase(name, from);
      const n = UPGRADE_CHUNK + 13;
      const m = await seedContacts(old, n, (i) => ({
        lastName: i % 2 ? 'Técher' : 'Hoareau',
        firstName: `Agent ${i % 12}`,
        ...(i % 5 === 1 ? { activeUntil: '2020-01-01' } : {}),
        ...(i % 11 === 2 ? { activeFrom: '2099-01-01' } : {}),
      }));
      await old.table('partners').bulkAdd([
        { id: 'p-1', _deleted: 0, name: 'Mairie 10', kind: 'commune', address: { city: 'Le Port', postalCode: '97420' }, siret: '', status: 'actif', _m: m },
        { id: 'p-2', _deleted: 0, name: 'mairie 2', kind: 'commune', address: { city: 'Le Port', postalCode: '97420' }, siret: '', status: 'archive', _m: m },
        { id: 'p-3', _deleted: 0, name: 'École', kind: 'commune', address: { city: 'Le Port', postalCode: '97420' }, siret: '', status: 'actif', _m: m },
      ]);
      const db = await upgraded(old);
      const contacts = await db.contacts.toArray();
      expect(contacts).toHaveLength(n);
      for (const r of contacts) expect(r._k).toEqual(contactListKeys(r));
      for (const p of await db.partners.toArray()) expect(p._k).toEqual(partnerListKeys(p));
      // The walks: partners not archived in the collator's order (« 2 » before « 10 »), all of them, contacts by name.
      const current = await db.partners.where('[_deleted+_k.a+_k.o+id]').between([0, '0'], [0, '0', Dexie.maxKey]).primaryKeys();
      expect(current).toEqual(['p-3', 'p-1']);
      expect(await db.partners.where('[_deleted+_k.o+id]').between([0], [0, Dexie.maxKey]).primaryKeys()).toEqual(['p-3', 'p-2', 'p-1']);
      const live = contacts.filter((r) => r._deleted === 0);
      const byName = await db.contacts.where('[_deleted+_k.o+id]').between([0], [0, Dexie.maxKey]).primaryKeys();
      expect(byName).toEqual(live.sort((a, b) => (orderKey(`${a.lastName} ${a.firstName}`) < orderKey(`${b.lastName} ${b.firstName}`) ? -1 : orderKey(`${a.lastName} ${a.firstName}`) > orderKey(`${b.lastName} ${b.firstName}`) ? 1 : a.id < b.id ? -1 : 1)).map((r) => r.id));
      expect(await db.contacts.where('[_deleted+_k.au]').between([0, ''], [0, '2026-12-02'], true, false).count()).toBe(live.filter((r) => r.activeUntil).length);
      expect(await db.contacts.where('[_deleted+_k.af+_k.au]').between([0, '2026-12-02', Dexie.maxKey], [0, Dexie.maxKey], false, true).count()).toBe(live.filter((r) => r.activeFrom).length);
      // Running the upgrade again changes nothing.
      const before = [await db.partners.toArray(), contacts];
      await db.transaction('rw', db.tables, (tx) => fillListKeys(tx, LIST_KEYS_13));
      expect([await db.partners.toArray(), await db.contacts.toArray()]).toEqual(before);
    });
  }
});

async function openStore(name: string, now: () => number = Date.now, user = 'Agnès Test') {
  const db = new AppDatabase(name);
  opened.push(db);
  const store = new Store(db, REPLICA, () => user, now);
  await store.open();
  return { db, store };
}

const partner = (over: Partial<Partner> = {}): Omit<Partner, 'id'> & { id?: string } => ({
  cafId: 'caf-1',
  name: 'Mairie de Saint-Denis',
  kind: 'commune',
  siret: '',
  address: { line1: '', line2: '', postalCode: '97400', city: 'Saint-Denis' },
  representative: { firstName: '', lastName: '', title: 'le Maire' },
  status: 'actif',
  notes: '',
  ...over,
});

describe('Store', () => {
  it('creates, updates, removes and restores, with stamps and history lines', async () => {
    let t = Date.parse('2026-11-20T10:00:00Z');
    const { db, store } = await openStore(dbName('store'), () => t);
    const id = await store.write('Création du partenaire', (ctx) => ctx.create('partners', partner({ id: 'p1' })));
    expect(id).toBe('p1');
    let rec = await db.partners.get('p1');
    expect(rec).toMatchObject({ id: 'p1', name: 'Mairie de Saint-Denis', _deleted: 0 });
    expect(parseStamp(rec!._m.name!.s).replica).toBe(REPLICA);

    t += 60_000;
    await store.write('Modification du partenaire', (ctx) => ctx.update('partners', 'p1', { name: 'Ville de Saint-Denis' }));
    rec = await db.partners.get('p1');
    expect(rec!.name).toBe('Ville de Saint-Denis');
    const history = linesOfWrites(await db.history.where('[table+recordId]').equals(['partners', 'p1']).toArray());
    const nameLine = history.find((h) => h.field === 'name' && h.action === 'Modification du partenaire');
    expect(nameLine).toMatchObject({ old: 'Mairie de Saint-Denis', new: 'Ville de Saint-Denis', user: 'Agnès Test', origin: 'local', at: '2026-11-20T10:01:00.000Z' });

    await store.write('Suppression', (ctx) => ctx.remove('partners', 'p1'));
    expect((await db.partners.get('p1'))!._deleted).toBe(1);
    expect(await liveRows(db, 'partners')).toEqual([]);
    await store.write('Restauration', (ctx) => ctx.restore('partners', 'p1'));
    expect((await liveRows(db, 'partners')).map((p) => p.name)).toEqual(['Ville de Saint-Denis']);
    const deletions = (await historyLines(db)).filter((h) => h.field === '_deleted');
    expect(deletions.map((h) => [h.old, h.new])).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('rejects invalid input with a French message and stores nothing, not even part of the action', async () => {
    const { db, store } = await openStore(dbName('store-invalid'));
    const before = { partners: await db.partners.count(), history: await db.history.count(), clock: await db.meta.get(CLOCK_KEY) };
    const attempt = store.write('Création de deux partenaires', async (ctx) => {
      await ctx.create('partners', partner({ id: 'ok' }));
      await ctx.create('partners', partner({ id: 'bad', name: '   ' }));
    });
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toThrow('Le nom du partenaire est obligatoire.');
    expect(await db.partners.count()).toBe(before.partners);
    expect(await db.history.count()).toBe(before.history);
    expect(await db.meta.get(CLOCK_KEY)).toEqual(before.clock);
  });

  it('refuses to update a record that does not exist', async () => {
    const { store } = await openStore(dbName('store-missing'));
    await expect(store.write('Modification', (ctx) => ctx.update('partners', 'nope', { name: 'X' }))).rejects.toThrow("Cet enregistrement n'existe plus.");
  });

  it('persists the clock, so a reopened store stamps after everything it issued', async () => {
    const name = dbName('store-clock');
    // A clock that goes backwards between sessions (PC clock reset) must not produce older stamps.
    const first = await openStore(name, () => Date.parse('2026-11-20T10:00:00Z'));
    await first.store.write('Création', (ctx) => ctx.create('partners', partner({ id: 'p1' })));
    const saved = (await first.db.meta.get(CLOCK_KEY))!.value as string;
    expect(saved).toBe(first.store.hlc.current());
    first.db.close();
    const second = await openStore(name, () => Date.parse('2026-11-19T10:00:00Z'));
    await second.store.write('Modification', (ctx) => ctx.update('partners', 'p1', { name: 'Autre nom' }));
    const rec = await second.db.partners.get('p1');
    expect(rec!._m.name!.s > saved).toBe(true);
  });
});
