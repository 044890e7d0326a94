import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatStamp } from './hlc';
import { applyLocalDelete, applyLocalEdit, applyLocalRestore, type CrdtRecord } from './record';
import { mergeRecords } from './merge';

const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccc';
const st = (millis: number, replica: string, counter = 0) => formatStamp({ millis, counter, replica });

describe('per-field merge', () => {
  it('takes a later edit made with knowledge of the local value, without conflict', () => {
    const base = applyLocalEdit(undefined, 'p1', { name: 'Mairie', city: 'Saint-Denis' }, st(1, A)).record;
    const edited = applyLocalEdit(base, 'p1', { name: 'Ville de Saint-Denis' }, st(2, B)).record;
    const r = mergeRecords(base, edited);
    expect(r.record.name).toBe('Ville de Saint-Denis');
    expect(r.conflicts).toEqual([]);
    expect(r.changedFields).toEqual(['name']);
  });

  it('keeps the greater stamp and reports the concurrent loser', () => {
    const base = applyLocalEdit(undefined, 'p1', { name: 'Mairie' }, st(1, A)).record;
    const onA = applyLocalEdit(base, 'p1', { name: 'Mairie A' }, st(5, A)).record;
    const onB = applyLocalEdit(base, 'p1', { name: 'Mairie B' }, st(6, B)).record;
    const atA = mergeRecords(onA, onB);
    const atB = mergeRecords(onB, onA);
    expect(atA.record.name).toBe('Mairie B');
    expect(atB.record.name).toBe('Mairie B');
    expect(atA.conflicts).toEqual([{ kind: 'field', field: 'name', loserValue: 'Mairie A', loserStamp: st(5, A) }]);
    expect(atB.conflicts).toEqual(atA.conflicts);
    expect(atA.record).toEqual(atB.record);
  });

  it('does not flag a chain of edits seen through a third replica as a conflict', () => {
    const base = applyLocalEdit(undefined, 'p1', { name: 'v0' }, st(1, A)).record;
    const b1 = applyLocalEdit(base, 'p1', { name: 'v1' }, st(2, B)).record;
    const b2 = applyLocalEdit(b1, 'p1', { name: 'v2' }, st(3, B)).record;
    const c = applyLocalEdit(b2, 'p1', { name: 'v3' }, st(4, C)).record;
    expect(mergeRecords(base, c).conflicts).toEqual([]);
  });

  it('reports an edit the deleting replica had not seen as a delete/edit conflict, and restore clears it', () => {
    const base = applyLocalEdit(undefined, 'p1', { name: 'v0' }, st(1, A)).record;
    const deleted = applyLocalDelete(base, st(5, A));
    const edited = applyLocalEdit(base, 'p1', { name: 'v1' }, st(4, B)).record;
    const merged = mergeRecords(deleted, edited);
    expect(merged.record._deleted).toBe(1);
    expect(merged.record.name).toBe('v1');
    expect(merged.conflicts).toEqual([{ kind: 'delete-edit', deleteStamp: st(5, A), fields: ['name'], editStamp: st(4, B) }]);
    const restored = applyLocalRestore(merged.record, st(6, A));
    expect(restored._deleted).toBe(0);
    expect(mergeRecords(restored, edited).conflicts).toEqual([]);
  });
});

/** Random replicated histories of one record, to check the merge laws on reachable states. */
const replicas = [A, B, C];
type Op = { replica: number; kind: 'edit'; field: 'a' | 'b'; value: number } | { replica: number; kind: 'delete' } | { replica: number; kind: 'sync'; from: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ replica: fc.integer({ min: 0, max: 2 }), kind: fc.constant('edit' as const), field: fc.constantFrom('a' as const, 'b' as const), value: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ replica: fc.integer({ min: 0, max: 2 }), kind: fc.constant('delete' as const) }),
  fc.record({ replica: fc.integer({ min: 0, max: 2 }), kind: fc.constant('sync' as const), from: fc.integer({ min: 0, max: 2 }) }),
);

function run(ops: Op[]): CrdtRecord[] {
  const seed = applyLocalEdit(undefined, 'r', { a: 0, b: 0 }, st(1, A)).record;
  const states: CrdtRecord[] = [seed, seed, seed];
  let time = 10;
  for (const op of ops) {
    time += 1;
    const cur = states[op.replica]!;
    if (op.kind === 'edit') states[op.replica] = applyLocalEdit(cur, 'r', { [op.field]: op.value }, st(time, replicas[op.replica]!)).record;
    else if (op.kind === 'delete') states[op.replica] = cur._deleted ? cur : applyLocalDelete(cur, st(time, replicas[op.replica]!));
    else states[op.replica] = mergeRecords(cur, states[op.from]!).record;
  }
  return states;
}

/** Key-order-independent form of a JSON value, so equal states compare equal. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]));
  }
  return v;
}

describe('merge laws (property)', () => {
  it('is commutative, associative and idempotent on reachable states', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        const [x, y, z] = run(ops) as [CrdtRecord, CrdtRecord, CrdtRecord];
        const m = (p: CrdtRecord, q: CrdtRecord) => mergeRecords(p, q).record;
        const norm = (r: CrdtRecord) => canonical(r);
        expect(norm(m(x, y))).toEqual(norm(m(y, x)));
        expect(norm(m(m(x, y), z))).toEqual(norm(m(x, m(y, z))));
        expect(norm(m(x, x))).toEqual(norm(x));
      }),
      { numRuns: 500 },
    );
  });
});
