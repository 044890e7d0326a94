import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { liveRows, Store } from '../../db/store';
import { proposeMapping } from '../../../shared/spreadsheet/fields';
import { buildPlan, type ExistingData } from '../../../shared/spreadsheet/plan';
import { SPREADSHEET_MESSAGES } from '../../../shared/spreadsheet/read';
import type { CellValue } from '../../../shared/spreadsheet/cells';
import { applyPlan, importAction } from './apply';
import { historyLines } from '../../db/store';

let db: AppDatabase;
let store: Store;
let n = 0;
beforeEach(async () => {
  db = new AppDatabase(`tableur-test-${n++}`);
  store = new Store(db, '00000000000000ab', () => 'Testeur');
  await store.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function existing(): Promise<ExistingData> {
  const [partners, conventions, contacts, allocations, habilitations] = await Promise.all([liveRows(db, 'partners'), liveRows(db, 'conventions'), liveRows(db, 'contacts'), liveRows(db, 'allocations'), liveRows(db, 'habilitations')]);
  return { partners, conventions, contacts, allocations, habilitations };
}

async function everything() {
  return { partners: await db.partners.toArray(), conventions: await db.conventions.toArray(), history: await historyLines(db) };
}

const rows = (count: number, city = 'Saint-Denis'): CellValue[][] => [
  ['Raison sociale', 'Code postal', 'Commune'],
  ...Array.from({ length: count }, (_, i): CellValue[] => [`CCAS numéro ${i}`, '97400', city]),
];

async function planOf(r: CellValue[][]) {
  return buildPlan({ kind: 'partenaire', rows: r, headerRow: 0, mapping: proposeMapping('partenaire', r[0]!.map(String)), mode: 'creer-et-mettre-a-jour', existing: await existing(), cafId: 'caf', today: '2026-11-20', newId: () => crypto.randomUUID() });
}

describe('applying an import plan', () => {
  it('one transaction, one history line per field with the action « import du tableur <fichier> », for creations and updates', async () => {
    const report = await applyPlan(store, await planOf(rows(3)), 'registre.xlsx');
    expect(report.created).toEqual({ partners: 3, conventions: 3 });
    const history = await historyLines(db);
    expect(new Set(history.map((h) => h.action))).toEqual(new Set([importAction('registre.xlsx')]));
    expect(history.filter((h) => h.table === 'partners' && h.field === 'name')).toHaveLength(3);

    const second = await applyPlan(store, await planOf(rows(1, 'Saint-Paul')), 'registre-2.xlsx');
    expect(second.updated).toEqual({ partners: 1 });
    const cityLines = (await historyLines(db)).filter((h) => h.action === importAction('registre-2.xlsx'));
    expect(cityLines.map((h) => [h.field, h.new])).toEqual([['address', expect.objectContaining({ city: 'Saint-Paul' })]]);
  });

  it('cancelled half-way: nothing stored, history and records exactly as before', async () => {
    await applyPlan(store, await planOf(rows(2)), 'avant.xlsx');
    const before = await everything();
    const plan = await planOf(rows(3000));
    let checks = 0;
    const error = await applyPlan(store, plan, 'gros.xlsx', { isCancelled: () => ++checks > 3 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(SPREADSHEET_MESSAGES.annule);
    expect(await everything()).toEqual(before);
  });

  it('a record refused by its schema at apply time rolls the whole import back', async () => {
    const before = await everything();
    const plan = await planOf(rows(5));
    (plan.creates[6]!.data as { name: string }).name = '';
    await expect(applyPlan(store, plan, 'casse.xlsx')).rejects.toThrow();
    expect(await everything()).toEqual(before);
  });
});
