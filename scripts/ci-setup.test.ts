// .ci/setup.sh (the install step of .ci/run) on a machine where Chromium, poppler, fonts, Node 22 — or Node and
// npm altogether — are absent. Nothing is installed or removed for real: PATH holds only a few real tools
// (bash, env, mkdir, …) and fakes of apt-get, sudo, id, dpkg-query, npm and node that record their calls and
// "install" fakes in turn, as the real ones would.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..');
const setup = path.join(repo, '.ci', 'setup.sh');
const realTools = ['bash', 'sh', 'env', 'mkdir', 'uname', 'dirname', 'grep', 'cat', 'chmod', 'touch', 'cp', 'ln', 'rm'];

const fakes = {
  // Records every call with the uid and DEBIAN_FRONTEND it ran with; `install` drops fakes of what it installs.
  'apt-get': String.raw`#!/bin/bash
echo "apt-get uid=$(id -u) DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> "$FAKE_LOG"
[ "$1" = install ] || exit 0
for p in "$@"; do
  case "$p" in
    chromium) fake_tool chromium ;;
    poppler-utils) fake_tool pdftotext; fake_tool pdftoppm ;;
    fonts-*) touch "$FAKE_ROOT/dpkg/$p" ;;
    nodejs) fake_node "$FAKE_BIN/node" v20.19.2 ;;
    npm) cp "$FAKE_ROOT/npm.fake" "$FAKE_BIN/npm" ;;
  esac
done`,
  sudo: String.raw`#!/bin/bash
echo "sudo $*" >> "$FAKE_LOG"
FAKE_UID=0 exec "$@"`,
  id: String.raw`#!/bin/bash
if [ -n "$FAKE_UID" ]; then echo "$FAKE_UID"; else echo 0; fi`,
  'dpkg-query': String.raw`#!/bin/bash
for pkg; do :; done
if [ -e "$FAKE_ROOT/dpkg/$pkg" ]; then printf 'install ok installed'; else exit 1; fi`,
};

// Kept out of PATH until apt-get "installs" it. `npm install --prefix DIR spec…` lays out what the real one would:
// DIR/node_modules/<pkg>/… and the DIR/node_modules/.bin links.
const npmFake = String.raw`#!/bin/bash
echo "npm $*" >> "$FAKE_LOG"
[ "$1" = --version ] && { echo 9.2.0; exit 0; }
prefix=""; specs=""
while [ $# -gt 0 ]; do
  case "$1" in --prefix) prefix="$2"; shift ;; -*) ;; install) ;; *) specs="$specs $1" ;; esac
  shift
done
mods="$prefix/node_modules"; mkdir -p "$mods/.bin"
for spec in $specs; do
  case "$spec" in
    node@22)
      mkdir -p "$mods/node"
      ln -sf ../node/bin/node "$mods/.bin/node"
      # An npm that gates install scripts installs the package but not the binary its preinstall fetches.
      [ -n "$FAKE_NPM_BLOCKS_SCRIPTS" ] || fake_node "$mods/node/bin/node" v22.23.3 ;;
    node-linux-*@22)
      name=$(IFS=@; set -- $spec; echo "$1")
      fake_node "$mods/$name/bin/node" v22.23.5
      ln -sf "../$name/bin/node" "$mods/.bin/node" ;;
    npm@11)
      mkdir -p "$mods/npm/bin"
      printf '#!/bin/bash
echo "cache-npm $*" >> "$FAKE_LOG"
[ "$1" = --version ] && echo 11.19.1
' > "$mods/npm/bin/npm-cli.js"
      chmod +x "$mods/npm/bin/npm-cli.js"
      ln -sf ../npm/bin/npm-cli.js "$mods/.bin/npm" ;;
  esac
done`;

const helpers = String.raw`
fake_tool() { printf '#!/bin/bash\nexit 0\n' > "$FAKE_BIN/$1"; chmod +x "$FAKE_BIN/$1"; }
fake_node() { mkdir -p "$(dirname "$1")"; printf '#!/bin/bash\n[ "$1" = --version ] && echo %s\n' "$2" > "$1"; chmod +x "$1"; }
export -f fake_tool fake_node
`;

interface Machine {
  root: string;
  bin: string;
  log: string;
  nodeDir: string;
}

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function machine(has: { chromium?: boolean; poppler?: boolean; fonts?: boolean; node?: string; npm?: boolean; sudo?: boolean }): Machine {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-setup-'));
  made.push(root);
  const bin = path.join(root, 'bin');
  fs.mkdirSync(bin);
  fs.mkdirSync(path.join(root, 'dpkg'));
  for (const t of realTools) {
    const real = spawnSync('bash', ['-c', `command -v ${t}`], { encoding: 'utf8' }).stdout.trim();
    fs.symlinkSync(real, path.join(bin, t));
  }
  for (const [name, text] of Object.entries(fakes)) {
    if (name === 'sudo' && !has.sudo) continue;
    fs.writeFileSync(path.join(bin, name), text + '\n', { mode: 0o755 });
  }
  fs.writeFileSync(path.join(root, 'npm.fake'), npmFake + '\n', { mode: 0o755 });
  const tool = (name: string, text = '#!/bin/bash\nexit 0\n') => fs.writeFileSync(path.join(bin, name), text, { mode: 0o755 });
  if (has.chromium) tool('chromium');
  if (has.poppler) {
    tool('pdftotext');
    tool('pdftoppm');
  }
  if (has.fonts) for (const f of ['fonts-dejavu-core', 'fonts-liberation2']) fs.writeFileSync(path.join(root, 'dpkg', f), '');
  if (has.node) tool('node', `#!/bin/bash\n[ "$1" = --version ] && echo ${has.node}\n`);
  if (has.npm) fs.copyFileSync(path.join(root, 'npm.fake'), path.join(bin, 'npm'));
  return { root, bin, log: path.join(root, 'calls.log'), nodeDir: path.join(root, 'cache', 'node22') };
}

function runSetup(m: Machine, env: Record<string, string> = {}) {
  const script = `${helpers}\nset -euo pipefail\n. ${JSON.stringify(setup)}\nci_setup\necho "NODE=$(command -v node) $(node --version)"\necho "NPM=$(command -v npm)"`;
  const r = spawnSync('/bin/bash', ['-c', script], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: m.bin, HOME: m.root, FAKE_ROOT: m.root, FAKE_BIN: m.bin, FAKE_LOG: m.log, CI_NODE_DIR: m.nodeDir, ...env },
  });
  const calls = fs.existsSync(m.log) ? fs.readFileSync(m.log, 'utf8').trim().split('\n') : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls, node: /NODE=(\S+) (\S+)/.exec(r.stdout), npm: /NPM=(\S+)/.exec(r.stdout)?.[1] };
}

const debianAll = 'chromium poppler-utils fonts-dejavu-core fonts-liberation2';

describe('.ci/setup.sh: the install step of .ci/run', () => {
  it('bare machine as root (no Chromium, poppler, fonts, node or npm): one apt-get update + install, then Node 22 from the registry', () => {
    const m = machine({});
    const r = runSetup(m);
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls.filter((c) => c.startsWith('apt-get'))).toEqual([
      'apt-get uid=0 DEBIAN_FRONTEND= update -qq',
      `apt-get uid=0 DEBIAN_FRONTEND=noninteractive install -y -qq ${debianAll} nodejs npm`,
    ]);
    expect(r.calls.some((c) => c.startsWith('npm install --prefix ' + m.nodeDir) && c.endsWith(' node@22 npm@11'))).toBe(true);
    // node and npm of the cache folder first on PATH: npm ci / npm test run on Node 22 with npm 11, not Debian's.
    expect(r.node?.[1]).toBe(path.join(m.nodeDir, 'node_modules', '.bin', 'node'));
    expect(r.node?.[2]).toBe('v22.23.3');
    expect(r.npm).toBe(path.join(m.nodeDir, 'node_modules', '.bin', 'npm'));
    expect(r.stderr).not.toContain('command not found');
  });

  it('not root: apt-get goes through sudo, DEBIAN_FRONTEND passed by env (no « DEBIAN_FRONTEND=…: command not found »)', () => {
    const m = machine({ sudo: true, npm: true, node: 'v22.23.3' });
    const r = runSetup(m, { FAKE_UID: '1000' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls).toEqual([
      'sudo apt-get update -qq',
      'apt-get uid=0 DEBIAN_FRONTEND= update -qq',
      `sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${debianAll}`,
      `apt-get uid=0 DEBIAN_FRONTEND=noninteractive install -y -qq ${debianAll}`,
      'npm --version',
    ]);
  });

  it('not root and no sudo: stops with a clear message', () => {
    const m = machine({ npm: true, node: 'v22.23.3' });
    const r = runSetup(m, { FAKE_UID: '1000' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('il faut être root (ou avoir sudo) pour installer');
    expect(r.calls).toEqual([]);
  });

  it('an npm that blocks install scripts: falls back to the platform package node-linux-<arch>@22', () => {
    const m = machine({ chromium: true, poppler: true, fonts: true, npm: true, node: 'v20.19.2' });
    const r = runSetup(m, { FAKE_NPM_BLOCKS_SCRIPTS: '1' });
    expect(r.status, r.stderr).toBe(0);
    const installs = r.calls.filter((c) => c.startsWith('npm install'));
    expect(installs).toHaveLength(2);
    expect(installs[0]).toMatch(/ --foreground-scripts .* node@22 npm@11$/);
    expect(installs[1]).toMatch(/ --ignore-scripts .* node-linux-[a-z0-9]+@22 npm@11$/);
    expect(fs.readlinkSync(path.join(m.nodeDir, 'node_modules', '.bin', 'node'))).toMatch(/^\.\.\/node-linux-[a-z0-9]+\/bin\/node$/);
    // The bin-less `node` package of the first try is gone (clean folder: no clashing bin links).
    expect(fs.existsSync(path.join(m.nodeDir, 'node_modules', 'node'))).toBe(false);
    expect(r.node?.[2]).toBe('v22.23.5');
  });

  it('Node 20 (or 22 older than 22.13) with npm: only Node 22 is fetched, and a second run reuses the cache', () => {
    for (const old of ['v20.19.2', 'v22.12.0']) {
      const m = machine({ chromium: true, poppler: true, fonts: true, npm: true, node: old });
      const first = runSetup(m);
      expect(first.status, first.stderr).toBe(0);
      expect(first.calls.some((c) => c.startsWith('apt-get'))).toBe(false);
      expect(first.node?.[2]).toBe('v22.23.3');
      fs.rmSync(m.log);
      const second = runSetup(m);
      expect(second.calls.some((c) => c.startsWith('npm install'))).toBe(false);
      expect(second.node?.[2]).toBe('v22.23.3');
      // From then on npm is the cache folder's npm 11, run by Node 22.
      expect(second.calls).toEqual(['cache-npm --version']);
    }
  });

  it('everything already there: installs nothing and keeps the machine’s Node 22', () => {
    const m = machine({ chromium: true, poppler: true, fonts: true, npm: true, node: 'v22.23.3' });
    const r = runSetup(m);
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls).toEqual(['npm --version']);
    expect(r.node?.[1]).toBe(path.join(m.bin, 'node'));
  });

  it('CHROMIUM_PATH set: Debian chromium is not needed', () => {
    const m = machine({ poppler: true, fonts: true, npm: true, node: 'v22.23.3' });
    const r = runSetup(m, { CHROMIUM_PATH: '/opt/chrome/chrome' });
    expect(r.calls.some((c) => c.startsWith('apt-get'))).toBe(false);
  });
});

describe('Node version: package.json, .nvmrc, .ci/setup.sh and the lockfile agree', () => {
  // semver comes with npm's own dependency tree (no types of its own): only these two calls are used.
  const semver = createRequire(import.meta.url)('semver') as {
    minVersion(range: string): { version: string; major: number; minor: number } | null;
    satisfies(version: string, range: string): boolean;
  };
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(fs.readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } | string[] }>;
  };
  const min = semver.minVersion(pkg.engines.node);

  it('engines.node is Node 22, and its lowest version is accepted by every locked package (no EBADENGINE)', () => {
    expect(min?.major).toBe(22);
    const refused = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node && !semver.satisfies(min!.version, p.engines.node))
      .map(([name, p]) => `${name} wants node ${(p.engines as { node: string }).node}`);
    expect(refused, 'raise engines.node in package.json and CI_NODE_MIN in .ci/setup.sh').toEqual([]);
  });

  it('.nvmrc says 22 and .ci/setup.sh installs at least engines.node', () => {
    expect(fs.readFileSync(path.join(repo, '.nvmrc'), 'utf8').trim()).toBe('22');
    const ciMin = /^CI_NODE_MIN="(\d+) (\d+)"$/m.exec(fs.readFileSync(setup, 'utf8'));
    expect(ciMin && [Number(ciMin[1]), Number(ciMin[2])]).toEqual([min!.major, min!.minor]);
  });

  it('.ci/run: sets up before npm ci, fails on EBADENGINE, then runs the README test command', () => {
    const run = fs.readFileSync(path.join(repo, '.ci', 'run'), 'utf8');
    expect(run).not.toMatch(/\$SUDO\s+DEBIAN_FRONTEND=/);
    const order = [/^ci_setup$/m, /^npm ci /m, /grep -q EBADENGINE/, /^npm test$/m].map((re) => run.search(re));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
