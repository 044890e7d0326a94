import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDatabase } from './database';
import { CLOCK_KEY, Store, ValidationError, liveRows } from './store';
import { FIRST_RUN_KEY, getFirstRunChoice, isDatabaseEmpty, loadDataset, recordFirstRunChoice, toRecords } from './loadDataset';
import { demoDataset } from '../../shared/demo/seedData';
import { datasetCounts, emptyDataset } from '../../shared/demo/dataset';
import { generateChunks } from '../../shared/demo/generator';
import { dataOf } from '../../shared/crdt/record';
import { historyLines } from './store';

const REPLICA = 'fedcba9876543210';
const dbs: AppDatabase[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) {
    d.close();
    await Dexie.delete(d.name);
  }
});

async function openStore() {
  const db = new AppDatabase(`load-${Math.random().toString(36).slice(2)}`);
  dbs.push(db);
  const store = new Store(db, REPLICA, () => 'Agnès');
  await store.open();
  return { db, store };
}

describe('loadDataset', () => {
  it('loads the demo as CRDT records, reads back equal to the domain objects, one summary history line', async () => {
    const { db, store } = await openStore();
    expect(await isDatabaseEmpty(db)).toBe(true);
    const counts = await loadDataset(store, demoDataset, { action: 'Chargement des données de démonstration', validate: true });
    expect(counts).toEqual(datasetCounts(demoDataset));
    expect(await isDatabaseEmpty(db)).toBe(false);
    const partners = await liveRows(db, 'partners');
    expect(partners.sort((a, b) => a.id.localeCompare(b.id))).toEqual([...demoDataset.partners].sort((a, b) => a.id.localeCompare(b.id)));
    const conv = await db.conventions.get('demo-convention-saint-denis');
    expect(dataOf(conv!)).toEqual(demoDataset.conventions[0]);
    // Every field is stamped by this replica; the clock is saved.
    for (const [field, meta] of Object.entries(conv!._m)) expect(meta.s.endsWith(REPLICA), field).toBe(true);
    expect((await db.meta.get(CLOCK_KEY))!.value).toBe(store.hlc.current());
    const history = await historyLines(db);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'Chargement des données de démonstration', user: 'Agnès', origin: 'local' });
    // Later user edits stamp after the load.
    await store.write('Modification', (ctx) => ctx.update('partners', 'demo-partner-cd68', { notes: 'Vu en visite' }));
    const rec = await db.partners.get('demo-partner-cd68');
    expect(rec!._m.notes!.s > rec!._m.name!.s).toBe(true);
  });

  it('a chunk with an invalid record is refused with a French message and nothing of it is stored', async () => {
    const { db, store } = await openStore();
    const bad = emptyDataset();
    bad.partners.push({ ...demoDataset.partners[0]!, name: '' });
    bad.cafs.push(demoDataset.cafs[0]!);
    await expect(loadDataset(store, bad, { action: 'Import', validate: true })).rejects.toThrow(ValidationError);
    await expect(loadDataset(store, bad, { action: 'Import', validate: true })).rejects.toThrow(
      'Donnée invalide (partners demo-partner-saint-denis, name) : Le nom du partenaire est obligatoire.',
    );
    expect(await isDatabaseEmpty(db)).toBe(true);
    expect(await db.history.count()).toBe(0);
  });

  it('atomic: a failure after some tables were written keeps nothing (demo load)', async () => {
    const { db, store } = await openStore();
    // Valid data, but the habilitations table fails when written (after cafs, partners… were): as a full disk would.
    const failing = () => {
      throw new Error('Disque plein');
    };
    db.habilitations.hook('creating', failing);
    await expect(loadDataset(store, demoDataset, { action: 'Démo', validate: true, atomic: true })).rejects.toThrow('Disque plein');
    db.habilitations.hook('creating').unsubscribe(failing);
    expect(await isDatabaseEmpty(db)).toBe(true);
    expect(await db.history.count()).toBe(0);
    // And it loads whole once the failure is gone.
    await loadDataset(store, demoDataset, { action: 'Démo', validate: true, atomic: true });
    expect(await db.partners.count()).toBe(demoDataset.partners.length);
    expect(await db.habilitations.count()).toBe(demoDataset.habilitations.length);
  });

  it('loads a generated typical set chunk by chunk', async () => {
    const { db, store } = await openStore();
    let progress = 0;
    const counts = await loadDataset(store, generateChunks('typical', 3, 100), { action: 'Jeu typique', onProgress: (n) => (progress = n) });
    expect(counts.partners).toBe(300);
    expect(counts.habilitations).toBe(9_000);
    expect(await db.habilitations.where('partnerId').equals('gen-p00000').count()).toBe(30);
    expect(progress).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
  });

  it('toRecords gives one stamp per record and drops undefined fields', () => {
    let n = 0;
    const recs = toRecords([{ id: 'a', x: 1, y: undefined } as { id: string }], () => `000000001-000${n++}-${REPLICA}`);
    expect(recs[0]).toEqual({ id: 'a', _deleted: 0, x: 1, _m: { _deleted: { s: `000000001-0000-${REPLICA}` }, x: { s: `000000001-0000-${REPLICA}` } } });
  });
});

describe('first run', () => {
  it('records the choice in meta', async () => {
    const { db } = await openStore();
    expect(await getFirstRunChoice(db)).toBeUndefined();
    await recordFirstRunChoice(db, { choice: 'demo', at: '2026-11-20T10:00:00.000Z', user: 'Agnès' });
    expect((await db.meta.get(FIRST_RUN_KEY))!.value).toEqual({ choice: 'demo', at: '2026-11-20T10:00:00.000Z', user: 'Agnès' });
    expect((await getFirstRunChoice(db))!.choice).toBe('demo');
  });
});
