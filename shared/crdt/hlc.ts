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
export const REPLICA_ID_PATTERN = /^[0-9a-f]{16}$/;
export const STAMP_PATTERN = /^[0-9a-z]{9}-[0-9a-z]{4}-[0-9a-f]{16}$/;

export interface StampParts {
  millis: number;
  counter: number;
  replica: string;
}

export function formatStamp({ millis, counter, replica }: StampParts): Stamp {
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
    if (physical > this.millis) {
      this.millis = physical;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return this.current();
  }

  /** Merge a stamp seen from elsewhere so that later ticks sort after it. */
  receive(stamp: Stamp): void {
    const remote = parseStamp(stamp);
    const physical = this.now();
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
  }

  /** The last stamp issued or received (what to persist). */
  current(): Stamp {
    return formatStamp({ millis: this.millis, counter: this.counter, replica: this.replica });
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
