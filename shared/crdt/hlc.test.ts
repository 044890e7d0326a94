import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatStamp, HybridLogicalClock, newReplicaId, parseStamp, replicaOf } from './hlc';

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
});
