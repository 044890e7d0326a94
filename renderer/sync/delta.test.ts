/**
 * Delta selection through the index fields (`_ts`, `*_r`, schema version 3) against the full scan it replaces,
 * the writers that maintain those fields, and bundles of schema 2 (no index fields) importing into schema 3.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { formatStamp } from '../../shared/crdt/hlc';
import { maxStampOf, withIndexFields, type CrdtRecord, type MetaMap } from '../../shared/crdt/record';
import { syncedTableNames } from '../../shared/domain/tables';
import { encodeBundle, selectForPeer, toWire, type VersionVector } from '../../shared/sync';
import { AppDatabase } from '../db/database';
import { Store } from '../db/store';
import { applyImport, decode, deltaCandidates, exportBundle, selectTableForPeer, type Identity } from './engine';
import { testPartner as partner } from './testing/stations';

const PASS = 'phrase de passe du service';
const REPLICAS = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', 'cccccccccccccccc', 'dddddddddddddddd'];
const dbs: AppDatabase[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) {
    d.close();
    await Dexie.delete(d.name);
  }
});

function openDb(): AppDatabase {
  const db = new AppDatabase(`delta-${Math.random().toString(36).slice(2)}`);
  dbs.push(db);
  return db;
}

const stampOf = (replica: number, millis: number, counter = 0) => formatStamp({ millis: 1_700_000_000_000 + millis, counter, replica: REPLICAS[replica]! });

/** A record whose fields carry arbitrary stamps (one meta per field). */
const recordArb = (id: string) =>
  fc
    .array(fc.record({ r: fc.nat(REPLICAS.length - 1), t: fc.nat(20), c: fc.nat(2) }), { minLength: 1, maxLength: 4 })
    .map((stamps) => {
      const _m: MetaMap = {};
      const rec: CrdtRecord = { id, _deleted: 0, _m };
      stamps.forEach((s, i) => {
        const field = i === 0 ? '_deleted' : `f${i}`;
        _m[field] = { s: stampOf(s.r, s.t, s.c) };
        if (i > 0) rec[field] = `v${i}`;
      });
      return rec;
    });

const vectorArb: fc.Arbitrary<VersionVector> = fc
  .array(fc.option(fc.record({ t: fc.nat(22), c: fc.nat(2) }), { nil: undefined }), { minLength: REPLICAS.length, maxLength: REPLICAS.length })
  .map((entries) => {
    const v: VersionVector = {};
    entries.forEach((e, i) => {
      if (e) v[REPLICAS[i]!] = stampOf(i, e.t, e.c);
    });
    return v;
  });

describe('delta selection through the indexes', () => {
  it('returns exactly the records of the full scan, on random stamps and random peer vectors', async () => {
    const db = openDb();
    await db.open();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(29), { maxLength: 30 }).chain((ids) =>
          fc.tuple(fc.tuple(...[...new Set(ids)].map((n) => recordArb(`r${n}`))), fc.array(vectorArb, { minLength: 1, maxLength: 4 })),
        ),
        async ([records, vectors]) => {
          await db.partners.clear();
          await db.partners.bulkPut(records.map((r) => withIndexFields({ ...r })));
          for (const base of vectors) {
            const expected = selectForPeer('partners', await db.partners.toArray(), base).map((r) => r.id).sort();
            const got = await db.transaction('r', db.partners, () => selectTableForPeer(db, 'partners', base));
            expect(got.map((r) => r.id).sort()).toEqual(expected);
            // The index path was taken (every record is indexed), not the fallback.
            expect(await db.transaction('r', db.partners, () => deltaCandidates(db.partners, base))).not.toBeNull();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('falls back to reading the table when a record lacks its index fields', async () => {
    const db = openDb();
    await db.open();
    const unindexed: CrdtRecord = { id: 'x', _deleted: 0, _m: { _deleted: { s: stampOf(0, 5) } } };
    await db.partners.bulkPut([withIndexFields({ id: 'y', _deleted: 0, _m: { _deleted: { s: stampOf(0, 1) } } }), unindexed]);
    const base = { [REPLICAS[0]!]: stampOf(0, 2) };
    expect(await db.transaction('r', db.partners, () => deltaCandidates(db.partners, base))).toBeNull();
    expect((await db.transaction('r', db.partners, () => selectTableForPeer(db, 'partners', base))).map((r) => r.id)).toEqual(['x']);
  });
});


async function station(replicaId: string, label: string) {
  const db = openDb();
  const store = new Store(db, replicaId, () => label);
  await store.open();
  const identity: Identity = { replicaId, replicaLabel: label, userName: `Agent ${label}` };
  return { db, store, identity };
}

async function expectIndexed(db: AppDatabase) {
  for (const t of syncedTableNames) {
    for (const r of await db.syncedTable(t).toArray()) {
      expect(r._ts, `${t} ${r.id}`).toBe(maxStampOf(r));
      expect([...r._r!].sort(), `${t} ${r.id}`).toEqual([...new Set(Object.values(r._m).map((m) => m.s.slice(-16)))].sort());
    }
  }
}

describe('index fields kept by every writer, never in bundles', () => {
  it('store writes, imports (merged records, conflicts) and a schema 2 bundle all leave correct index fields', async () => {
    const a = await station(REPLICAS[0]!, 'Poste A');
    const b = await station(REPLICAS[1]!, 'Poste B');
    await a.store.write('Création', async (ctx) => {
      await ctx.create('partners', partner('p1', 'Mairie de Colmar'));
      await ctx.create('partners', partner('p2', 'Mairie de Sélestat'));
    });
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p1', { notes: 'vu' }));
    await a.store.write('Suppression', (ctx) => ctx.remove('partners', 'p2'));
    await a.store.write('Restauration', (ctx) => ctx.restore('partners', 'p2'));
    await expectIndexed(a.db);
    expect(Object.keys((await a.store.write('Lecture', (ctx) => ctx.get('partners', 'p1')))!)).not.toContain('_ts');

    // A bundle written by a schema 2 sender (no index fields, no payload hook between 2 and 3) imports.
    const records = await a.db.partners.toArray();
    for (const w of records.map(toWire)) {
      expect(w.v).not.toHaveProperty('_ts');
      expect(w.v).not.toHaveProperty('_r');
    }
    const { bytes } = await encodeBundle({
      bundleId: crypto.randomUUID(),
      schemaVersion: 2,
      replicaId: a.identity.replicaId,
      replicaLabel: 'Poste A (ancien)',
      createdAt: new Date().toISOString(),
      vector: { [a.identity.replicaId]: a.store.hlc.current() },
      baseVector: {},
      purpose: 'sync',
      tables: { partners: records },
      passphrase: PASS,
    });
    const decoded = await decode(bytes, PASS);
    expect(decoded.header.schemaVersion).toBe(2);
    await applyImport(b.db, b.store, decoded, b.identity);
    expect(await b.db.partners.count()).toBe(2);
    await expectIndexed(b.db);

    // Concurrent edits: merged records and the conflict records they make are indexed too.
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p1', { name: 'Ville de Colmar' }));
    await b.store.write('Modification', (ctx) => ctx.update('partners', 'p1', { name: 'Commune de Colmar' }));
    const fromB = await exportBundle(b.db, b.store, { purpose: 'sync', passphrase: PASS, identity: b.identity, peerId: a.identity.replicaId });
    expect(fromB.header.kind).toBe('delta');
    await applyImport(a.db, a.store, await decode(fromB.bytes, PASS), a.identity);
    expect(await a.db.conflicts.count()).toBeGreaterThan(0);
    await expectIndexed(a.db);

    // A's delta for B after one more edit: only p2 (B has seen everything else), through the indexes.
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p2', { notes: 'rappeler' }));
    const delta = await exportBundle(a.db, a.store, { purpose: 'sync', passphrase: PASS, identity: a.identity, peerId: b.identity.replicaId });
    expect(delta.header.kind).toBe('delta');
    expect(delta.header.counts.partners).toBe(1);
    await applyImport(b.db, b.store, await decode(delta.bytes, PASS), b.identity);
    expect((await b.db.partners.get('p2'))!.notes).toBe('rappeler');
    expect((await b.db.partners.get('p1'))!.name).toBe((await a.db.partners.get('p1'))!.name);
    await expectIndexed(b.db);
  });
});
