import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from './database';
import { Store, ValidationError } from './store';
import type { Partner } from '../../shared/domain';
import { historyLines } from './store';

let n = 0;
const opened: AppDatabase[] = [];
async function openStore(): Promise<{ db: AppDatabase; store: Store }> {
  const db = new AppDatabase(`store-test-${n++}`);
  opened.push(db);
  const store = new Store(db, '00000000000000cd', () => 'Testeur', () => Date.UTC(2026, 11, 2));
  await store.open();
  return { db, store };
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const partner = (i: number): Partner => ({
  id: `p${i}`,
  cafId: 'caf',
  name: `CCAS ${i}`,
  kind: 'ccas-cias',
  siret: '',
  address: { line1: '', line2: '', postalCode: '97400', city: 'Saint-Denis' },
  representative: { firstName: '', lastName: '', title: '' },
  status: 'actif',
  notes: '',
});

describe('Store.createMany', () => {
  let a: { db: AppDatabase; store: Store };
  let b: { db: AppDatabase; store: Store };
  beforeEach(async () => {
    a = await openStore();
    b = await openStore();
  });

  it('stores the same records, stamps and history lines as one create per record', async () => {
    const rows = [partner(1), partner(2), partner(3)];
    await a.store.write('une à une', async (ctx) => {
      for (const r of rows) await ctx.create('partners', r);
    });
    await b.store.write('une à une', async (ctx) => {
      await ctx.createMany('partners', rows);
    });
    expect(await b.db.partners.toArray()).toEqual(await a.db.partners.toArray());
    expect(await historyLines(b.db)).toEqual(await historyLines(a.db));
    expect(await b.db.meta.get('clock')).toEqual(await a.db.meta.get('clock'));
    // Each record has its own stamp, as individual writes have.
    const stamps = (await b.db.partners.toArray()).map((r) => r._ts);
    expect(new Set(stamps).size).toBe(3);
  });

  it('a record refused by its schema refuses the whole write: nothing stored', async () => {
    const rows = [partner(1), { ...partner(2), name: '' }];
    await expect(b.store.write('lot', (ctx) => ctx.createMany('partners', rows))).rejects.toBeInstanceOf(ValidationError);
    expect(await b.db.partners.count()).toBe(0);
    expect(await b.db.history.count()).toBe(0);
  });
});
