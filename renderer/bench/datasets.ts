/**
 * Generated data sets for the bench page, shared by every figure: generated once per page (deterministic seed),
 * turned into CRDT records once, and loaded into a named database once (a meta marker says which set it holds).
 */
import Dexie from 'dexie';
import type { CrdtRecord } from '../../shared/crdt/record';
import { HybridLogicalClock } from '../../shared/crdt/hlc';
import { datasetTables, type Dataset, type DatasetTable } from '../../shared/demo/dataset';
import { DEFAULT_SEED, generateChunks, generateDataset, type Scale } from '../../shared/demo/generator';
import { AppDatabase, DATABASE_NAME } from '../db/database';
import { FIRST_RUN_KEY, loadDataset, toRecords } from '../db/loadDataset';
import { Store } from '../db/store';

export const BENCH_SEED = DEFAULT_SEED;
export const BENCH_REPLICA = 'b0000000000000a1';
const MARKER_KEY = 'benchDataset';

const datasets = new Map<Scale, Dataset>();
const recordSets = new Map<Scale, Record<DatasetTable, CrdtRecord[]>>();

/** The generated set as domain objects (kept in memory for the page's lifetime). */
export function benchDataset(scale: Scale): Dataset {
  let d = datasets.get(scale);
  if (!d) {
    d = generateDataset(scale, BENCH_SEED);
    datasets.set(scale, d);
  }
  return d;
}

/** The generated set as the CRDT records the store would write (one stamp per record). */
export function benchRecords(scale: Scale): Record<DatasetTable, CrdtRecord[]> {
  let r = recordSets.get(scale);
  if (!r) {
    const clock = new HybridLogicalClock(BENCH_REPLICA);
    const d = benchDataset(scale);
    r = Object.fromEntries(datasetTables.map((t) => [t, toRecords(d[t], () => clock.tick())])) as Record<DatasetTable, CrdtRecord[]>;
    recordSets.set(scale, r);
  }
  return r;
}

export function countRecords(records: Record<string, CrdtRecord[]>): number {
  return Object.values(records).reduce((n, rs) => n + rs.length, 0);
}

const open = new Map<string, { db: AppDatabase; store: Store }>();

/**
 * A database holding exactly the `scale` set (default: the app's own database, so index.html opens it).
 * Reused when it already holds that set; otherwise emptied and loaded through the app's bulk loader.
 */
export async function prepareDatabase(scale: Scale, name = DATABASE_NAME): Promise<{ db: AppDatabase; store: Store; loadMs: number }> {
  const marker = `${scale}:${BENCH_SEED}`;
  let handle = open.get(name);
  if (!handle) {
    const db = new AppDatabase(name);
    const store = new Store(db, BENCH_REPLICA, () => 'Banc de mesure');
    await store.open();
    handle = { db, store };
    open.set(name, handle);
  }
  const { db, store } = handle;
  if ((await db.meta.get(MARKER_KEY))?.value === marker) return { db, store, loadMs: 0 };
  const t0 = performance.now();
  await db.transaction('rw', db.tables, async () => {
    for (const t of db.tables) if (t.name !== 'meta') await t.clear();
    await db.meta.where('key').noneOf(['clock']).delete();
  });
  await loadDataset(store, generateChunks(scale, BENCH_SEED), { action: `Jeu de données de mesure (${scale})` });
  await db.meta.bulkPut([
    { key: MARKER_KEY, value: marker },
    { key: FIRST_RUN_KEY, value: { choice: 'empty', at: new Date().toISOString(), user: 'Banc de mesure' } },
  ]);
  return { db, store, loadMs: performance.now() - t0 };
}

/** Close the page's connections (before another page deletes or upgrades a database). */
export function releaseDatabases(): void {
  for (const { db } of open.values()) db.close();
  open.clear();
}

/**
 * Raw Dexie `bulkPut` of prepared records into an empty database, one call per table: the baseline that other
 * write figures are compared to. Returns rows per second.
 */
export async function measureBulkPut(records: Record<string, CrdtRecord[]>, name = 'bench-bulkput'): Promise<number> {
  await Dexie.delete(name);
  const db = new AppDatabase(name);
  await db.open();
  try {
    const t0 = performance.now();
    let n = 0;
    for (const [table, rows] of Object.entries(records)) {
      await db.table(table).bulkPut(rows);
      n += rows.length;
    }
    return n / ((performance.now() - t0) / 1000);
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

let baseline: Promise<number> | null = null;

/** `db.bulkput_rows_per_s.stress`, measured once per page: call it for ratio figures (« x fois le bulkPut brut »). */
export function bulkPutBaseline(): Promise<number> {
  baseline ??= measureBulkPut(benchRecords('stress'));
  return baseline;
}
