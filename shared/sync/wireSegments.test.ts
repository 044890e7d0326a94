import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSegments, decodeSegment, encodeSegment, segmentLooksWhole, updateSegments, type SegmentRef, type StoredSegment } from './wireSegments';
import { payloadJsonPieces } from './deflate';

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The table as segments say it is: ids and texts in order. */
function contents(refs: readonly SegmentRef[], segs: ReadonlyMap<number, StoredSegment>) {
  const ids: string[] = [];
  const texts: string[] = [];
  for (const r of refs) {
    const s = decodeSegment(segs.get(r.id)!);
    expect(s.ids.length).toBe(r.n);
    expect(s.ids[0]).toBe(r.lo);
    ids.push(...s.ids);
    texts.push(...s.parts);
  }
  return { ids, texts };
}

// Ids with commas, quotes, accents and astral characters; texts that are JSON with commas inside.
const anId = fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('a', 'b', 'é', ',', '"', '\u{1F600}', '0', 'Z') });
const aText = fc.string({ maxLength: 12 }).map((s) => JSON.stringify({ v: s, t: [s, ','] }));

describe('wire segments: a table as JSON texts per segment of ids', () => {
  it('after any sequence of upserts and removals, the segments hold exactly the table in id order, and no segment grows past twice its size', () => {
    fc.assert(
      fc.property(
        fc.dictionary(anId, aText, { maxKeys: 60 }),
        fc.array(fc.array(fc.tuple(anId, fc.option(aText, { nil: null })), { maxLength: 40 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 7 }),
        (initial, batches, rows) => {
          const table = new Map(Object.entries(initial));
          let next = 1;
          const alloc = () => next++;
          const ids0 = [...table.keys()].sort(byCodeUnit);
          const built = buildSegments(ids0, ids0.map((id) => table.get(id)!), alloc, rows);
          let refs = built.refs;
          const segs = new Map(built.segments);
          for (const batch of batches) {
            const changes = new Map<string, string | null>();
            for (const [id, text] of batch) {
              changes.set(id, text);
              if (text === null) table.delete(id);
              else table.set(id, text);
            }
            const loaded = new Set<number>();
            const u = updateSegments(refs, (id) => (loaded.add(id), segs.get(id)!), changes, alloc, rows);
            // Only segments holding a change are read; what is rewritten was read or is new.
            for (const id of u.written.keys()) expect(loaded.has(id) || !refs.some((r) => r.id === id)).toBe(true);
            for (const id of u.removed) segs.delete(id);
            for (const [id, s] of u.written) segs.set(id, s);
            refs = u.refs;
            for (const r of refs) expect(r.n).toBeLessThanOrEqual(2 * rows);
            expect(new Set(refs.map((r) => r.id)).size).toBe(refs.length);
            const want = [...table.keys()].sort(byCodeUnit);
            const got = contents(refs, segs);
            expect(got.ids).toEqual(want);
            expect(got.texts).toEqual(want.map((id) => table.get(id)!));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the payload built from segment texts is, to the byte, the one built from the records', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: anId, name: fc.string(), n: fc.integer() }), { maxLength: 50 }), fc.integer({ min: 1, max: 9 }), (recs, rows) => {
        const unique = [...new Map(recs.map((r) => [r.id, r])).values()].sort((a, b) => byCodeUnit(a.id, b.id));
        const built = buildSegments(
          unique.map((r) => r.id),
          unique.map((r) => JSON.stringify(r)),
          (() => {
            let i = 0;
            return () => ++i;
          })(),
          rows,
        );
        const texts = built.refs.map((r) => built.segments.get(r.id)!.text);
        const fromTexts = payloadJsonPieces({ tables: { a: [{ id: 'x' }], partners: { count: unique.length, texts }, z: [] } }).join('');
        expect(fromTexts).toBe(JSON.stringify({ tables: { a: [{ id: 'x' }], partners: unique, z: [] } }));
      }),
      { numRuns: 200 },
    );
  });

  it('a segment that does not hold together is refused', () => {
    const good = encodeSegment({ ids: ['a', 'b'], parts: ['{"x":1}', '{"y":2}'] });
    expect(decodeSegment(good)).toEqual({ ids: ['a', 'b'], parts: ['{"x":1}', '{"y":2}'] });
    expect(() => decodeSegment({ ...good, text: good.text.slice(1) })).toThrow();
    expect(() => decodeSegment({ ...good, lens: [1] })).toThrow();
    expect(() => decodeSegment({ ...good, ids: '{' })).toThrow();
    expect(() => decodeSegment({ ...good, ids: '"a"' })).toThrow();
  });
});

describe('a stored segment is checked whole before a file is made from it', () => {
  it('accepts what encodeSegment writes, refuses any truncation, wrong count or broken separator', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anId, aText), { minLength: 1, maxLength: 20 }), fc.nat(), (pairs, cut) => {
        const st = encodeSegment({ ids: pairs.map((p) => p[0]), parts: pairs.map((p) => p[1]) });
        expect(segmentLooksWhole(st, pairs.length)).toBe(true);
        expect(segmentLooksWhole(st, pairs.length + 1)).toBe(false);
        const k = cut % st.text.length;
        expect(segmentLooksWhole({ ...st, text: st.text.slice(0, k) + st.text.slice(k + 1) }, pairs.length)).toBe(false);
        expect(segmentLooksWhole({ ...st, text: 'x' + st.text.slice(1) }, pairs.length)).toBe(false);
      }),
    );
  });
});
