import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..');
const scan = (root: string) => spawnSync(process.execPath, [path.join(repo, 'scripts/security-scan.mjs'), '--root', root], { encoding: 'utf8', timeout: 60_000 });

let fixture: string;
beforeEach(() => {
  // A copy of the shell as it is, to which each test adds one weakness.
  fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-fixture-'));
  fs.cpSync(path.join(repo, 'electron'), path.join(fixture, 'electron'), { recursive: true });
  fs.mkdirSync(path.join(fixture, 'renderer'));
  fs.copyFileSync(path.join(repo, 'renderer/index.html'), path.join(fixture, 'renderer/index.html'));
  fs.copyFileSync(path.join(repo, 'package.json'), path.join(fixture, 'package.json'));
  fs.copyFileSync(path.join(repo, 'electronegativity.json'), path.join(fixture, 'electronegativity.json'));
});
afterEach(() => fs.rmSync(fixture, { recursive: true, force: true }));

const edit = (rel: string, from: string, to: string) => {
  const file = path.join(fixture, rel);
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
};

describe('security scan (Electronegativity)', () => {
  it('passes on the shell as committed, offline', () => {
    const r = scan(fixture);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Analyse de sécurité : OK.');
    expect(r.status).toBe(0);
  });

  it('fails on a new finding: sandbox and context isolation turned off', () => {
    edit('electron/window.ts', 'sandbox: true', 'sandbox: false');
    edit('electron/window.ts', 'contextIsolation: true', 'contextIsolation: false');
    const r = scan(fixture);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/NON JUSTIFIÉ {2}SANDBOX_JS_CHECK {2}electron\/window\.ts:\d+/);
    expect(r.stderr).toMatch(/NON JUSTIFIÉ {2}CONTEXT_ISOLATION_JS_CHECK/);
  });

  it('fails when the CSP changes, even though the old one was justified', () => {
    edit('renderer/index.html', "script-src 'self'", "script-src 'self' 'unsafe-eval'");
    const r = scan(fixture);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('NON JUSTIFIÉ  CSP_GLOBAL_CHECK  renderer/index.html');
  });

  it('fails on a new openExternal call', () => {
    fs.writeFileSync(path.join(fixture, 'electron/links.ts'), "import { shell } from 'electron';\nexport const open = (u: string) => shell.openExternal(u);\n");
    const r = scan(fixture);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('OPEN_EXTERNAL_JS_CHECK  electron/links.ts');
  });
});
