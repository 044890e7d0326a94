import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The French error map is installed by shared/validation/zod: a module taking z from 'zod' would bypass it. */
describe('one French error map', () => {
  it("every module takes z from shared/validation/zod, never straight from 'zod'", () => {
    const root = process.cwd();
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (name === 'node_modules' || name === 'dist') continue;
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name) && !p.endsWith(join('validation', 'zod.ts'))) {
          if (/^import\s+\{[^}]*\bz\b[^}]*\}\s+from\s+'zod'/m.test(readFileSync(p, 'utf8'))) offenders.push(p.slice(root.length + 1));
        }
      }
    };
    for (const d of ['shared', 'renderer', 'electron']) walk(join(root, d));
    expect(offenders).toEqual([]);
  });

});
