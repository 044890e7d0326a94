import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from './wire';
import type { CrdtRecord } from '../crdt/record';

describe('wire form', () => {
  const s = '0000018b1c2d3e4f-0000-0123456789abcdef';
  const stored: CrdtRecord = { id: 'h1', _deleted: 0, lastName: 'Técher', _m: { _deleted: { s }, lastName: { s } }, _ts: s, _r: ['0123456789abcdef'], _k: { n: 'techer' } };

  it('never sends the database’s index fields (_ts, _r, list keys _k)', () => {
    const w = toWire(stored);
    expect(Object.keys(w.v).sort()).toEqual(['_deleted', 'id', 'lastName']);
  });

  it('drops index fields a sender put in anyway, and round-trips the data', () => {
    const w = toWire(stored);
    const back = fromWire({ ...w, v: { ...w.v, _k: { n: 'autre' }, _ts: 'x' } }) as CrdtRecord;
    expect(back).toEqual({ id: 'h1', _deleted: 0, lastName: 'Técher', _m: { _deleted: { s }, lastName: { s } } });
  });
});
