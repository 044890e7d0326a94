import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrdtRecord } from '../../shared/crdt/record';
import { AppDatabase } from './database';
import { arrayPages, bucketedPages, drain, filteredPages, rowsOfEach, type PageSource } from './paging';

describe('filteredPages', () => {
  it('hands out the kept rows in order, never an empty page before the end, a short one past its budget', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 300 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 50 }), async (values, mod, limit, budget) => {
        let read = 0;
        const counted: PageSource<number> = { next: async (n) => { const page = await inner.next(n); read += page.length; return page; } };
        const inner = arrayPages(values);
        const src = filteredPages(counted, (rows) => rows.filter((v) => v % mod === 0).map((v) => v * 2), { maxChunk: 16, budget });
        const got: number[] = [];
        for (;;) {
          const before = read;
          const page = await src.next(limit);
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(limit);
          // Short only once the budget was spent (or the source ran out: then the next call gives []).
          if (page.length < limit && read < values.length) expect(read - before).toBeGreaterThanOrEqual(budget);
          got.push(...page);
        }
        expect(read).toBe(values.length);
        expect(got).toEqual(values.filter((v) => v % mod === 0).map((v) => v * 2));
      }),
      { numRuns: 200 },
    );
  });
});

describe('bucketedPages', () => {
  it('regroups the rows by bucket, buckets in rank order, each in the source order, at any page size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 999 }), { maxLength: 200 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 30 }), async (values, buckets, limit) => {
        const bucketOf = (v: number) => (v * 7) % buckets;
        const expected = values.map((v, i) => ({ v, i })).sort((a, b) => bucketOf(a.v) - bucketOf(b.v) || a.i - b.i).map((x) => x.v);
        expect(await drain(bucketedPages(arrayPages(values), bucketOf), limit)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('rowsOfEach', () => {
  let db: AppDatabase;
  beforeAll(async () => {
    db = new AppDatabase(`paging-${Math.random().toString(36).slice(2)}`);
    await db.open();
    const rows: CrdtRecord[] = Array.from({ length: 80 }, (_, i) => ({ id: `c-${String(79 - i).padStart(2, '0')}`, partnerId: `p-${i % 7}`, number: '', managementMode: 'delegue', _deleted: i % 11 === 0 ? 1 : 0, _m: {} }));
    await db.conventions.bulkPut(rows);
  });
  afterAll(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('gives each value its rows in id order, the same whichever way they are read', async () => {
    const values = ['p-3', 'p-0', 'p-9', 'p-3', 'p-6'];
    const expected = await Promise.all(values.map((v) => db.conventions.where('partnerId').equals(v).toArray()));
    expect(expected[0]!.length).toBeGreaterThan(0);
    for (const how of ['equals', 'anyOf', 'separate'] as const) expect(await rowsOfEach(db.conventions, 'partnerId', values, how), how).toEqual(expected);
    expect(await rowsOfEach(db.conventions, 'partnerId', [])).toEqual([]);
    expect(await drain(arrayPages([1, 2, 3]), 2)).toEqual([1, 2, 3]);
  });
});
