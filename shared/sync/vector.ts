/**
 * Version vectors: per replica, the greatest stamp of that replica's writes a replica is known to have seen
 * *with everything before it*. Such a vector is only ever advanced soundly (see `vectorAfterImport`), so a
 * delta judged against it never leaves a hole: records whose every field stamp it covers are already known.
 */
import { replicaOf, type Stamp } from '../crdt/hlc';
import type { CrdtRecord } from '../crdt/record';

export type VersionVector = Record<string, Stamp>;

export function covered(vector: VersionVector, stamp: Stamp): boolean {
  const seen = vector[replicaOf(stamp)];
  return seen !== undefined && seen >= stamp;
}

export function joinVectors(...vectors: VersionVector[]): VersionVector {
  const out: VersionVector = {};
  for (const v of vectors) {
    for (const [r, s] of Object.entries(v)) {
      const prev = out[r];
      if (prev === undefined || s > prev) out[r] = s;
    }
  }
  return out;
}

/** Pointwise minimum: what every one of these peers is known to have seen (a replica missing from one is absent). */
export function meetVectors(vectors: VersionVector[]): VersionVector {
  const [first, ...rest] = vectors;
  if (!first) return {};
  const out: VersionVector = {};
  for (const [r, s] of Object.entries(first)) {
    let min = s;
    let everywhere = true;
    for (const v of rest) {
      const o = v[r];
      if (o === undefined) {
        everywhere = false;
        break;
      }
      if (o < min) min = o;
    }
    if (everywhere) out[r] = min;
  }
  return out;
}

export function dominates(a: VersionVector, b: VersionVector): boolean {
  return Object.entries(b).every(([r, s]) => {
    const o = a[r];
    return o !== undefined && o >= s;
  });
}

export function maxStampOfVector(v: VersionVector): Stamp {
  let max = '';
  for (const s of Object.values(v)) if (s > max) max = s;
  return max;
}

/**
 * Tables whose records always travel whole: a conflict record is stamped with the *loser's* old stamp (so
 * every replica that detects it makes the same record), so a version vector cannot tell whether a peer has it.
 */
export const ALWAYS_SENT_TABLES: ReadonlySet<string> = new Set(['conflicts']);

/** Does the peer (known to have seen `base`) lack anything of this record? */
export function needsSending(table: string, record: CrdtRecord, base: VersionVector): boolean {
  if (ALWAYS_SENT_TABLES.has(table)) return true;
  for (const meta of Object.values(record._m)) if (!covered(base, meta.s)) return true;
  return false;
}

/**
 * The receiver's own vector after merging a bundle. A full bundle (empty base) is the sender's whole state, so
 * the receiver now knows all the sender knew. A delta only completes that knowledge if the receiver had
 * already seen everything the delta left out (its vector dominates the delta's base); otherwise the data is
 * merged all the same but the vector is not advanced (a later bundle will fill the gap).
 */
export function vectorAfterImport(own: VersionVector, header: { vector: VersionVector; baseVector: VersionVector }): VersionVector {
  return dominates(own, header.baseVector) ? joinVectors(own, header.vector) : own;
}

/** The records of one table a peer known to have seen `base` lacks (all of them for an empty base). */
export function selectForPeer(table: string, records: Iterable<CrdtRecord>, base: VersionVector): CrdtRecord[] {
  const out: CrdtRecord[] = [];
  const full = Object.keys(base).length === 0;
  for (const r of records) if (full || needsSending(table, r, base)) out.push(r);
  return out;
}
