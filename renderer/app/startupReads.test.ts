import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../db/database';
import { isFirstRun, recordFirstRunChoice } from '../db/firstRun';
import { liveRows, Store } from '../db/store';
import { openExisting, plainAnyOf, plainBulkGet, plainLiveRows } from '../derived/idb';
import { closeFollowUp, createFollowUp, saveChain } from '../features/escalation/actions';
import { readEscalationData, readOpenEscalationPlain } from '../features/escalation/data';
import { openStartupBase, plainFirstRun, plainReplicaId } from './startupReads';

/** The first screen's reads with plain IndexedDB give what the Dexie reads they stand in for give. */
let db: AppDatabase;
let store: Store;
let n = 0;
beforeEach(async () => {
  db = new AppDatabase(`startup-reads-${n++}`);
  store = new Store(db, '00000000000000ee', () => 'Testeur');
  await store.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const plain = async <T,>(read: (idb: IDBDatabase) => Promise<T>): Promise<T> => {
  const idb = (await openExisting(db.name))!;
  try {
    return await read(idb);
  } finally {
    idb.close();
  }
};

const caf = { name: 'Caf de La Réunion', address: { line1: '', line2: '', postalCode: '97400', city: 'Saint-Denis' }, territory: 'reunion' as const, director: '', helpdeskEmail: '', helpdeskPhone: '' };
const partner = (id: string, name: string) => ({ id, cafId: 'caf-re', name, kind: 'commune' as const, siret: '', address: { line1: '', line2: '', postalCode: '', city: '' }, representative: { firstName: '', lastName: '', title: '' }, status: 'actif' as const, notes: '' });
const contact = { function: '', email: '', landline: '', mobile: '', roles: [], notes: '' };

async function seed() {
  await store.write('setup', async (ctx) => {
    await ctx.create('cafs', { id: 'caf-re', ...caf });
    await ctx.create('cafs', { id: 'caf-x', ...caf, name: 'Caf supprimée' });
    await ctx.create('partners', partner('P', 'Commune de Saint-Denis'));
    await ctx.create('partners', partner('Q', 'Commune du Port'));
    await ctx.create('contacts', { id: 'caf1', cafId: 'caf-re', firstName: 'Céline', lastName: 'RIVET', ...contact });
    await ctx.create('contacts', { id: 'p1', partnerId: 'P', firstName: 'Jean', lastName: 'PAYET', ...contact });
  });
  await store.write('suppression', (ctx) => ctx.remove('cafs', 'caf-x'));
  await saveChain(store, 'P', { delayValue: 7, delayUnit: 'working-days', serviceOpens: '08:00', serviceCloses: '16:00', cafSide: ['caf1'], partnerSide: ['p1'] });
  const base = { subject: 'Compte bloqué', direction: 'vers-caf' as const, channel: 'mel' as const, sentAt: new Date(2024, 11, 18, 9), urgent: false };
  await createFollowUp(store, { ...base, partnerId: 'P' }, new Date(2024, 11, 30));
  await createFollowUp(store, { ...base, partnerId: 'Q', urgent: true }, new Date(2024, 11, 30));
  const closed = await createFollowUp(store, { ...base, partnerId: 'Q' }, new Date(2024, 11, 30));
  await closeFollowUp(store, closed, new Date(2025, 0, 2));
}

describe('start-up reads without Dexie', () => {
  it('first run: the same answer as isFirstRun, on an empty base, a filled one, and after a choice', async () => {
    expect(await plain(plainFirstRun)).toBe(true);
    expect(await isFirstRun(db)).toBe(true);
    await recordFirstRunChoice(db, { choice: 'empty', at: '2026-12-02T10:00:00.000Z', user: 'Anne' });
    expect(await plain(plainFirstRun)).toBe(false);
    await db.meta.delete('firstRunDone');
    await seed();
    expect(await plain(plainFirstRun)).toBe(await isFirstRun(db));
    expect(await plain(plainFirstRun)).toBe(false);
  });

  it('the replica id bound to the base is the one the Store writes under', async () => {
    expect(await plain(plainReplicaId)).toBe(store.replicaId);
  });

  it('a base that does not exist is neither opened nor created', async () => {
    const none = await openStartupBase('jamais-ouverte');
    expect(none.idb).toBeNull();
    expect((await indexedDB.databases()).some((d) => d.name === 'jamais-ouverte')).toBe(false);
  });

  it('live rows, records by id and by index: as Dexie reads them', async () => {
    await seed();
    expect(await plain((idb) => plainLiveRows(idb, 'cafs'))).toEqual(await liveRows(db, 'cafs'));
    expect(await plain((idb) => plainBulkGet(idb, 'contacts', ['p1', 'absent', 'caf1']))).toEqual(await db.contacts.bulkGet(['p1', 'absent', 'caf1']));
    expect(await plain((idb) => plainAnyOf(idb, 'followUps', 'partnerId', ['Q', 'P', 'Q']))).toEqual(await db.followUps.where('partnerId').anyOf(['Q', 'P', 'Q']).toArray());
  });

  it('the overdue card’s data: as readEscalationData gives it for open requests', async () => {
    await seed();
    const dexie = await readEscalationData(db);
    expect(dexie.followUps).toHaveLength(2);
    expect(await plain(readOpenEscalationPlain)).toEqual(dexie);
  });
});
