/**
 * A table's records in their wire form (wire.ts), as JSON texts kept per segment of consecutive ids, so that a
 * full export joins stored texts instead of reading, cloning and serialising every record (issue 16,
 * `bundle.export_full_ms.stress`).
 *
 * A segment holds up to 2 × SEGMENT_ROWS records in id order: their JSON texts joined by commas, the ids (as one
 * JSON text: one string to clone, not thousands) and each text's length. The segments of a table, in order, give
 * exactly the records of `table.toArray()` (IndexedDB orders string keys by code unit, as `<` does), so the
 * payload built from them is byte for byte the one built from the records (property in wireSegments.test.ts).
 */

/** Records per segment when built; a segment is split above twice this. */
export const SEGMENT_ROWS = 1_000;

/** A segment as stored. */
export interface StoredSegment {
  text: string;
  ids: string;
  lens: number[];
}

/** Where a segment is and what it holds (kept in the cache's header, in id order). */
export interface SegmentRef {
  id: number;
  /** Its first record's id. */
  lo: string;
  n: number;
}

interface OpenSegment {
  ids: string[];
  parts: string[];
}

export function encodeSegment(s: OpenSegment): StoredSegment {
  return { text: s.parts.join(','), ids: JSON.stringify(s.ids), lens: s.parts.map((p) => p.length) };
}

/** Throws on a segment that does not hold together (then the cache is rebuilt). */
export function decodeSegment(st: StoredSegment): OpenSegment {
  const ids: unknown = JSON.parse(st.ids);
  if (!Array.isArray(ids) || !Array.isArray(st.lens) || ids.length !== st.lens.length || typeof st.text !== 'string') throw new Error('segment illisible');
  const parts: string[] = [];
  let at = 0;
  for (const n of st.lens) {
    parts.push(st.text.slice(at, at + n));
    at += n + 1;
  }
  if ((ids.length ? at - 1 : 0) !== st.text.length) throw new Error('segment illisible');
  return { ids: ids as string[], parts };
}

/**
 * Whether a stored segment is whole, without decoding it: `n` texts of the stored lengths, each a JSON object,
 * separated by commas. Every segment a file is made from is checked, so a damaged cache never yields a damaged
 * file (the export then reads every record).
 */
export function segmentLooksWhole(st: StoredSegment, n: number): boolean {
  if (!st || typeof st.text !== 'string' || typeof st.ids !== 'string' || !Array.isArray(st.lens) || st.lens.length !== n || n === 0) return false;
  const text = st.text;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const len = st.lens[i];
    if (typeof len !== 'number' || len < 2) return false;
    if (text.charCodeAt(at) !== 123 /* { */ || text.charCodeAt(at + len - 1) !== 125 /* } */) return false;
    at += len;
    if (i < n - 1 && text.charCodeAt(at++) !== 44 /* , */) return false;
  }
  return at === text.length;
}

/** A table's segments built from its records' ids and texts, already in id order. */
export function buildSegments(ids: readonly string[], texts: readonly string[], nextId: () => number, rows = SEGMENT_ROWS): { refs: SegmentRef[]; segments: Map<number, StoredSegment> } {
  const refs: SegmentRef[] = [];
  const segments = new Map<number, StoredSegment>();
  for (let i = 0; i < ids.length; i += rows) {
    const seg = { ids: ids.slice(i, i + rows), parts: texts.slice(i, i + rows) };
    const id = nextId();
    refs.push({ id, lo: seg.ids[0]!, n: seg.ids.length });
    segments.set(id, encodeSegment(seg));
  }
  return { refs, segments };
}

/** Index of the last of `sorted` that is ≤ `key` (−1 when all are greater). */
function lastAtMost<T>(sorted: readonly T[], key: string, of: (x: T) => string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (of(sorted[mid]!) <= key) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export interface SegmentUpdate {
  refs: SegmentRef[];
  /** Segments written (new or changed), by id. */
  written: Map<number, StoredSegment>;
  /** Segments no longer used. */
  removed: number[];
}

/**
 * Apply changed records to a table's segments: `changes` maps an id to its new wire JSON text, or to null for a
 * record no longer in the table. Only the segments holding a change are decoded (`load`) and written again.
 */
export function updateSegments(refs: readonly SegmentRef[], load: (id: number) => StoredSegment, changes: ReadonlyMap<string, string | null>, nextId: () => number, rows = SEGMENT_ROWS): SegmentUpdate {
  const next = refs.map((r) => ({ ...r }));
  const open = new Map<number, OpenSegment>();
  const removed: number[] = [];
  const sortedIds = [...changes.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of sortedIds) {
    const text = changes.get(id)!;
    let k = Math.max(0, lastAtMost(next, id, (r) => r.lo));
    if (next.length === 0) {
      if (text === null) continue;
      next.push({ id: nextId(), lo: id, n: 0 });
      open.set(next[0]!.id, { ids: [], parts: [] });
      k = 0;
    }
    const ref = next[k]!;
    let seg = open.get(ref.id);
    if (!seg) open.set(ref.id, (seg = decodeSegment(load(ref.id))));
    const at = lastAtMost(seg.ids, id, (x) => x);
    if (at >= 0 && seg.ids[at] === id) {
      if (text === null) {
        seg.ids.splice(at, 1);
        seg.parts.splice(at, 1);
      } else seg.parts[at] = text;
    } else if (text !== null) {
      seg.ids.splice(at + 1, 0, id);
      seg.parts.splice(at + 1, 0, text);
    }
  }
  const written = new Map<number, StoredSegment>();
  const out: SegmentRef[] = [];
  for (const ref of next) {
    const seg = open.get(ref.id);
    if (!seg) {
      out.push(ref);
      continue;
    }
    if (seg.ids.length === 0) {
      removed.push(ref.id);
      continue;
    }
    if (seg.ids.length <= 2 * rows) {
      out.push({ id: ref.id, lo: seg.ids[0]!, n: seg.ids.length });
      written.set(ref.id, encodeSegment(seg));
      continue;
    }
    // Too large: split into segments of `rows`, the first keeping the id.
    for (let i = 0; i < seg.ids.length; i += rows) {
      const id = i === 0 ? ref.id : nextId();
      const part = { ids: seg.ids.slice(i, i + rows), parts: seg.parts.slice(i, i + rows) };
      out.push({ id, lo: part.ids[0]!, n: part.ids.length });
      written.set(id, encodeSegment(part));
    }
  }
  return { refs: out, written, removed };
}

/** A table given as its records' JSON texts already joined (segment texts, in order), for payloadJsonPieces. */
export interface WireTexts {
  count: number;
  texts: readonly string[];
}

export function isWireTexts(x: unknown): x is WireTexts {
  return !!x && typeof x === 'object' && !Array.isArray(x) && Array.isArray((x as WireTexts).texts);
}
