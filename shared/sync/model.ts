/**
 * In-memory replica: the same export selection, merge planning and vector rules as the Dexie side, over
 * plain Maps. Used by the convergence property tests (and handy to reason about the protocol).
 */
import { HybridLogicalClock, type Stamp } from '../crdt/hlc';
import type { CrdtRecord } from '../crdt/record';
import { applyRecords, type ApplyResult, type MergeTarget } from './apply';
import { joinVectors, selectForPeer, vectorAfterImport, type VersionVector } from './vector';
import { lineNeedsSending, newLines, type HistoryLine } from './history';

export interface ModelBundle {
  id: string;
  from: string;
  vector: VersionVector;
  baseVector: VersionVector;
  tables: Record<string, CrdtRecord[]>;
  /** History lines the receiver may lack (same rule as the Dexie export: by the write's stamp). */
  history: HistoryLine[];
}

export class MemoryReplica implements MergeTarget {
  readonly tables = new Map<string, Map<string, CrdtRecord>>();
  readonly clock: HybridLogicalClock;
  /** Soundly known vector from imports (own writes are added from the clock at export time). */
  known: VersionVector = {};
  readonly peers = new Map<string, VersionVector>();
  readonly imported = new Set<string>();
  /** History lines by id (a set: each line once). */
  readonly history = new Map<string, HistoryLine>();
  private bundleSeq = 0;

  constructor(
    readonly id: string,
    now: () => number,
  ) {
    this.clock = new HybridLogicalClock(id, now);
  }

  table(name: string): Map<string, CrdtRecord> {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new Map()));
    return t;
  }

  async bulkGet(table: string, ids: string[]): Promise<(CrdtRecord | undefined)[]> {
    const t = this.table(table);
    return ids.map((id) => t.get(id));
  }

  async isEmpty(table: string): Promise<boolean> {
    return this.table(table).size === 0;
  }

  async bulkPut(table: string, records: CrdtRecord[]): Promise<void> {
    const t = this.table(table);
    for (const r of records) t.set(r.id, r);
  }

  ownVector(): VersionVector {
    return joinVectors(this.known, { [this.id]: this.clock.current() });
  }

  /** Delta for `peer` (judged from the last bundle received from it), or full when unknown / asked. */
  makeBundle(peer: string | null): ModelBundle {
    const base = peer ? (this.peers.get(peer) ?? {}) : {};
    const tables: Record<string, CrdtRecord[]> = {};
    for (const [name, t] of this.tables) {
      const sel = selectForPeer(name, t.values(), base);
      if (sel.length) tables[name] = sel;
    }
    const history = [...this.history.values()].filter((l) => lineNeedsSending(l, base));
    return { id: `${this.id}-${this.bundleSeq++}`, from: this.id, vector: this.ownVector(), baseVector: base, tables, history };
  }

  async importBundle(b: ModelBundle): Promise<ApplyResult | null> {
    if (b.from === this.id || this.imported.has(b.id)) return null;
    const result = await applyRecords(this, b.tables, { chunkSize: 7 });
    for (const l of newLines(b.history, new Set(this.history.keys()))) this.history.set(l.id, l);
    if (result.maxStamp) this.clock.receive(result.maxStamp as Stamp);
    this.known = vectorAfterImport(this.ownVector(), b);
    this.peers.set(b.from, joinVectors(this.peers.get(b.from) ?? {}, b.vector));
    this.imported.add(b.id);
    return result;
  }
}
