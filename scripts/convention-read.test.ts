/**
 * The command on the three provided seeds, scored by the provided scorer (../shared/extraction/score.py):
 * F1 ≥ 0.9 on each. Conventions never seen are scored the same way, so the unit tests beside the extractor
 * (shared/extraction/*.test.ts) check the rules on synthetic variants too.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SEEDS = '/work/shared/seeds';
const KEYS = '/work/shared/extraction/answers';
const SCORER = '/work/shared/extraction/score.py';
const root = join(import.meta.dirname, '..');

function run(args: string[]): { stdout: string; code: number; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/convention-read.ts'), ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { stdout, code: 0, stderr: '' };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { stdout: err.stdout, code: err.status, stderr: err.stderr };
  }
}

describe('npm run convention:read -- FILE --json on the seeds', () => {
  const out = mkdtempSync(join(tmpdir(), 'convention-read-'));
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));

  it.each(seeds)('%s scores F1 ≥ 0.9 with score.py', (seed) => {
    const r = run([join(SEEDS, seed), '--json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as { document: string };
    expect(parsed.document).toBe(seed);
    const file = join(out, seed.replace(/\.txt$/, '.json'));
    writeFileSync(file, r.stdout);
    const report = execFileSync('python3', [SCORER, join(KEYS, seed.replace(/\.txt$/, '.json')), file], { encoding: 'utf8' });
    const f1 = Number(/F1\s*=\s*([\d.]+)/.exec(report)?.[1]);
    expect(f1, report).toBeGreaterThanOrEqual(0.9);
  });

  it('prints exactly one JSON object with --json', () => {
    const r = run([join(SEEDS, seeds[0]!), '--json']);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stdout.trim().startsWith('{') && r.stdout.trim().endsWith('}')).toBe(true);
  });

  it('refuses a document that is not a convention, in French, with exit code 1', () => {
    const f = join(out, 'courrier.txt');
    writeFileSync(f, 'Bonjour,\n\nVeuillez trouver ci-joint le compte rendu de la réunion du 3 mars.\n\nCordialement');
    const r = run([f, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/ne ressemble pas à une convention/);
  });
});
