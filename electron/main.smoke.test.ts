// The BUILT main process (dist bundle from scripts/build-electron.mjs), run under Node against a fake
// `electron` module (electron/testing/fake-electron.cjs): checks the wiring main.ts does — scheme registered
// before ready, hardened window, app:// served with its CSP, IPC guarded, menu, permissions, quit handshake.
// The real runtime is exercised by e2e/electron/app.spec.ts where it exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcChannels } from '../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from './security';

const repo = path.resolve(__dirname, '..');
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'main-smoke-'));
  const build = spawnSync(process.execPath, [path.join(repo, 'scripts/build-electron.mjs'), '--outdir', path.join(tmp, 'app', 'electron')], { encoding: 'utf8', cwd: repo });
  expect(build.status, build.stderr).toBe(0);
  fs.mkdirSync(path.join(tmp, 'app', 'renderer'));
  fs.writeFileSync(path.join(tmp, 'app', 'renderer', 'index.html'), '<!doctype html><title>Partenaires MCP</title>');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function runMain(env: Record<string, string> = {}, bundle = 'main.cjs', extra: string[] = []) {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'testing/run-main.cjs'), path.join(tmp, 'app', 'electron', bundle), ...extra], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, FAKE_APPDATA: path.join(tmp, 'appdata'), PARTENAIRES_USER_DATA_DIR: '', ...env },
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('@@REPORT@@'));
  expect(line, `${r.stdout}\n${r.stderr}`).toBeDefined();
  return JSON.parse(line!.slice('@@REPORT@@'.length)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON report of the child process
}

describe('built main process against a fake Electron', () => {
  it('wires the hardened shell', () => {
    const report = runMain();
    const calls = report.calls as [string, ...unknown[]][];
    const names = calls.map((c) => c[0]);
    // userData pinned to the product name; scheme privileged and sandbox enabled before ready.
    expect(calls).toContainEqual(['app.setPath', 'userData', path.join(tmp, 'appdata', 'Partenaires MCP')]);
    expect(calls).toContainEqual(['protocol.registerSchemesAsPrivileged', [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }], false]);
    expect(calls).toContainEqual(['app.enableSandbox', false]);
    expect(names.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(names.indexOf('protocol.handle'));
    const win = calls.find((c) => c[0] === 'new BrowserWindow')?.[1] as { webPreferences: Record<string, unknown> };
    expect(win.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: path.join(tmp, 'app', 'electron', 'preload.cjs'),
    });
    expect(calls).toContainEqual(['loadURL', 'app://partenaires/index.html']);
    expect(report.index).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, body: '<!doctype html><title>Partenaires MCP</title>' });
    expect(report.traversal).toBe(404);
    // IPC: every channel of the contract, sender checked, arguments validated.
    expect(report.channels).toEqual(Object.keys(ipcChannels).sort());
    // Only our guarded before-quit answer listens; electron-store's own channel is closed.
    expect(report.listeners).toEqual(['app:before-quit-done']);
    expect(report.settingsGet.ok).toBe(true);
    expect(report.settingsGet.value.replicaId).toMatch(/^[0-9a-f]{16}$/);
    expect(report.settingsGet.value.backups.folder).toBe(path.join(tmp, 'appdata', 'Partenaires MCP', 'Sauvegardes'));
    expect(report.forbidden).toEqual({ ok: false, error: { code: 'forbidden-sender', message: "Appel refusé : il ne vient pas d'une page de l'application." } });
    expect(report.badArgs).toEqual({
      ok: false,
      error: { code: 'invalid-arguments', message: "Paramètre refusé — Nom de l'utilisateur : Valeur invalide : un texte est attendu." },
    });
    expect(report.menu).toEqual(['Fichier', 'Édition', 'Affichage', 'Synchronisation', 'Aide']);
    expect(report.mediaGranted).toBe(false);
    expect(report.windowOpen).toEqual({ action: 'deny' });
    // Settings file written in userData.
    expect(fs.existsSync(path.join(tmp, 'appdata', 'Partenaires MCP', 'config.json'))).toBe(true);
    // Quit waits for the renderer's answer.
    expect(report.quitAsked).toBe(true);
    expect(report.quitBeforeAnswer).toBe(0);
    expect(report.quitAfterAnswer).toBe(1);
  });

  it('a second instance forwards its bundle path and quits without opening a window', () => {
    const report = runMain({ FAKE_SECOND_INSTANCE: '1' });
    const calls = report.calls as [string, ...unknown[]][];
    expect(calls).toContainEqual(['app.requestSingleInstanceLock', { bundle: null }]);
    expect(calls.map((c) => c[0])).toContain('app.quit');
    expect(report.windows).toBe(0);
  });

  it('the built preload exposes one object with four functions and validates before sending', () => {
    const report = runMain({}, 'preload.cjs', ['--preload']);
    const calls = report.calls as [string, ...unknown[]][];
    expect(calls.filter((c) => c[0] === 'contextBridge.exposeInMainWorld')).toEqual([
      ['contextBridge.exposeInMainWorld', 'partenaires', ['invoke', 'onBeforeQuit', 'onFileOpened', 'onMenuCommand']],
    ]);
    expect(report.refused).toEqual({ ok: false, error: { code: 'invalid-arguments', message: 'Arguments invalides pour « folder:read » — argument 2 : Nom de fichier invalide.' } });
    expect(calls.filter((c) => c[0] === 'ipcRenderer.invoke')).toEqual([['ipcRenderer.invoke', 'app:info']]);
  });
});
