import { describe, expect, it } from 'vitest';
import { formatStamp } from '../crdt/hlc';
import { BundleError } from './errors';
import {
  historyToWire,
  LINE_VALUE_TOO_LARGE,
  lineId,
  lineNeedsSending,
  lineValue,
  MAX_LINE_VALUE_CHARS,
  newLines,
  validateHistory,
  wireLineCount,
  type HistoryLine,
} from './history';

const B = 'bbbbbbbbbbbbbbbb';
const s1 = formatStamp({ millis: Date.UTC(2026, 11, 2, 9, 30), counter: 0, replica: B });
const s2 = formatStamp({ millis: Date.UTC(2026, 11, 2, 9, 31), counter: 3, replica: B });

function line(s: string, field: string, old: unknown, neu: unknown, extra: Partial<HistoryLine> = {}): HistoryLine {
  return { id: lineId(s, 'partners', 'p-1', field), s, table: 'partners', recordId: 'p-1', field, old, new: neu, at: new Date(Date.UTC(2026, 11, 2, 9, 30)).toISOString(), user: 'Marie Hoarau', action: 'Modification du partenaire', workstation: 'Portable visite', ...extra };
}

describe('history lines on the wire', () => {
  it('groups the lines of one write, and reads back the same lines (author, time, workstation, action, values)', () => {
    const lines = [line(s1, 'name', 'Mairie', 'Mairie de Colmar'), line(s1, 'notes', undefined, 'Visite'), line(s2, '_deleted', 0, 1, { at: new Date(Date.UTC(2026, 11, 2, 9, 30, 59, 998)).toISOString(), action: undefined })];
    const wire = historyToWire(lines);
    expect(wire.e).toHaveLength(2);
    expect(wire.e[0]!.l).toEqual([
      ['name', 'Mairie', 'Mairie de Colmar'],
      ['notes', null, 'Visite'],
    ]);
    expect(wire.e[0]!.d).toBeUndefined(); // time = the stamp's millis: not repeated
    expect(wire.e[1]!.d).toBe(-2);
    expect(wire.w).toEqual({ [B]: 'Portable visite' });
    expect(wireLineCount(wire)).toBe(3);
    const back = validateHistory(JSON.parse(JSON.stringify(wire)));
    expect(back).toEqual(lines.map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined))));
  });

  it('a line belongs to its write: sent unless the receiver has seen that stamp', () => {
    expect(lineNeedsSending({ s: s2 }, {})).toBe(true);
    expect(lineNeedsSending({ s: s2 }, { [B]: s1 })).toBe(true);
    expect(lineNeedsSending({ s: s1 }, { [B]: s1 })).toBe(false);
  });

  it('keeps a value up to 10,000 characters, a short marker beyond', () => {
    expect(lineValue('x'.repeat(MAX_LINE_VALUE_CHARS))).toHaveLength(MAX_LINE_VALUE_CHARS);
    expect(lineValue('x'.repeat(MAX_LINE_VALUE_CHARS + 1))).toBe(LINE_VALUE_TOO_LARGE);
    expect(lineValue({ line1: '2 rue de Paris' })).toEqual({ line1: '2 rue de Paris' });
    expect(lineValue(null)).toBeUndefined();
  });

  it('adds each line once, whatever repeats it', () => {
    const a = line(s1, 'name', 'a', 'b');
    const b = line(s2, 'name', 'b', 'c');
    expect(newLines([a, b, a], new Set([b.id]))).toEqual([a]);
  });
});

describe('hostile history refused with a French message', () => {
  const ok = () => historyToWire([line(s1, 'name', 'a', 'b')]);
  const refuse = (raw: unknown, text: RegExp) => {
    let err: unknown;
    try {
      validateHistory(raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).code).toBe('invalid-record');
    expect((err as Error).message).toMatch(/^Le fichier contient une ligne d'historique invalide : /);
    expect((err as Error).message).toMatch(text);
    expect((err as Error).message).toMatch(/Rien n'a été importé\.$/);
  };
  it('malformed stamp, unknown table, reserved names, extra keys, oversized value, the same line twice', () => {
    const w = ok();
    refuse({ ...w, e: [{ ...w.e[0]!, s: 'pas-un-horodatage' }] }, /écriture n° 1, « s »/);
    refuse({ ...w, e: [{ ...w.e[0]!, t: 'history' }] }, /type d'enregistrement inconnu « history »/);
    refuse({ ...w, e: [{ ...w.e[0]!, l: [['__proto__', 1, 2]] }] }, /nom réservé « __proto__ »/);
    refuse(JSON.parse(`{"w":{},"e":[{"s":"${s1}","t":"partners","r":"p","u":"x","l":[["name",{"__proto__":{"x":1}},2]]}]}`), /nom réservé « __proto__ »/);
    refuse({ ...w, e: [{ ...w.e[0]!, extra: 1 }] }, /écriture n° 1/);
    refuse({ ...w, e: [{ ...w.e[0]!, l: [['notes', 'x'.repeat(MAX_LINE_VALUE_CHARS + 1), '']] }] }, /valeur trop volumineuse \(champ « notes »\)/);
    refuse({ ...w, e: [w.e[0]!, w.e[0]!] }, /la même ligne figure deux fois/);
    refuse({ ...w, e: [{ ...w.e[0]!, d: 1e15 }] }, /écriture n° 1, « d »/);
    refuse({ ...w, e: [{ ...w.e[0]!, l: [] }] }, /écriture n° 1, « l »/);
    refuse({ w: { 'pas-un-id': 'x' }, e: [] }, /structure illisible/);
    refuse([], /structure illisible/);
  });
  it('a file without history (format 1 or 2) has no lines', () => {
    expect(validateHistory(undefined)).toEqual([]);
  });
});
