// scripts/setup.mjs (pre-script of npm start / npm run web / npm test), run on a copy of the project root with a
// fake npm CLI that records its arguments.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function project(engines: string, installed: string[] | 'none') {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'setup mjs '));
  made.push(root);
  fs.mkdirSync(path.join(root, 'scripts'));
  fs.copyFileSync(path.join(__dirname, 'setup.mjs'), path.join(root, 'scripts', 'setup.mjs'));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ engines: { node: engines }, dependencies: { zod: '^4' }, devDependencies: { vite: '^8' } }));
  if (installed !== 'none') {
    fs.mkdirSync(path.join(root, 'node_modules'));
    fs.writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), '{}');
    for (const d of installed) {
      fs.mkdirSync(path.join(root, 'node_modules', d));
      fs.writeFileSync(path.join(root, 'node_modules', d, 'package.json'), '{}');
    }
  }
  const npmCli = path.join(root, 'fake-npm-cli.cjs');
  fs.writeFileSync(npmCli, `require('fs').writeFileSync(${JSON.stringify(path.join(root, 'npm-args.json'))}, JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd() }));`);
  const run = () => spawnSync(process.execPath, [path.join(root, 'scripts', 'setup.mjs')], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, npm_execpath: npmCli } });
  const npmCall = () => {
    const f = path.join(root, 'npm-args.json');
    return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, 'utf8')) as { args: string[]; cwd: string }) : null;
  };
  return { root, run, npmCall };
}

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);

describe('scripts/setup.mjs: the set-up done by npm start / npm test on a fresh clone', () => {
  it('fresh clone (no node_modules): runs npm ci at the root, through npm’s own CLI (no shell; path with spaces)', () => {
    const p = project(`>=${major}.0.0`, 'none');
    const r = p.run();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('installation des dépendances (npm ci)');
    expect(p.npmCall()).toEqual({ args: ['ci', '--no-audit', '--no-fund'], cwd: p.root });
  });

  it('a dependency missing from node_modules: npm ci too', () => {
    const p = project(`>=${major}.0.0`, ['zod']);
    expect(p.run().status).toBe(0);
    expect(p.npmCall()?.args[0]).toBe('ci');
  });

  it('dependencies there: does nothing', () => {
    const p = project(`>=${major}.0.0`, ['zod', 'vite']);
    const r = p.run();
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(p.npmCall()).toBeNull();
  });

  it('Node older than engines: a French message saying how to get Node 22, non-zero exit, nothing installed', () => {
    const p = project(`>=${major}.${minor + 1}.0`, 'none');
    const r = p.run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Ce projet demande Node.js ${major} (version ${major}.${minor + 1} au moins, voir .nvmrc)`);
    expect(r.stderr).toContain(`npm install --prefix ~/.node${major} node@${major}`);
    expect(p.npmCall()).toBeNull();
  });
});
