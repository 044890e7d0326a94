import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClockDriftError, ClockOverflowError, formatDuration, formatStamp, HybridLogicalClock, MAX_DRIFT_MS, MAX_MILLIS, newReplicaId, parseStamp, replicaOf, STAMP_PATTERN } from './hlc';

const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';

describe('hybrid logical clock', () => {
  it('formats fixed-width stamps that parse back', () => {
    const s = formatStamp({ millis: 1_763_856_000_000, counter: 7, replica: A });
    expect(s).toHaveLength(31);
    expect(parseStamp(s)).toEqual({ millis: 1_763_856_000_000, counter: 7, replica: A });
    expect(replicaOf(s)).toBe(A);
  });

  it('ticks strictly increase even when the wall clock stands still or goes back', () => {
    let now = 1000;
    const clock = new HybridLogicalClock(A, () => now);
    const a = clock.tick();
    const b = clock.tick();
    now = 500; // clock set back by the user
    const c = clock.tick();
    expect(a < b && b < c).toBe(true);
  });

  it('orders local events after every stamp received', () => {
    const clock = new HybridLogicalClock(A, () => 1000);
    const remote = formatStamp({ millis: 5000, counter: 3, replica: B });
    clock.receive(remote);
    expect(clock.tick() > remote).toBe(true);
  });

  it('resumes after the last persisted stamp', () => {
    const last = formatStamp({ millis: 9000, counter: 2, replica: A });
    const clock = new HybridLogicalClock(A, () => 1000, last);
    expect(clock.tick() > last).toBe(true);
  });

  it('rejects a malformed replica id or stamp with a French message', () => {
    expect(() => new HybridLogicalClock('xyz')).toThrow("Identifiant d'installation invalide");
    expect(() => parseStamp('pas-un-horodatage')).toThrow('Horodatage invalide');
  });

  it('makes 16-hex replica ids', () => {
    expect(newReplicaId()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('property: stamps from any interleaving of ticks and receives are strictly increasing per clock', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ tick: fc.constant(true), now: fc.integer({ min: 0, max: 10_000 }) }), fc.record({ tick: fc.constant(false), remoteMillis: fc.integer({ min: 0, max: 10_000 }), counter: fc.integer({ min: 0, max: 100 }) })), { maxLength: 60 }),
        (ops) => {
          let now = 0;
          const clock = new HybridLogicalClock(A, () => now);
          let last = '';
          for (const op of ops) {
            if (op.tick) {
              now = op.now;
              const s = clock.tick();
              expect(s > last).toBe(true);
              last = s;
            } else {
              const remote = formatStamp({ millis: op.remoteMillis, counter: op.counter, replica: B });
              clock.receive(remote);
              const s = clock.tick();
              expect(s > remote && s > last).toBe(true);
              last = s;
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a stamp further ahead of the wall clock than maxDrift, and stays where it was', () => {
    const now = 1_763_856_000_000;
    const clock = new HybridLogicalClock(A, () => now);
    const before = clock.current();
    const far = formatStamp({ millis: now + MAX_DRIFT_MS + 60_000, counter: 0, replica: B });
    expect(() => clock.receive(far, MAX_DRIFT_MS)).toThrow(ClockDriftError);
    expect(clock.current()).toBe(before);
    const largest = 'zzzzzzzzz-zzzz-bbbbbbbbbbbbbbbb';
    const err = (() => {
      try {
        clock.receive(largest, MAX_DRIFT_MS);
      } catch (e) {
        return e as ClockDriftError;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ClockDriftError);
    expect(err!.aheadMs).toBe(MAX_MILLIS - now);
    // Hours wrong is fine: the clock catches up.
    const hours = formatStamp({ millis: now + 10 * 3600_000, counter: 5, replica: B });
    clock.receive(hours, MAX_DRIFT_MS);
    expect(clock.tick() > hours).toBe(true);
  });

  it('never leaves its format: an exhausted counter at the last millisecond is refused, state unchanged', () => {
    const clock = new HybridLogicalClock(A, () => 0);
    const edge = formatStamp({ millis: MAX_MILLIS, counter: 36 ** 4 - 2, replica: B });
    clock.receive(edge); // counter now at its maximum
    const top = clock.current();
    expect(top).toMatch(STAMP_PATTERN);
    expect(() => clock.tick()).toThrow(ClockOverflowError);
    expect(() => clock.receive('zzzzzzzzz-zzzz-bbbbbbbbbbbbbbbb')).toThrow(ClockOverflowError);
    expect(clock.current()).toBe(top);
    expect(() => formatStamp({ millis: MAX_MILLIS + 1, counter: 0, replica: A })).toThrow(ClockOverflowError);
  });

  it('an exhausted counter borrows the next millisecond (still 31 characters)', () => {
    const clock = new HybridLogicalClock(A, () => 1000);
    clock.receive(formatStamp({ millis: 1000, counter: 36 ** 4 - 1, replica: B }));
    const s = clock.tick();
    expect(s).toMatch(STAMP_PATTERN);
    expect(parseStamp(s).millis).toBe(1001);
  });

  it('fork: a tried change is not seen by the original', () => {
    const clock = new HybridLogicalClock(A, () => 1000);
    const f = clock.fork();
    f.receive(formatStamp({ millis: 9000, counter: 0, replica: B }));
    expect(f.current() > clock.current()).toBe(true);
    expect(parseStamp(clock.current()).millis).toBe(0);
  });

  it('formats durations in French', () => {
    expect(formatDuration(40 * 60_000)).toBe('40 min');
    expect(formatDuration(5 * 3600_000 + 12 * 60_000)).toBe('5 h 12 min');
    expect(formatDuration(3 * 86_400_000 + 4 * 3600_000)).toBe('3 j 4 h');
  });
});
