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
    // userData pinned to the product name — an unpackaged run has its own folder, set before the
    // single-instance lock (scoped to it); scheme privileged and sandbox enabled before ready.
    const devData = path.join(tmp, 'appdata', 'Partenaires MCP (développement)');
    expect(calls).toContainEqual(['app.setPath', 'userData', devData]);
    expect(names.indexOf('app.setPath')).toBeLessThan(names.indexOf('app.requestSingleInstanceLock'));
    // Not Windows here: no taskbar id (the method only exists on Windows).
    expect(names).not.toContain('app.setAppUserModelId');
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
    expect(report.settingsGet.value.backups.folder).toBe(path.join(devData, 'Sauvegardes'));
    expect(report.forbidden).toEqual({ ok: false, error: { code: 'forbidden-sender', message: "Appel refusé : il ne vient pas d'une page de l'application." } });
    expect(report.badArgs).toEqual({
      ok: false,
      error: { code: 'invalid-arguments', message: "Paramètre refusé — Nom de l'utilisateur : Valeur invalide : un texte est attendu." },
    });
    expect(report.menu).toEqual(['Fichier', 'Édition', 'Affichage', 'Synchronisation', 'Aide']);
    expect(report.mediaGranted).toBe(false);
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.mailto).toEqual({
      prevented: true,
      fileRefused: true,
      windowOpen: { action: 'deny' },
      permission: [true, false],
      opened: ['mailto:admin@exemple.fr?subject=Relance', 'mailto:autre@exemple.fr'],
    });
    // Settings file written in userData.
    expect(fs.existsSync(path.join(devData, 'config.json'))).toBe(true);
    // Shown only once the page is ready (not maximized by the default window state).
    expect(report.show).toEqual({ beforeReady: 0, afterReady: 1 });
    // Passphrase through the asynchronous safeStorage API (the fake has no synchronous calls).
    expect(report.secretSet).toEqual({ ok: true, value: { stored: true, encrypted: true } });
    expect(report.secretGet).toEqual({ ok: true, value: 'phrase du bureau' });
    expect(fs.readFileSync(path.join(devData, 'phrase-secrete.bin'), 'utf8')).toBe('async:phrase du bureau');
    // Quit waits for the renderer's answer.
    expect(report.quitAsked).toBe(true);
    expect(report.quitBeforeAnswer).toBe(0);
    expect(report.quitAfterAnswer).toBe(1);
  });

  it('Windows shutdown with the app open: query-session-end is delayed, the renderer does its backup, then the app quits', () => {
    const report = runMain({ FAKE_SCENARIO: 'session-end' });
    expect(report.sessionEnd).toEqual({ delayed: true, asked: true, quitBeforeAnswer: 0, quitAfterAnswer: 1 });
  });

  it('a throw in the whenReady chain: French error box and exit(1), not an invisible process holding the lock', () => {
    const report = runMain({ FAKE_FAIL_READY: '1' });
    const calls = report.calls as [string, ...unknown[]][];
    const box = calls.find((c) => c[0] === 'dialog.showErrorBox');
    expect(box?.[1]).toBe('Partenaires MCP');
    expect(box?.[2]).toContain("L'application n'a pas pu démarrer.");
    expect(box?.[2]).toContain('Écran introuvable (panne simulée)');
    expect(calls).toContainEqual(['app.exit', 1]);
    expect(calls.map((c) => c[0])).not.toContain('loadURL');
  });

  it('packaged on Windows: taskbar id = appId before any window, data in Local AppData, moved once from Roaming', () => {
    // An earlier packaged version (as on Linux, userData under appData = Roaming on Windows) wrote its data.
    const first = runMain({ FAKE_PACKAGED: '1', FAKE_APPDATA: path.join(tmp, 'win', 'Roaming') });
    const roaming = path.join(tmp, 'win', 'Roaming', 'Partenaires MCP');
    expect(first.settingsGet.value.backups.folder).toBe(path.join(roaming, 'Sauvegardes'));
    const local = path.join(tmp, 'win', 'Local');
    const report = runMain({ FAKE_PACKAGED: '1', FAKE_PLATFORM: 'win32', FAKE_APPDATA: path.join(tmp, 'win', 'Roaming'), LOCALAPPDATA: local });
    const calls = report.calls as [string, ...unknown[]][];
    const names = calls.map((c) => c[0]);
    expect(calls).toContainEqual(['app.setAppUserModelId', 'fr.caf.partenaires-mcp', false]);
    expect(names.indexOf('app.setAppUserModelId')).toBeLessThan(names.indexOf('new BrowserWindow'));
    expect(calls).toContainEqual(['app.setPath', 'userData', path.join(local, 'Partenaires MCP')]);
    // Same installation (replica id kept), nothing left in Roaming, the default backups folder followed.
    expect(report.settingsGet.value.replicaId).toBe(first.settingsGet.value.replicaId);
    expect(fs.existsSync(roaming)).toBe(false);
    expect(report.settingsGet.value.backups.folder).toBe(path.join(local, 'Partenaires MCP', 'Sauvegardes'));
    // Unpackaged on the same Windows session: its own id and folder; the installed app's data untouched.
    const dev = runMain({ FAKE_PLATFORM: 'win32', FAKE_APPDATA: path.join(tmp, 'win', 'Roaming'), LOCALAPPDATA: local });
    const devCalls = dev.calls as [string, ...unknown[]][];
    expect(devCalls).toContainEqual(['app.setAppUserModelId', 'fr.caf.partenaires-mcp.dev', false]);
    expect(devCalls).toContainEqual(['app.setPath', 'userData', path.join(local, 'Partenaires MCP (développement)')]);
    expect(dev.settingsGet.value.replicaId).not.toBe(first.settingsGet.value.replicaId);
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
