import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { benchDataset, benchRecords, countRecords, measureBulkPut, prepareDatabase, releaseDatabases } from './datasets';
import { FIRST_RUN_KEY, isDatabaseEmpty } from '../db/loadDataset';
import { datasetSize } from '../../shared/demo/dataset';

describe('bench data sets', () => {
  it('memoises the generated set and its records (one record per object)', () => {
    const d = benchDataset('typical');
    expect(benchDataset('typical')).toBe(d);
    const records = benchRecords('typical');
    expect(countRecords(records)).toBe(datasetSize(d));
    expect(records.habilitations[0]!._m.profile!.s).toMatch(/-b0000000000000a1$/);
  });

  it('loads a set into a named database once, marks the first run done, and reuses it', async () => {
    const name = `bench-test-${Math.random().toString(36).slice(2)}`;
    const first = await prepareDatabase('typical', name);
    expect(first.loadMs).toBeGreaterThan(0);
    expect(await first.db.partners.count()).toBe(300);
    expect(await isDatabaseEmpty(first.db)).toBe(false);
    expect(await first.db.meta.get(FIRST_RUN_KEY)).toBeDefined();
    const again = await prepareDatabase('typical', name);
    expect(again.loadMs).toBe(0);
    releaseDatabases();
  });

  it('measures raw bulkPut in rows per second and leaves no database behind', async () => {
    const records = benchRecords('typical');
    const rate = await measureBulkPut({ partners: records.partners, contacts: records.contacts }, 'bench-bulkput-test');
    expect(rate).toBeGreaterThan(0);
    const dbs = await indexedDB.databases();
    expect(dbs.map((d) => d.name)).not.toContain('bench-bulkput-test');
  });
});
