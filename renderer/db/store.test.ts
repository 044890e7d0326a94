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

describe('Store.createMany with fresh ids (imports)', () => {
  it('stores the same records, stamps and history lines as without the option, reading nothing back', async () => {
    const a = await openStore();
    const b = await openStore();
    const rows = [partner(1), partner(2), partner(3)];
    await a.store.write('lot', (ctx) => ctx.createMany('partners', rows));
    await b.store.write('lot', (ctx) => ctx.createMany('partners', rows, { fresh: true }));
    expect(await b.db.partners.toArray()).toEqual(await a.db.partners.toArray());
    expect(await historyLines(b.db)).toEqual(await historyLines(a.db));
  });

  it('an id that is stored after all fails the whole write: records and history unchanged', async () => {
    const { db, store } = await openStore();
    await store.write('avant', (ctx) => ctx.create('partners', partner(2)));
    const before = [await db.partners.toArray(), await db.history.toArray(), await db.meta.get('clock')];
    await expect(store.write('lot', (ctx) => ctx.createMany('partners', [partner(1), { ...partner(2), name: 'Autre nom' }], { fresh: true }))).rejects.toThrow();
    expect([await db.partners.toArray(), await db.history.toArray(), await db.meta.get('clock')]).toEqual(before);
  });
});

describe('Store: text no embedded print font can draw (issue 12)', () => {
  const message = 'Caractère impossible à imprimer : « 中 » (U+4E2D). Retirez-le ou remplacez-le.';

  it('is refused on its field, the stored records unchanged', async () => {
    const { db, store } = await openStore();
    await store.write('création', (ctx) => ctx.create('partners', partner(1)));
    const before = { partners: await db.partners.toArray(), history: await db.history.toArray() };
    const created = store.write('création', (ctx) => ctx.create('partners', { ...partner(2), address: { ...partner(2).address, city: 'Saint-Denis 中' } }));
    await expect(created).rejects.toMatchObject({ name: 'ValidationError', message, field: 'address.city' });
    const updated = store.write('modification', (ctx) => ctx.update('partners', 'p1', { name: 'CCAS 中' }));
    await expect(updated).rejects.toMatchObject({ message, field: 'name' });
    expect({ partners: await db.partners.toArray(), history: await db.history.toArray() }).toEqual(before);
    // Accents, typographic punctuation, € and an emoji are printable.
    await store.write('modification', (ctx) => ctx.update('partners', 'p1', { name: 'CCAS « Œuvre » l’île 🌴 €' }));
    expect((await db.partners.get('p1'))?.name).toBe('CCAS « Œuvre » l’île 🌴 €');
  });

  it('a record stored before the rule stays editable on its other fields', async () => {
    const { db, store } = await openStore();
    await store.write('création', (ctx) => ctx.create('partners', partner(1)));
    await db.partners.update('p1', { notes: 'ancien 中' });
    await store.write('modification', (ctx) => ctx.update('partners', 'p1', { name: 'CCAS renommé' }));
    expect(await db.partners.get('p1')).toMatchObject({ name: 'CCAS renommé', notes: 'ancien 中' });
  });
});

it('a letter template is checked by the letters’ font (Liberation Sans alone): no emoji in its letter, one in its e-mail', async () => {
  const { db, store } = await openStore();
  const template = { id: 't1', kind: 'revue-inverse' as const, name: 'Revue', subject: 'Objet', letter: 'Bonjour 🌴', email: 'Bonjour' };
  await expect(store.write('création', (ctx) => ctx.create('templates', template))).rejects.toMatchObject({
    message: 'Caractère impossible à imprimer : « 🌴 » (U+1F334). Retirez-le ou remplacez-le.',
    field: 'letter',
  });
  expect(await db.templates.count()).toBe(0);
  await store.write('création', (ctx) => ctx.create('templates', { ...template, letter: 'Bonjour', email: 'Bonjour 🌴' }));
  expect(await db.templates.count()).toBe(1);
});
