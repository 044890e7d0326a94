/** A small deterministic random generator for the list tests: the same base every run. */
export function seeded(seed: number): { rnd: () => number; pick: <T>(xs: readonly T[]) => T } {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  return { rnd, pick: (xs) => xs[Math.floor(rnd() * xs.length)]! };
}
