import { describe, expect, it } from 'vitest';
import { applyLocalDelete, applyLocalEdit } from '../crdt/record';
import { planRecordRollback, planTableRollback } from './rollback';

const S = (n: number) => `00000000${n}-0000-aaaaaaaaaaaaaaaa`;
const rec = (id: string, fields: Record<string, unknown>, n = 1) => applyLocalEdit(undefined, id, fields, S(n)).record;

describe('rollback planning', () => {
  it('created since → delete; deleted since → restore with its old values; lost → recreate; changed → only the changed fields', () => {
    const then = rec('r', { name: 'A', notes: 'n' });
    expect(planRecordRollback('partners', rec('r', { name: 'A', notes: 'n' }, 2), then)).toBeNull();
    expect(planRecordRollback('partners', rec('x', { name: 'B' }), undefined)).toMatchObject({ kind: 'delete', inBackup: false });
    expect(planRecordRollback('partners', rec('r', { name: 'A' }), applyLocalDelete(then, S(2)))).toMatchObject({ kind: 'delete', inBackup: true });
    expect(planRecordRollback('partners', undefined, then)).toMatchObject({ kind: 'recreate', fields: [{ field: 'name', then: 'A' }, { field: 'notes', then: 'n' }] });
    const deletedNow = applyLocalDelete(applyLocalEdit(then, 'r', { name: 'Z' }, S(2)).record, S(3));
    expect(planRecordRollback('partners', deletedNow, then)).toMatchObject({ kind: 'restore', fields: [{ field: 'name', now: 'Z', then: 'A' }] });
    // A field cleared since comes back; a field added since is cleared.
    expect(planRecordRollback('partners', rec('r', { name: 'A', extra: 1 }), then)!.fields).toEqual([
      { field: 'extra', now: 1, then: undefined },
      { field: 'notes', now: undefined, then: 'n' },
    ]);
    // Deleted (or absent) on both sides: nothing visible differs.
    expect(planRecordRollback('partners', applyLocalDelete(then, S(2)), undefined)).toBeNull();
    expect(planRecordRollback('partners', undefined, applyLocalDelete(then, S(2)))).toBeNull();
  });

  it('plans a table: records of the base first, then those only in the backup', () => {
    const steps = planTableRollback('partners', [rec('a', { name: 'A2' }), rec('new', { name: 'N' })], [rec('a', { name: 'A' }), rec('lost', { name: 'L' })]);
    expect(steps.map((s) => `${s.recordId}:${s.kind}`)).toEqual(['a:update', 'new:delete', 'lost:recreate']);
  });
});
