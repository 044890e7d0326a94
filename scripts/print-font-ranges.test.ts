import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('print-font-ranges', () => {
  it('the committed printableRanges.generated.ts is what the shipped print fonts cover', () => {
    const r = spawnSync(process.execPath, [path.resolve(__dirname, 'print-font-ranges.mjs'), '--check'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Liberation \d+ code points, Noto Emoji \d+/);
  });
});
