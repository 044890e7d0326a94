// electron-builder.yml is checked against electron-builder's own JSON schema (app-builder-lib/scheme.json),
// then for the choices issue 2 asks for: Windows NSIS, per user, French, icon from assets/, .mcpsync association.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { BUNDLE_EXTENSION } from '../shared/ipc/contract';
import { APP_USER_MODEL_ID } from './dataLocation';

const repo = path.resolve(__dirname, '..');
const require = createRequire(import.meta.url);
const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Record<string, unknown>;
const config = yaml.load(fs.readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form YAML, checked by the schema below

function validate(value: unknown) {
  // electron-builder's schema uses a few non-standard keywords (e.g. tsType): allowed, not enforced.
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(schema);
  return { valid: check(value), errors: check.errors ?? [] };
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's JSON schema", () => {
    const { valid, errors } = validate(config);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check really catches mistakes', () => {
    expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'non' } }).valid).toBe(false);
    expect(validate({ ...config, nsiss: {} }).valid).toBe(false);
    expect(validate({ ...config, fileAssociations: [{ ext: 'mcpsync', nom: 'x' }] }).valid).toBe(false);
  });

  it('builds a per-user French NSIS installer with the app icon and the bundle file association', () => {
    expect(config.appId).toBe('fr.caf.partenaires-mcp');
    expect(config.productName).toBe('Partenaires MCP');
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ perMachine: false, language: '1036', installerLanguages: ['fr_FR'], deleteAppDataOnUninstall: false });
    // The taskbar id the app sets (app.setAppUserModelId) is the one the installer's shortcuts carry.
    expect(config.appId).toBe(APP_USER_MODEL_ID);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: BUNDLE_EXTENSION, description: expect.stringMatching(/synchronisation/) })]);
    for (const icon of [config.icon, config.win.icon, config.nsis.installerIcon, config.fileAssociations[0].icon]) {
      expect(fs.existsSync(path.join(repo, icon))).toBe(true);
    }
    // 256×256 PNG, the size electron-builder needs for Windows.
    const png = fs.readFileSync(path.join(repo, 'assets/icon.png'));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256]);
    // The packaged app starts from the bundle the build writes.
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { main: string; productName: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.productName).toBe(config.productName);
    expect(config.files).toContain('dist/electron/**/*');
  });
});

describe('NSIS: a per-user install that is only that', () => {
  it('one-click per user: no « all users / just me » page, no folder choice, no elevation', () => {
    expect(config.nsis.oneClick).toBe(true);
    expect(config.nsis.perMachine).toBe(false);
    // Assisted-installer options have no place here (they would bring the pages back if oneClick changed).
    for (const key of ['allowToChangeInstallationDirectory', 'allowElevation', 'selectPerMachineByDefault']) expect(config.nsis).not.toHaveProperty(key);
    expect(config.nsis.installerHeaderIcon).toBe('assets/icon.ico');
  });
});

describe('packaged file list (electron-builder’s own matcher on a real build)', () => {
  const requireCjs = createRequire(import.meta.url);
  const { FileMatcher } = requireCjs('app-builder-lib/out/fileMatcher') as {
    FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => { createFilter(): (file: string, stat: fs.Stats) => boolean };
  };

  // A real vite build plus electron-builder's matcher: minutes on a loaded 2-core machine.
  it('ships the app (index.html, its chunks, main and preload) but not bench.html, its chunk, source maps or node_modules', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'packaged-'));
    try {
      const vite = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', path.join(project, 'dist', 'renderer'), '--emptyOutDir', '--logLevel', 'error'], { cwd: repo, encoding: 'utf8' });
      expect(vite.status, vite.stderr).toBe(0);
      const esb = spawnSync(process.execPath, [path.join(repo, 'scripts/build-electron.mjs'), '--outdir', path.join(project, 'dist', 'electron')], { cwd: repo, encoding: 'utf8' });
      expect(esb.status, esb.stderr).toBe(0);
      fs.copyFileSync(path.join(repo, 'package.json'), path.join(project, 'package.json'));
      fs.mkdirSync(path.join(project, 'node_modules', 'zod'), { recursive: true });
      fs.writeFileSync(path.join(project, 'node_modules', 'zod', 'index.js'), '');

      const accept = new FileMatcher(project, '/', (x) => x, config.files as string[]).createFilter();
      const all: string[] = [];
      const packaged: string[] = [];
      const walk = (dir: string) => {
        for (const name of fs.readdirSync(dir)) {
          const full = path.join(dir, name);
          const stat = fs.statSync(full);
          const rel = path.relative(project, full).split(path.sep).join('/');
          if (stat.isDirectory()) walk(full);
          else {
            all.push(rel);
            if (accept(full, stat)) packaged.push(rel);
          }
        }
      };
      walk(project);
      expect(all).toContain('dist/renderer/bench.html');
      expect(packaged).toEqual(expect.arrayContaining(['package.json', 'dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/preload.cjs']));
      expect(packaged.filter((f) => /bench|\.map$|node_modules/.test(f))).toEqual([]);
      // Nothing left out is needed: no packaged file names a file that is not packaged.
      const left = all.filter((f) => f.startsWith('dist/renderer/') && !packaged.includes(f)).map((f) => path.basename(f));
      for (const f of packaged.filter((p) => /\.(html|js|css)$/.test(p))) {
        const text = fs.readFileSync(path.join(project, f), 'utf8');
        expect(left.filter((l) => text.includes(l)), f).toEqual([]);
      }
      // The app's own chunks are there (index.html's scripts and styles).
      const index = fs.readFileSync(path.join(project, 'dist/renderer/index.html'), 'utf8');
      for (const [, ref] of index.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) expect(packaged).toContain(`dist/renderer/${ref}`);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  }, 600_000);
});
