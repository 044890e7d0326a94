import { describe, expect, it } from 'vitest';
import { conflictSchema } from '../domain/conflict';
import { conflictRecord, TOO_LARGE_MARKER } from './conflicts';

const STAMP = '00000000a-0000-0123456789abcdef';

describe('conflict records', () => {
  it('are a pure function of the losing write, every field stamped with its stamp', () => {
    const c = { kind: 'field' as const, field: 'name', loserValue: 'Mairie', loserStamp: STAMP };
    const a = conflictRecord('partners', 'p-1', c);
    expect(conflictRecord('partners', 'p-1', c)).toEqual(a);
    expect(a.id).toBe(`partners:p-1:name:${STAMP}`);
    expect(Object.values(a._m).every((m) => m.s === STAMP)).toBe(true);
    const { _m, _deleted, ...data } = a;
    expect(conflictSchema.safeParse(data).success).toBe(true);
  });

  it('a losing value too large for the conflicts schema is replaced by a marker, so the record stays valid', () => {
    const huge = 'x'.repeat(1_500_000);
    const r = conflictRecord('issuedForms', 'f-1', { kind: 'field', field: 'snapshot', loserValue: huge, loserStamp: STAMP });
    expect(r.loserValue).toBe(TOO_LARGE_MARKER);
    const { _m, _deleted, ...data } = r;
    expect(conflictSchema.safeParse(data).success).toBe(true);
  });

  it('delete/edit: one record per losing edit (the greatest unseen one), field « * »', () => {
    const r = conflictRecord('contacts', 'c-1', { kind: 'delete-edit', deleteStamp: 'd', fields: ['email'], editStamp: STAMP });
    expect(r).toMatchObject({ id: `contacts:c-1:*:${STAMP}`, kind: 'delete-edit', field: '*', status: 'ouvert', loserStamp: STAMP });
  });
});
