import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { CLOCK_KEY, Store, liveRows } from '../db/store';
import { formatStamp, STAMP_PATTERN } from '../../shared/crdt/hlc';
import { withIndexFields } from '../../shared/crdt/record';
import { CURRENT_SCHEMA_VERSION } from '../db/schema';
import { loadDataset } from '../db/loadDataset';
import { demoDataset } from '../../shared/demo/seedData';
import { BundleError, bundleMessages, decodeBundle, encodeBundle, toWire, type VersionVector } from '../../shared/sync';
import { applyImport, decode, exportBundle, previewImport } from './engine';
import { resolveKeep, resolveKeepCurrent } from './conflicts';
import { stations, type Station, testPartner as partner, dumpTables as dump } from './testing/stations';
import { historyLines } from '../db/store';

const PASS = 'phrase de passe du service';
const station = stations('sync', { storeUser: (label) => label });

async function exportFrom(s: Station, peerId?: string) {
  return exportBundle(s.db, s.store, { purpose: 'sync', passphrase: PASS, identity: s.identity, peerId: peerId ?? null });
}
async function importInto(s: Station, bytes: Uint8Array, passphrase = PASS) {
  const decoded = await decode(bytes, passphrase);
  const preview = await previewImport(s.db, decoded, s.identity.replicaId);
  const outcome = await applyImport(s.db, s.store, decoded, s.identity);
  return { preview, outcome };
}



describe('export / import between two workstations', () => {
  it('full bundle: preview, one transaction, history from the sender, « déjà importé » the second time', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
    const b = await station('bbbbbbbbbbbbbbbb', 'Portable visite');
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    await a.store.write('Création', (ctx) => ctx.create('partners', partner('p-1', 'Mairie de Colmar')));
    await a.store.write('Suppression', (ctx) => ctx.remove('partners', 'p-1'));
    const { bytes, header, recordCount } = await exportFrom(a);
    expect(header.kind).toBe('full');
    const { preview, outcome } = await importInto(b, bytes);
    expect(preview.alreadyImported).toBe(false);
    expect(preview.plan.counts.partners!.created).toBe(demoDataset.partners.length);
    expect(outcome.result!.written).toBe(recordCount);
    expect((await liveRows(b.db, 'partners')).length).toBe(demoDataset.partners.length);
    expect((await b.db.partners.get('p-1'))!._deleted).toBe(1);
    const hist = await historyLines(b.db);
    // A's lines travel with their author (issue 10); the data set, loaded without per-field lines, gets lines
    // rebuilt from the records, naming the importing user and marked as rebuilt.
    expect(hist.find((h) => h.recordId === 'p-1' && h.field === '_deleted')).toMatchObject({ origin: 'bundle', source: 'Poste accueil', user: 'Poste accueil', action: 'Suppression' });
    expect(hist.find((h) => h.derived)).toMatchObject({ origin: 'bundle', source: 'Poste accueil', user: 'Agent Portable visite' });
    const peer = await b.db.peers.get('aaaaaaaaaaaaaaaa');
    expect(peer!.importedBundleIds).toEqual([header.bundleId]);
    // Same file again: nothing changes.
    const before = await dump(b.db);
    const again = await importInto(b, bytes);
    expect(again.preview.alreadyImported).toBe(true);
    expect(again.outcome.alreadyImported).toBe(true);
    expect(await dump(b.db)).toEqual(before);
    // The clock moved past the sender's stamps.
    expect(b.store.hlc.current() > a.store.hlc.current().slice(0, 14)).toBe(true);
  });

  it('delta: only what the peer has not seen since its last bundle', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'A');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    await importInto(b, (await exportFrom(a)).bytes);
    await importInto(a, (await exportFrom(b)).bytes); // A learns what B has seen
    await a.store.write('Modification', (ctx) => ctx.update('partners', demoDataset.partners[0]!.id, { notes: 'Visite du 12/11' }));
    const delta = await exportFrom(a, 'bbbbbbbbbbbbbbbb');
    expect(delta.header.kind).toBe('delta');
    expect(delta.recordCount).toBe(1);
    const { preview } = await importInto(b, delta.bytes);
    expect(preview.plan.counts.partners).toEqual({ created: 0, modified: 1, deleted: 0, unchanged: 0 });
    expect((await liveRows(b.db, 'partners')).find((p) => p.id === demoDataset.partners[0]!.id)!.notes).toBe('Visite du 12/11');
  });

  it('concurrent edits: same winner on both sides, the loser kept as a conflict, « garder cette valeur » syncs', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'A');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    await a.store.write('Création', (ctx) => ctx.create('partners', partner('p-1', 'Mairie')));
    await importInto(b, (await exportFrom(a)).bytes);
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { name: 'Mairie de Colmar' }));
    await new Promise((r) => setTimeout(r, 5));
    await b.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { name: 'Ville de Colmar' }));
    const fromA = await exportFrom(a);
    const fromB = await exportFrom(b);
    const ia = await importInto(a, fromB.bytes);
    await importInto(b, fromA.bytes);
    expect(ia.preview.plan.newConflictCount).toBe(1);
    const [pa] = await liveRows(a.db, 'partners');
    const [pb] = await liveRows(b.db, 'partners');
    expect(pa!.name).toBe('Ville de Colmar');
    expect(pb!.name).toBe('Ville de Colmar');
    const [ca] = await liveRows(a.db, 'conflicts');
    const [cb] = await liveRows(b.db, 'conflicts');
    expect(ca).toEqual(cb);
    expect(ca).toMatchObject({ table: 'partners', recordId: 'p-1', field: 'name', loserValue: '"Mairie de Colmar"', status: 'ouvert' });
    // A keeps its losing value: a new stamped edit, conflict resolved, and it travels.
    await resolveKeep(a.store, ca!.id);
    expect((await liveRows(a.db, 'partners'))[0]!.name).toBe('Mairie de Colmar');
    await importInto(b, (await exportFrom(a, 'bbbbbbbbbbbbbbbb')).bytes);
    expect((await liveRows(b.db, 'partners'))[0]!.name).toBe('Mairie de Colmar');
    expect((await liveRows(b.db, 'conflicts'))[0]!.status).toBe('resolu');
  });

  it('delete/edit: the tombstone wins, a conflict offers restore; « garder la valeur actuelle » just closes it', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'A');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    await a.store.write('Création', (ctx) => ctx.create('partners', partner('p-1', 'Mairie')));
    await importInto(b, (await exportFrom(a)).bytes);
    await a.store.write('Suppression', (ctx) => ctx.remove('partners', 'p-1'));
    await b.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { notes: 'Nouvel interlocuteur' }));
    await importInto(a, (await exportFrom(b)).bytes);
    const [c] = await liveRows(a.db, 'conflicts');
    expect(c).toMatchObject({ kind: 'delete-edit', recordId: 'p-1', field: '*' });
    expect((await a.db.partners.get('p-1'))!._deleted).toBe(1);
    await resolveKeep(a.store, c!.id); // « restaurer »
    const restored = await liveRows(a.db, 'partners');
    expect(restored[0]!.notes).toBe('Nouvel interlocuteur');
    expect((await liveRows(a.db, 'conflicts'))[0]!.status).toBe('resolu');
    await resolveKeepCurrent(a.store, c!.id);
  });
});

describe('bad bundles: a clear French message each, the database unchanged', () => {
  async function setup() {
    const a = await station('aaaaaaaaaaaaaaaa', 'A');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    await b.store.write('Création', (ctx) => ctx.create('partners', partner('p-b', 'Mairie de B')));
    const { bytes } = await exportFrom(a);
    return { a, b, bytes };
  }

  async function expectRefused(b: Station, bytes: Uint8Array, message: string, passphrase = PASS) {
    const before = await dump(b.db);
    const err = await importInto(b, bytes, passphrase).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BundleError);
    expect((err as Error).message).toBe(message);
    expect(await dump(b.db)).toEqual(before);
  }

  it('truncated, flipped byte, wrong passphrase, not a bundle, empty', async () => {
    const { b, bytes } = await setup();
    await expectRefused(b, bytes.slice(0, Math.floor(bytes.length * 0.7)), bundleMessages.truncated);
    await expectRefused(b, bytes.slice(0, 20), bundleMessages.truncated);
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length / 2)]! ^= 0x10;
    await expectRefused(b, flipped, bundleMessages.corrupt);
    await expectRefused(b, bytes, bundleMessages.wrongPassphrase, 'une autre phrase de passe');
    await expectRefused(b, new TextEncoder().encode('Nom;Prénom\nDupont;Jean\n'), bundleMessages.notBundle);
    await expectRefused(b, new Uint8Array(0), bundleMessages.empty);
  });

  it('unknown format version, newer schema, invalid record inside a valid envelope', async () => {
    const { a, b } = await setup();
    const base = {
      bundleId: 'bundle-test-1',
      replicaId: a.identity.replicaId,
      replicaLabel: 'A',
      createdAt: new Date().toISOString(),
      vector: {} as VersionVector,
      baseVector: {} as VersionVector,
      purpose: 'sync' as const,
      passphrase: PASS,
    };
    const rows = await a.db.partners.toArray();
    const future = await encodeBundle({ ...base, schemaVersion: CURRENT_SCHEMA_VERSION, formatVersion: 7, tables: { partners: rows } });
    await expectRefused(b, future.bytes, bundleMessages.formatNewer(7));
    const newer = await encodeBundle({ ...base, schemaVersion: CURRENT_SCHEMA_VERSION + 1, tables: { partners: rows } });
    await expectRefused(b, newer.bytes, bundleMessages.schemaNewer(CURRENT_SCHEMA_VERSION + 1, CURRENT_SCHEMA_VERSION));
    const tampered = rows.map((r, i) => (i === 1 ? { ...r, kind: 'prefecture' } : r));
    const bad = await encodeBundle({ ...base, schemaVersion: CURRENT_SCHEMA_VERSION, tables: { partners: rows }, rawPayload: { tables: { partners: tampered.map((r) => toWire(r)) } } });
    const detail = 'champ « kind » : Valeur non reconnue : choisissez une valeur de la liste.';
    await expectRefused(b, bad.bytes, bundleMessages.invalidRecord('Partenaires', rows[1]!.id, detail));
    const badStamp = rows.map((r, i) => (i === 0 ? { ...r, _m: { ...r._m, name: { s: 'demain' } } } : r));
    const bad2 = await encodeBundle({ ...base, schemaVersion: CURRENT_SCHEMA_VERSION, tables: { partners: rows }, rawPayload: { tables: { partners: badStamp.map((r) => toWire(r)) } } });
    await expectRefused(b, bad2.bytes, bundleMessages.invalidRecord('Partenaires', rows[0]!.id, 'métadonnées de synchronisation invalides (_m.name.s).'));
  });

  it('a very large unrelated file (50 MB of random bytes) is refused at once', async () => {
    const { b } = await setup();
    const big = new Uint8Array(50 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 65536) globalThis.crypto.getRandomValues(big.subarray(i, i + 65536));
    big[0] = 0x50; // not our magic, whatever the random bytes were
    const t0 = performance.now();
    await expectRefused(b, big, bundleMessages.notBundle);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('an older schema (synthetic v0, `deleted: boolean`) is migrated on import', async () => {
    const { a, b } = await setup();
    const rows = (await a.db.partners.toArray()).slice(0, 2).map(({ _deleted, _m, ...r }, i) => {
      const { _deleted: del, ...m } = _m;
      return { ...r, deleted: i === 1, _m: { ...m, deleted: del } };
    });
    const old = await encodeBundle({
      bundleId: 'bundle-v0',
      replicaId: a.identity.replicaId,
      replicaLabel: 'A (ancienne version)',
      createdAt: new Date().toISOString(),
      vector: {},
      baseVector: {},
      purpose: 'sync',
      passphrase: PASS,
      schemaVersion: 0,
      tables: {},
      rawPayload: { tables: { partners: rows.map((r) => ({ v: { ...r, _m: undefined }, s: '', m: r._m })) } },
    });
    const decoded = await decodeBundle(old.bytes, PASS, CURRENT_SCHEMA_VERSION);
    expect(decoded.tables.partners!.map((r) => r._deleted)).toEqual([0, 1]);
    await importInto(b, old.bytes);
    expect((await b.db.partners.get(rows[1]!.id))!._deleted).toBe(1);
  });
});

describe('clocks at the edges: bounded, moved only by a committed import, never able to stop the base opening', () => {
  const stampAt = (millis: number, replica: string, counter = 0) => formatStamp({ millis, counter, replica });

  async function craftedFrom(a: Station, stamp: string, id = 'p-futur') {
    const rec = withIndexFields({ ...partner(id, 'Mairie du futur'), _deleted: 0 as const, _m: {} });
    for (const k of Object.keys(rec)) if (k !== 'id' && k !== '_m' && k !== '_ts' && k !== '_r') rec._m[k] = { s: stamp };
    return encodeBundle({
      bundleId: `b-${Math.random()}`,
      replicaId: a.identity.replicaId,
      replicaLabel: 'Poste accueil',
      createdAt: new Date().toISOString(),
      vector: { [a.identity.replicaId]: stamp },
      baseVector: {},
      purpose: 'sync',
      passphrase: PASS,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      tables: { partners: [rec] },
    });
  }

  it('the largest valid stamp (year 5188) is refused, naming the sender and how far ahead it is; base and clock unchanged', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    await b.store.write('Création', (ctx) => ctx.create('partners', partner('p-b', 'Mairie de B')));
    const { bytes } = await craftedFrom(a, 'zzzzzzzzz-zzzz-aaaaaaaaaaaaaaaa');
    const before = await dump(b.db);
    const clock = b.store.hlc.current();
    const err = await importInto(b, bytes).then(() => null, (e: unknown) => e as BundleError);
    expect(err).toBeInstanceOf(BundleError);
    expect(err!.code).toBe('clock-ahead');
    expect(err!.message).toMatch(/^L'horloge du poste « Poste accueil » est en avance de \d+ j/);
    expect(err!.message).toContain('limite : 3 j');
    expect(await dump(b.db)).toEqual(before);
    expect(b.store.hlc.current()).toBe(clock);
  });

  it('a clock set hours wrong is accepted and the receiver catches up', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    const ahead = stampAt(Date.now() + 10 * 3600_000, a.identity.replicaId);
    await importInto(b, (await craftedFrom(a, ahead)).bytes);
    expect((await b.db.partners.get('p-futur'))?.name).toBe('Mairie du futur');
    expect(b.store.hlc.current() > ahead).toBe(true);
  });

  it('a failed import (rolled back) changes neither the stored nor the live clock', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    await b.store.write('Création', (ctx) => ctx.create('partners', partner('p-b', 'Mairie de B')));
    const ahead = stampAt(Date.now() + 10 * 3600_000, a.identity.replicaId);
    const decoded = await decode((await craftedFrom(a, ahead)).bytes, PASS);
    const before = await dump(b.db);
    const clock = b.store.hlc.current();
    const spy = vi.spyOn(b.db.peers, 'put').mockRejectedValueOnce(new Error('disque plein'));
    await expect(applyImport(b.db, b.store, decoded, b.identity)).rejects.toThrow('disque plein');
    spy.mockRestore();
    expect(await dump(b.db)).toEqual(before);
    expect(b.store.hlc.current()).toBe(clock);
    // The next write stamps from the unchanged clock, not the rolled-back one.
    await b.store.write('Modification', (ctx) => ctx.update('partners', 'p-b', { notes: 'après' }));
    expect((await b.db.partners.get('p-b'))!._m.notes!.s < ahead).toBe(true);
  });

  it('Store.open() opens a base whose saved clock or record stamps are malformed or saturated', async () => {
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    await b.store.write('Création', (ctx) => ctx.create('partners', partner('p-b', 'Mairie de B')));
    for (const bad of ['1000000000-0000-bbbbbbbbbbbbbbbb', 'zzzzzzzzz-zzzz-bbbbbbbbbbbbbbbb', 42]) {
      await b.db.meta.put({ key: CLOCK_KEY, value: bad });
      const rec = (await b.db.partners.get('p-b'))!;
      await b.db.partners.put({ ...rec, _ts: '1000000000-0000-bbbbbbbbbbbbbbbb' });
      b.db.close();
      const again = new Store(b.db, 'bbbbbbbbbbbbbbbb', () => 'B');
      await again.open();
      await again.write('Modification', (ctx) => ctx.update('partners', 'p-b', { notes: String(bad) }));
      expect((await b.db.partners.get('p-b'))!._m.notes!.s).toMatch(STAMP_PATTERN);
      expect((await b.db.meta.get(CLOCK_KEY))!.value).toMatch(STAMP_PATTERN);
    }
  });

  it('Store.open() resumes after the greatest stamp the records hold, even if the saved clock lags', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    const ahead = stampAt(Date.now() + 5 * 3600_000, a.identity.replicaId);
    await importInto(b, (await craftedFrom(a, ahead)).bytes);
    await b.db.meta.put({ key: CLOCK_KEY, value: stampAt(1000, 'bbbbbbbbbbbbbbbb') });
    b.db.close();
    const again = new Store(b.db, 'bbbbbbbbbbbbbbbb', () => 'B');
    await again.open();
    expect(again.hlc.tick() > ahead).toBe(true);
  });
});

describe('conflicts are replicated decisions (issue 9, points 3 and 4)', () => {
  it('an edit made after a delete/edit conflict was closed opens a new conflict', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'A');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    await a.store.write('Création', (ctx) => ctx.create('partners', partner('p-1', 'Mairie')));
    await importInto(b, (await exportFrom(a)).bytes);
    await a.store.write('Suppression', (ctx) => ctx.remove('partners', 'p-1'));
    await b.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { notes: 'premier' }));
    await importInto(a, (await exportFrom(b)).bytes);
    const [first] = await liveRows(a.db, 'conflicts');
    await resolveKeepCurrent(a.store, first!.id); // « garder la valeur actuelle »: stays deleted
    await new Promise((r) => setTimeout(r, 3));
    await b.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { name: 'Mairie de Colmar' }));
    await importInto(a, (await exportFrom(b, 'aaaaaaaaaaaaaaaa')).bytes);
    const open = (await liveRows(a.db, 'conflicts')).filter((c) => c.status === 'ouvert');
    expect(open).toHaveLength(1);
    expect(open[0]!.id).not.toBe(first!.id);
    expect(open[0]).toMatchObject({ kind: 'delete-edit', recordId: 'p-1' });
  });

  it('two different concurrent resolutions reopen the conflict on every workstation, never a silent overwrite', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'A');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    await a.store.write('Création', (ctx) => ctx.create('partners', partner('p-1', 'Mairie')));
    await importInto(b, (await exportFrom(a)).bytes);
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { name: 'Mairie de Colmar' }));
    await new Promise((r) => setTimeout(r, 3));
    await b.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { name: 'Ville de Colmar' }));
    const fa = await exportFrom(a);
    const fb = await exportFrom(b);
    await importInto(a, fb.bytes);
    await importInto(b, fa.bytes);
    const [c] = await liveRows(a.db, 'conflicts');
    await resolveKeep(a.store, c!.id); // A: « garder cette valeur »
    await resolveKeepCurrent(b.store, c!.id); // B: « garder la valeur actuelle »
    const ra = await exportFrom(a, 'bbbbbbbbbbbbbbbb');
    const rb = await exportFrom(b, 'aaaaaaaaaaaaaaaa');
    await importInto(a, rb.bytes);
    await importInto(b, ra.bytes);
    for (const s of [a, b]) {
      const [again] = await liveRows(s.db, 'conflicts');
      expect(again!.status).toBe('ouvert');
      expect(again!.disagreement).toContain('Garder la valeur écartée');
      expect(again!.disagreement).toContain('Garder la valeur actuelle');
    }
    // Converges: after one more exchange both hold the same conflict record.
    await importInto(a, (await exportFrom(b, 'aaaaaaaaaaaaaaaa')).bytes);
    await importInto(b, (await exportFrom(a, 'bbbbbbbbbbbbbbbb')).bytes);
    const [ca] = await liveRows(a.db, 'conflicts');
    const [cb] = await liveRows(b.db, 'conflicts');
    expect(ca).toEqual(cb);
  });
});
