import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BEFORE_QUIT_DONE_CHANNEL, ipcChannels } from '../shared/ipc/contract';
import { IpcFailure } from './errors';
import { createFolderStore, writeFileAtomic } from './folders';
import { registerIpcHandlers, type IpcDeps, type IpcEventLike } from './ipc';
import { createOpenFileQueue } from './openFiles';
import { isAppUrl } from './security';
import { openSettings, type ConfConstructor, type SettingsService } from './settings';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** A stand-in for ipcMain: records handlers, lets the test invoke them as a given frame URL. */
class FakeIpcMain {
  handlers = new Map<string, Listener>();
  listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener) {
    if (this.handlers.has(channel)) throw new Error(`twice: ${channel}`);
    this.handlers.set(channel, listener);
  }
  on(channel: string, listener: Listener) {
    this.listeners.set(channel, listener);
    return this;
  }
  invoke(channel: string, url: string | null, ...args: unknown[]) {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler ${channel}`);
    return h({ senderFrame: url === null ? null : { url } }, ...args);
  }
}

const APP = 'app://partenaires/index.html#/parametres';
let dir: string;
let settings: SettingsService;
let ipc: FakeIpcMain;
let saveTarget: string | null;
let printed: string[];
let quitTokens: unknown[];
let deps: IpcDeps;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipc-'));
  settings = openSettings({ Store: Conf as unknown as ConfConstructor, cwd: path.join(dir, 'userData'), makeReplicaId: () => '00000000000000aa' });
  ipc = new FakeIpcMain();
  saveTarget = null;
  printed = [];
  quitTokens = [];
  deps = {
    isTrustedSender: isAppUrl,
    settings,
    folders: createFolderStore(fs.promises, (k) => (k === 'sync' ? settings.get().syncFolder : path.join(dir, 'backups'))),
    dialogs: {
      save: async () => saveTarget,
      open: async () => saveTarget,
      chooseFolder: async () => path.join(dir, 'partage'),
    },
    files: { write: (f, d) => writeFileAtomic(fs.promises, f, d), read: async (f) => new Uint8Array(await fs.promises.readFile(f)) },
    print: {
      dialog: async () => {
        printed.push('dialog');
        return true;
      },
      pdf: async () => new TextEncoder().encode('%PDF-1.7 fake'),
    },
    secrets: { get: async () => null, set: async (v) => ({ stored: v !== null, encrypted: true }) },
    setWindowTitle: (t) => printed.push(`title:${t}`),
    appInfo: () => ({ version: '0.1.0', userDataPath: path.join(dir, 'userData'), platform: 'linux' }),
    openFiles: createOpenFileQueue(fs.promises),
  };
  registerIpcHandlers(ipc, deps, (t) => quitTokens.push(t));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('IPC handlers', () => {
  it('registers exactly the channels of the contract', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.keys(ipcChannels).sort());
  });

  it('answers a trusted call with { ok, value }', async () => {
    expect(await ipc.invoke('settings:get', APP)).toEqual({ ok: true, value: settings.get() });
    const updated = await ipc.invoke('settings:update', APP, { userName: 'Mme Payet' });
    expect(updated).toMatchObject({ ok: true, value: { userName: 'Mme Payet' } });
    expect(settings.get().userName).toBe('Mme Payet');
  });

  it('refuses calls from other origins or without a frame, and runs nothing', async () => {
    for (const url of ['https://evil.example/', 'file:///C:/app/index.html', 'app://autre/index.html', 'http://127.0.0.1:4173/', '', null]) {
      expect(await ipc.invoke('settings:update', url, { userName: 'Pirate' })).toEqual({
        ok: false,
        error: { code: 'forbidden-sender', message: "Appel refusé : il ne vient pas d'une page de l'application." },
      });
    }
    expect(await ipc.invoke('print:dialog', 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(printed).toEqual([]);
    expect(settings.get().userName).toBe('');
  });

  it('an IPC call with bad arguments returns invalid-arguments in French and changes nothing', async () => {
    const file = settings.path;
    const before = fs.readFileSync(file, 'utf8');
    expect(await ipc.invoke('settings:update', APP, { backups: { folder: '', keep: 'beaucoup', lastAt: '' } })).toEqual({
      ok: false,
      error: {
        code: 'invalid-arguments',
        message: 'Paramètre refusé — Nombre de sauvegardes à conserver : Valeur invalide : un nombre est attendu.',
      },
    });
    expect(await ipc.invoke('settings:update', APP, { userName: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments', message: "Paramètre refusé — Nom de l'utilisateur : Valeur invalide : un texte est attendu." },
    });
    expect(await ipc.invoke('settings:update', APP)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await ipc.invoke('folder:write', APP, 'sync', '../../evil', new Uint8Array([1]))).toEqual({
      ok: false,
      error: { code: 'invalid-arguments', message: 'Arguments invalides pour « folder:write » — argument 2 : Nom de fichier invalide.' },
    });
    expect(await ipc.invoke('folder:list', APP, 'documents')).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await ipc.invoke('folder:write', APP, 'backups', 'a.bin', 'pas des octets')).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments', message: 'Arguments invalides pour « folder:write » — argument 3 : Données binaires attendues.' },
    });
    expect(await ipc.invoke('window:title', APP, 'x'.repeat(500))).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
    expect(printed).toEqual([]);
  });

  it('turns expected failures into typed errors and unexpected ones into a generic French message', async () => {
    expect(await ipc.invoke('folder:list', APP, 'sync')).toEqual({
      ok: false,
      error: { code: 'unavailable', message: "Aucun dossier de synchronisation n'est choisi : choisissez-le dans Paramètres." },
    });
    deps.print.dialog = async () => {
      throw new Error('boom');
    };
    expect(await ipc.invoke('print:dialog', APP)).toEqual({
      ok: false,
      error: { code: 'internal', message: "Une erreur inattendue s'est produite ; l'opération n'a pas été faite." },
    });
    deps.print.dialog = async () => {
      throw new IpcFailure('io', "L'impression a échoué (pas d'imprimante).");
    };
    expect(await ipc.invoke('print:dialog', APP)).toEqual({ ok: false, error: { code: 'io', message: "L'impression a échoué (pas d'imprimante)." } });
  });

  it('folder:choose stores the chosen folder in the settings, then folders work', async () => {
    expect(await ipc.invoke('folder:choose', APP, 'sync')).toEqual({ ok: true, value: path.join(dir, 'partage') });
    expect(settings.get().syncFolder).toBe(path.join(dir, 'partage'));
    expect(await ipc.invoke('folder:write', APP, 'sync', 'poste.mcpsync', new Uint8Array([7, 8]))).toEqual({
      ok: true,
      value: { path: path.join(dir, 'partage', 'poste.mcpsync') },
    });
    expect(await ipc.invoke('folder:read', APP, 'sync', 'poste.mcpsync')).toEqual({ ok: true, value: new Uint8Array([7, 8]) });
  });

  it('print:pdf writes the PDF where the user chose, cancel saves nothing', async () => {
    expect(await ipc.invoke('print:pdf', APP, { suggestedName: 'designation-administrateur' })).toEqual({ ok: true, value: { saved: false } });
    saveTarget = path.join(dir, 'formulaire.pdf');
    expect(await ipc.invoke('print:pdf', APP, { suggestedName: 'designation-administrateur' })).toEqual({ ok: true, value: { saved: true, path: saveTarget } });
    expect(fs.readFileSync(saveTarget, 'utf8')).toBe('%PDF-1.7 fake');
  });

  it('file:save / file:open round trip, and a pending bundle is delivered once', async () => {
    saveTarget = path.join(dir, 'export.csv');
    expect(await ipc.invoke('file:save', APP, { suggestedName: 'export.csv', filters: [{ name: 'CSV', extensions: ['csv'] }], data: 'a;b\n' })).toEqual({
      ok: true,
      value: { saved: true, path: saveTarget },
    });
    expect(await ipc.invoke('file:open', APP, { filters: [] })).toEqual({ ok: true, value: { name: 'export.csv', data: new Uint8Array(Buffer.from('a;b\n')) } });
    expect(await ipc.invoke('file:pending-open', APP)).toEqual({ ok: true, value: null });
    deps.openFiles.offer(saveTarget);
    expect(await ipc.invoke('file:pending-open', APP)).toMatchObject({ ok: true, value: { name: 'export.csv' } });
    expect(await ipc.invoke('file:pending-open', APP)).toEqual({ ok: true, value: null });
  });

  it('before-quit answers are accepted only from the app', () => {
    const done = ipc.listeners.get(BEFORE_QUIT_DONE_CHANNEL);
    done?.({ senderFrame: { url: 'https://evil.example/' } }, 'tok');
    done?.({ senderFrame: { url: APP } }, 'tok');
    expect(quitTokens).toEqual(['tok']);
  });
});
