import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const script = path.resolve(__dirname, 'start.mjs');
const start = (env: Record<string, string | undefined>) =>
  spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ...env } });

describe('npm start', () => {
  it('without the Electron runtime: a French message pointing to npm run web, non-zero exit, quickly', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-electron-'));
    const started = Date.now();
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Le moteur Electron n'est pas installé sur cette machine");
    expect(r.stderr).toContain('npm run web');
    fs.rmSync(empty, { recursive: true });
  });

  it('finds the runtime where it exists', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-'));
    const recorded = path.join(__dirname, '..', 'node_modules', 'electron', 'path.txt');
    const name = fs.existsSync(recorded) ? fs.readFileSync(recorded, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : 'electron';
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), '');
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: dir });
    expect(r.stdout).toContain(`Electron : ${path.join(dir, name)}`);
    expect(r.status).toBe(0);
    fs.rmSync(dir, { recursive: true });
  });

  it.skipIf(process.platform === 'win32')('launches with no shell: build through npm’s own CLI, then Electron from a path with spaces', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'Jean Dupont electron '));
    const launched = path.join(dir, 'launched.txt');
    fs.writeFileSync(path.join(dir, 'electron'), `#!/bin/sh\necho "$PWD|$*" > "${launched}"\n`, { mode: 0o755 });
    const npmArgs = path.join(dir, 'npm-args.json');
    const npmCli = path.join(dir, 'fake npm-cli.cjs');
    fs.writeFileSync(npmCli, `require('fs').writeFileSync(${JSON.stringify(npmArgs)}, JSON.stringify(process.argv.slice(2)));`);
    const r = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', npm_execpath: npmCli },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(npmArgs, 'utf8'))).toEqual(['run', 'build']);
    expect(fs.readFileSync(launched, 'utf8').trim()).toBe(`${path.resolve(__dirname, '..')}|.`);
    expect(r.stderr).not.toContain('DEP0190');
    expect(fs.readFileSync(script, 'utf8')).not.toMatch(/shell\s*:/);
    fs.rmSync(dir, { recursive: true });
  });
});
