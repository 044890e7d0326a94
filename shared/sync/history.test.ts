import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStamp } from '../crdt/hlc';
import { BundleError } from './errors';
import {
  groupLines,
  historyToWire,
  LINE_VALUE_TOO_LARGE,
  lineId,
  lineNeedsSending,
  lineValue,
  linesOfWrites,
  MAX_LINE_VALUE_CHARS,
  mergeWrites,
  newLines,
  validateHistory,
  wireLineCount,
  writeId,
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

describe('history stored as one row per write', () => {
  const replicas = ['aaaaaaaaaaaaaaaa', B];
  /** Random writes (stamp, record, fields) and legacy lines without stamp, as lines in any order, some twice. */
  const linesArb = fc
    .array(
      fc.record({
        stamped: fc.boolean(),
        millis: fc.nat(50),
        replica: fc.nat(1),
        record: fc.nat(3),
        fields: fc.uniqueArray(fc.constantFrom('name', 'notes', 'status', '_deleted', '*'), { minLength: 1, maxLength: 4 }),
        value: fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(undefined)),
        user: fc.constantFrom('Alice', 'Bruno'),
      }),
      { maxLength: 25 },
    )
    .chain((writes) => {
      const lines = writes.flatMap((w) => {
        const s = formatStamp({ millis: Date.UTC(2026, 11, 2) + w.millis, counter: 0, replica: replicas[w.replica]! });
        const shared = { table: 'partners' as const, recordId: `p-${w.record}`, at: new Date(Date.UTC(2026, 11, 2) + w.millis).toISOString(), user: w.user, action: 'Modification' };
        return w.fields.map((field): { id?: string; s?: string; table: 'partners'; recordId: string; field: string; old: unknown; new: unknown; at: string; user: string; action: string } =>
          w.stamped ? { ...shared, id: lineId(s, 'partners', shared.recordId, field), s, field, old: w.value, new: field } : { ...shared, field, old: w.value, new: field },
        );
      });
      return fc.tuple(fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }), fc.subarray(lines));
    })
    .map(([shuffled, again]) => [...shuffled, ...again]);
  // Lines of one write share its properties (one stamp on one record is one write), and a line id names one
  // line: two generated writes that drew the same stamp and record take the first one's.
  const consistent = <L extends { id?: string; s?: string; recordId: string; at: string; user: string; old: unknown }>(lines: L[]) => {
    const first = new Map<string, L>();
    const line = new Map<string, L>();
    return lines.map((l) => {
      if (!l.s) return l;
      const k = writeId(l.s, 'partners', l.recordId);
      const f = first.get(k) ?? (first.set(k, l), l);
      const same = line.get(l.id!) ?? (line.set(l.id!, l), l);
      return { ...l, at: f.at, user: f.user, old: same.old };
    });
  };
  const key = (l: { id?: string; recordId: string; field: string; old: unknown; new: unknown; at: string; user: string }) => JSON.stringify([l.id ?? null, l.recordId, l.field, l.old ?? null, l.new, l.at, l.user]);
  const asSet = (lines: Parameters<typeof key>[0][]) => [...new Set(lines.map(key))].sort();

  it('grouping then un-grouping gives exactly the per-line set (each stamped line once, its id kept)', () => {
    fc.assert(
      fc.property(linesArb, (raw) => {
        const lines = consistent(raw);
        const writes = groupLines(lines);
        const back = linesOfWrites(writes);
        expect(asSet(back)).toEqual(asSet(lines));
        // One row per stamp on one record; stamped lines never repeated.
        const stamped = back.filter((l) => l.id);
        expect(new Set(stamped.map((l) => l.id)).size).toBe(stamped.length);
        const ids = writes.filter((w) => w.id).map((w) => w.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const w of writes) if (w.id) expect(w.id).toBe(writeId(w.s!, w.table, w.recordId));
      }),
      { numRuns: 300 },
    );
  });

  it('merging writes is a set union of their lines, whatever the order and the repeats', () => {
    fc.assert(
      fc.property(linesArb, linesArb, (x, y) => {
        const [a, b] = [consistent(x), consistent([...x, ...y]).slice(x.length)];
        const held = new Map(groupLines(a).flatMap((w) => (w.id ? [[w.id, w] as const] : [])));
        const { put, added } = mergeWrites(held, groupLines(b));
        // What is stored afterwards: held writes replaced by their grown copies, plus the new ones.
        const after = new Map(held);
        const unstamped = groupLines(a).filter((w) => !w.id);
        for (const w of put) if (w.id) after.set(w.id, w);
        else unstamped.push(w);
        const stored = linesOfWrites([...after.values(), ...unstamped]);
        const stampedUnion = asSet([...a, ...b].filter((l) => l.s));
        expect(asSet(stored.filter((l) => l.s))).toEqual(stampedUnion);
        expect(added).toBe(stampedUnion.length - asSet(a.filter((l) => l.s)).length + groupLines(b).filter((w) => !w.id).length);
      }),
      { numRuns: 300 },
    );
  });
});
