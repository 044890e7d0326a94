/**
 * Issue 9, point 1: one replica id on two bases. Each scenario ends, after one round of exchanges (every
 * workstation makes a bundle for every other one it can reach, then imports what it received), with every
 * workstation holding every record.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newReplicaId } from '../../shared/crdt/hlc';
import { AppDatabase } from '../db/database';
import { Store, liveRows } from '../db/store';
import { applyImport, decode, exportBundle, type Identity } from './engine';
import { DUPLICATED_KEY, REPLICA_KEY } from './identity';
import { testPartner as partner } from './testing/stations';

const PASS = 'phrase de passe du service';
const dbs: AppDatabase[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) {
    d.close();
    await Dexie.delete(d.name);
  }
});

interface Station {
  db: AppDatabase;
  store: Store;
  label: string;
}

/** Opened as the application does: a fresh random id is proposed, the base keeps the one bound to it. */
async function open(label: string, db = new AppDatabase(`id-${Math.random().toString(36).slice(2)}`), machine?: string): Promise<Station> {
  dbs.push(db);
  const store = new Store(db, newReplicaId(), () => label);
  await store.open(machine !== undefined ? { machine } : {});
  return { db, store, label };
}

const identity = (s: Station): Identity => ({ replicaId: s.store.replicaId, replicaLabel: s.label, userName: s.label });

/** A byte-for-byte copy of a base (a profile copied to another PC, a file-system restore). */
async function copyBase(from: Station): Promise<AppDatabase> {
  const db = new AppDatabase(`copy-${Math.random().toString(36).slice(2)}`);
  await db.open();
  for (const t of from.db.tables) await db.table(t.name).bulkPut(await t.toArray());
  db.close();
  return db;
}


async function create(s: Station, id: string) {
  await s.store.write('Création', (ctx) => ctx.create('partners', partner(id, `Mairie ${id}`)));
}

/** One round: every station makes a delta (full for a peer it does not know) for each reachable one, then imports. */
async function round(stations: Station[], links?: [Station, Station][]) {
  const pairs = links ?? stations.flatMap((a) => stations.filter((b) => b !== a).map((b) => [a, b] as [Station, Station]));
  const all = links ? [...links, ...links.map(([a, b]) => [b, a] as [Station, Station])] : pairs;
  const mail: { to: Station; bytes: Uint8Array }[] = [];
  for (const [from, to] of all) {
    const out = await exportBundle(from.db, from.store, { purpose: 'sync', passphrase: PASS, identity: identity(from), peerId: to.store.replicaId });
    mail.push({ to, bytes: out.bytes });
  }
  const notices: string[] = [];
  for (const { to, bytes } of mail) {
    const outcome = await applyImport(to.db, to.store, await decode(bytes, PASS), identity(to));
    if (outcome.identityChange) notices.push(outcome.identityChange.message);
  }
  return notices;
}

async function names(s: Station) {
  return (await liveRows(s.db, 'partners')).map((p) => p.id).sort();
}

describe('replica identity is bound to the base', () => {
  it('a new base takes the proposed id and keeps it when reopened (whatever is proposed then)', async () => {
    const a = await open('A');
    const id = a.store.replicaId;
    await create(a, 'p-1');
    a.db.close();
    const again = new Store(a.db, newReplicaId(), () => 'A');
    await again.open();
    expect(again.replicaId).toBe(id);
    expect((await a.db.meta.get(REPLICA_KEY))!.value).toMatchObject({ id });
  });

  it('a base written before the binding existed keeps the id of its saved clock', async () => {
    const a = await open('A');
    const id = a.store.replicaId;
    await create(a, 'p-1');
    await a.db.meta.delete(REPLICA_KEY);
    a.db.close();
    const again = new Store(a.db, newReplicaId(), () => 'A');
    await again.open();
    expect(again.replicaId).toBe(id);
  });

  it('1a — profile copied to a second PC: new id before the first write; every record everywhere after one round', async () => {
    const a = await open('A', undefined, 'PC-ACCUEIL');
    const b = await open('B');
    for (const id of ['p-1', 'p-2', 'p-3']) await create(a, id);
    await round([a, b]);
    const copy = await open('A (copie)', await copyBase(a), 'PC-PORTABLE');
    expect(copy.store.replicaId).not.toBe(a.store.replicaId);
    expect(copy.store.identityChange?.reason).toBe('copie');
    expect(copy.store.identityChange?.message).toContain('profil copié');
    await create(a, 'p-a');
    await create(copy, 'p-copie');
    await create(b, 'p-b');
    await round([a, copy, b]);
    const all = ['p-1', 'p-2', 'p-3', 'p-a', 'p-b', 'p-copie'];
    for (const s of [a, copy, b]) expect(await names(s)).toEqual(all);
  });

  it('1a — copy on a machine of the same name, reaching the original only through a peer: detected, explained, nothing lost', async () => {
    const a = await open('A');
    const b = await open('B');
    for (const id of ['p-1', 'p-2', 'p-3']) await create(a, id);
    await round([a, b]);
    const copy = await open('A (copie)', await copyBase(a));
    const twinId = a.store.replicaId;
    expect(copy.store.replicaId).toBe(twinId); // not caught at open
    await create(a, 'p-a');
    await create(copy, 'p-copie');
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { notes: 'par A' }));
    await copy.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { notes: 'par la copie' }));
    // A and its copy never exchange directly: B relays.
    await round([a, copy, b], [
      [a, b],
      [copy, b],
    ]);
    const notices = await round([a, copy, b], [
      [a, b],
      [copy, b],
    ]);
    expect(notices.length).toBeGreaterThan(0);
    expect(notices[0]).toContain("sous l'identifiant de ce poste");
    expect(a.store.replicaId).not.toBe(twinId);
    expect(copy.store.replicaId).not.toBe(twinId);
    expect(copy.store.replicaId).not.toBe(a.store.replicaId);
    expect((await b.db.meta.get(DUPLICATED_KEY))!.value).toContain(twinId);
    await round([a, copy, b], [
      [a, b],
      [copy, b],
    ]);
    const all = ['p-1', 'p-2', 'p-3', 'p-a', 'p-copie'];
    for (const s of [a, copy, b]) expect(await names(s)).toEqual(all);
    // Both concurrent notes are reviewable everywhere: one wins, the other is an open conflict.
    for (const s of [a, copy, b]) {
      const p1 = (await liveRows(s.db, 'partners')).find((p) => p.id === 'p-1')!;
      const conflicts = (await liveRows(s.db, 'conflicts')).filter((c) => c.recordId === 'p-1' && c.field === 'notes');
      const values = new Set([p1.notes, ...conflicts.map((c) => JSON.parse(c.loserValue!) as string)]);
      expect(values).toEqual(new Set(['par A', 'par la copie']));
    }
  });

  it('1a — copy on a machine of the same name exchanging directly with the original: both take new ids, nothing lost', async () => {
    const a = await open('A');
    const b = await open('B');
    await create(a, 'p-1');
    await round([a, b]);
    const copy = await open('A (copie)', await copyBase(a));
    await create(a, 'p-a');
    await create(copy, 'p-copie');
    await create(b, 'p-b');
    const notices = await round([a, copy, b]);
    expect(notices.length).toBeGreaterThanOrEqual(2);
    expect(new Set([a.store.replicaId, copy.store.replicaId]).size).toBe(2);
    for (const s of [a, copy, b]) expect(await names(s)).toEqual(['p-1', 'p-a', 'p-b', 'p-copie']);
  });

  it('1a — copy on a machine of the same name writing a field below an own write of the original: caught by its first bundle, nothing lost after one round', async () => {
    const a = await open('A', undefined, 'PC-ACCUEIL');
    const b = await open('B');
    for (const id of ['p-1', 'p-2']) await create(a, id);
    await round([a, b]);
    const copy = await open('A (copie)', await copyBase(a), 'PC-ACCUEIL');
    const twinId = a.store.replicaId;
    expect(copy.store.replicaId).toBe(twinId); // same machine name: not caught at open
    // The copy writes first, so its stamp is below the original's later write of the same field: nothing in
    // the records tells the copy's write from an old one of the original's.
    await copy.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { notes: 'par la copie' }));
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { notes: 'par A' }));
    await create(a, 'p-a');
    await create(b, 'p-b');
    const stampOf = async (s: Station) => (await s.db.partners.get('p-1'))!._m.notes!.s;
    expect((await stampOf(copy)) < (await stampOf(a))).toBe(true);
    const notices = await round([a, copy, b]);
    // Each twin recognises the other's bundle (not one it made) in this very round.
    expect(notices.filter((n) => n.includes("un autre poste qui porte l'identifiant de ce poste"))).toHaveLength(2);
    expect(new Set([a.store.replicaId, copy.store.replicaId, twinId]).size).toBe(3);
    const all = ['p-1', 'p-2', 'p-a', 'p-b'];
    for (const s of [a, copy, b]) expect(await names(s)).toEqual(all);
    const reviewable = async (s: Station) => {
      const p1 = (await liveRows(s.db, 'partners')).find((p) => p.id === 'p-1')!;
      const conflicts = (await liveRows(s.db, 'conflicts')).filter((c) => c.recordId === 'p-1' && c.field === 'notes' && c.status === 'ouvert');
      return { kept: p1.notes, values: new Set([p1.notes, ...conflicts.map((c) => JSON.parse(c.loserValue!) as string)]) };
    };
    for (const s of [a, copy]) expect(await reviewable(s)).toEqual({ kept: 'par A', values: new Set(['par A', 'par la copie']) });
    // B received both bundles before either twin knew: it learns of the duplicate (header) and gets the
    // conflict record at the next exchange.
    await round([a, copy, b]);
    for (const s of [a, copy, b]) expect(await reviewable(s)).toEqual({ kept: 'par A', values: new Set(['par A', 'par la copie']) });
    for (const s of [a, copy, b]) expect(await names(s)).toEqual(all);
  });

  it('a bundle this base made itself, imported back (a backup), is not taken for a copy’s', async () => {
    const a = await open('A', undefined, 'PC-ACCUEIL');
    await create(a, 'p-1');
    const backup = await exportBundle(a.db, a.store, { purpose: 'backup', passphrase: PASS, identity: identity(a) });
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { notes: 'après la sauvegarde' }));
    const id = a.store.replicaId;
    const outcome = await applyImport(a.db, a.store, await decode(backup.bytes, PASS), identity(a));
    expect(outcome.identityChange).toBeUndefined();
    expect(a.store.replicaId).toBe(id);
    expect((await liveRows(a.db, 'partners'))[0]!.notes).toBe('après la sauvegarde');
    expect(await liveRows(a.db, 'conflicts')).toEqual([]);
  });

  it('1b — base wiped with the settings kept: the rebuilt base gets every partner from the peer', async () => {
    const a = await open('A');
    const b = await open('B');
    for (const id of ['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6']) await create(a, id);
    await round([a, b]);
    const oldId = a.store.replicaId;
    a.db.close();
    await Dexie.delete(a.db.name);
    const rebuilt = await open('A', new AppDatabase(a.db.name));
    expect(rebuilt.store.replicaId).not.toBe(oldId);
    await round([rebuilt, b]);
    expect(await names(rebuilt)).toEqual(['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6']);
  });

  it('1c — base wiped then the latest backup restored: later changes of the peer and of this workstation come back', async () => {
    const a = await open('A');
    const b = await open('B');
    for (const id of ['p-1', 'p-2']) await create(a, id);
    await round([a, b]);
    const backup = await exportBundle(a.db, a.store, { purpose: 'backup', passphrase: PASS, identity: identity(a) });
    await create(a, 'p-a-apres');
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { notes: 'après la sauvegarde' }));
    await round([a, b]);
    await create(b, 'p-b-apres');
    a.db.close();
    await Dexie.delete(a.db.name);
    const restored = await open('A', new AppDatabase(a.db.name));
    await applyImport(restored.db, restored.store, await decode(backup.bytes, PASS), identity(restored));
    expect(await names(restored)).toEqual(['p-1', 'p-2']);
    await round([restored, b]);
    for (const s of [restored, b]) expect(await names(s)).toEqual(['p-1', 'p-2', 'p-a-apres', 'p-b-apres']);
    expect((await liveRows(restored.db, 'partners')).find((p) => p.id === 'p-1')!.notes).toBe('après la sauvegarde');
  });
});
