/**
 * Hybrid logical clock (after Kulkarni et al. and Actual Budget's `timestamp.ts`).
 *
 * A stamp is a fixed-width string whose lexicographic order is the causal-then-replica order:
 *   `${millis base36, 9 chars}-${counter base36, 4 chars}-${replica id, 16 hex chars}`
 * Fixed width lets IndexedDB and plain `<` compare stamps without parsing.
 */
export type Stamp = string;

const MILLIS_WIDTH = 9;
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
/** Largest millis the 9 base-36 digits hold (year 5188): the clock refuses to go past it rather than widen. */
export const MAX_MILLIS = 36 ** MILLIS_WIDTH - 1;
/**
 * How far ahead of this workstation's wall clock a received stamp may be (Actual Budget's `maxDrift`, there a
 * minute for live sync). Bundles travel offline between PCs whose clocks may be set hours wrong (time zone,
 * daylight saving, a BIOS clock reset to the wrong day): 3 days is generous for that, and a stamp further ahead
 * is a broken clock or a hostile file, which would otherwise drag every receiving clock there for good.
 */
export const MAX_DRIFT_MS = 72 * 3600 * 1000;
export const REPLICA_ID_PATTERN = /^[0-9a-f]{16}$/;
export const STAMP_PATTERN = /^[0-9a-z]{9}-[0-9a-z]{4}-[0-9a-f]{16}$/;

export interface StampParts {
  millis: number;
  counter: number;
  replica: string;
}

/** A received stamp too far ahead of the local wall clock (see MAX_DRIFT_MS). */
export class ClockDriftError extends Error {
  constructor(
    readonly stamp: Stamp,
    /** How far ahead of the local wall clock, in milliseconds. */
    readonly aheadMs: number,
  ) {
    super(`Horodatage trop en avance sur l'horloge de ce poste (${formatDuration(aheadMs)}) : ${stamp}`);
    this.name = 'ClockDriftError';
  }
}

/** The clock cannot go further without leaving its fixed-width format. */
export class ClockOverflowError extends Error {
  constructor() {
    super("L'horloge de synchronisation de ce poste est saturée : aucune modification ne peut plus être horodatée.");
    this.name = 'ClockOverflowError';
  }
}

/** « 3 j 4 h », « 5 h 12 min », « 40 min » — for messages about clocks. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return `${d} j${h ? ` ${h} h` : ''}`;
  if (h > 0) return `${h} h${m ? ` ${m} min` : ''}`;
  return `${m} min`;
}

export function formatStamp({ millis, counter, replica }: StampParts): Stamp {
  if (!Number.isSafeInteger(millis) || millis < 0 || millis > MAX_MILLIS || counter < 0 || counter > MAX_COUNTER) throw new ClockOverflowError();
  return `${millis.toString(36).padStart(MILLIS_WIDTH, '0')}-${counter
    .toString(36)
    .padStart(COUNTER_WIDTH, '0')}-${replica}`;
}

export function parseStamp(stamp: Stamp): StampParts {
  if (!STAMP_PATTERN.test(stamp)) throw new Error(`Horodatage invalide : ${stamp}`);
  return {
    millis: parseInt(stamp.slice(0, MILLIS_WIDTH), 36),
    counter: parseInt(stamp.slice(MILLIS_WIDTH + 1, MILLIS_WIDTH + 1 + COUNTER_WIDTH), 36),
    replica: stamp.slice(MILLIS_WIDTH + COUNTER_WIDTH + 2),
  };
}

export function replicaOf(stamp: Stamp): string {
  return stamp.slice(MILLIS_WIDTH + COUNTER_WIDTH + 2);
}

export function millisOf(stamp: Stamp): number {
  return parseInt(stamp.slice(0, MILLIS_WIDTH), 36);
}

/** Random 64-bit replica id as 16 hex chars (WebCrypto is in browsers and Node ≥ 19). */
export function newReplicaId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class HybridLogicalClock {
  private millis = 0;
  private counter = 0;

  constructor(
    readonly replica: string,
    private readonly now: () => number = Date.now,
    last?: Stamp,
  ) {
    if (!REPLICA_ID_PATTERN.test(replica)) throw new Error(`Identifiant d'installation invalide : ${replica}`);
    if (last) this.receive(last);
  }

  /** A new stamp for a local event, greater than every stamp issued or received so far. */
  tick(): Stamp {
    const physical = this.now();
    const [millis, counter] = [this.millis, this.counter];
    if (physical > this.millis) {
      this.millis = physical;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return this.commit(millis, counter);
  }

  /**
   * Merge a stamp seen from elsewhere so that later ticks sort after it. With `maxDrift`, a stamp further ahead
   * of the wall clock is refused (ClockDriftError) and the clock is left as it was.
   */
  receive(stamp: Stamp, maxDrift?: number): void {
    const remote = parseStamp(stamp);
    const physical = this.now();
    if (maxDrift !== undefined && remote.millis - physical > maxDrift) throw new ClockDriftError(stamp, remote.millis - physical);
    const [millis, counter] = [this.millis, this.counter];
    const maxMillis = Math.max(this.millis, remote.millis, physical);
    if (maxMillis === this.millis && maxMillis === remote.millis) {
      this.counter = Math.max(this.counter, remote.counter);
      this.bumpCounter();
    } else if (maxMillis === this.millis) {
      this.bumpCounter();
    } else if (maxMillis === remote.millis) {
      this.millis = remote.millis;
      this.counter = remote.counter;
      this.bumpCounter();
    } else {
      this.millis = physical;
      this.counter = 0;
    }
    this.commit(millis, counter);
  }

  /** A copy to try a change on (an import that may still roll back), adopted only if it commits. */
  fork(): HybridLogicalClock {
    const copy = new HybridLogicalClock(this.replica, this.now);
    copy.millis = this.millis;
    copy.counter = this.counter;
    return copy;
  }

  /** The last stamp issued or received (what to persist). */
  current(): Stamp {
    return formatStamp({ millis: this.millis, counter: this.counter, replica: this.replica });
  }

  /** Never leave the format: a state that would not format is undone and refused. */
  private commit(millis: number, counter: number): Stamp {
    try {
      return this.current();
    } catch (e) {
      this.millis = millis;
      this.counter = counter;
      throw e;
    }
  }

  private bumpCounter(): void {
    if (this.counter >= MAX_COUNTER) {
      // Counter exhausted within one millisecond: borrow the next millisecond rather than wrap.
      this.millis += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
