import { describe, expect, it, vi } from 'vitest';
import type { PreloadBridge } from '../../shared/ipc/bridge';
import type { IpcResponse, MenuCommand } from '../../shared/ipc/contract';
import { createElectronPlatform } from './electron';
import { PlatformError } from './types';

function fakeBridge(answers: Record<string, IpcResponse<unknown>[]>) {
  const calls: unknown[][] = [];
  let ping: (() => void) | undefined;
  const bridge: PreloadBridge = {
    invoke: async (channel, ...args) => {
      calls.push([channel, ...args]);
      return answers[channel]?.shift() ?? { ok: true, value: null };
    },
    onMenuCommand: (_l: (c: MenuCommand) => void) => () => undefined,
    onFileOpened: (l) => {
      ping = l;
      return () => (ping = undefined);
    },
    onBeforeQuit: () => () => undefined,
  };
  return { bridge, calls, ping: () => ping?.() };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('Electron platform', () => {
  it('turns error responses into PlatformError with the French message', async () => {
    const { bridge } = fakeBridge({ 'folder:list': [{ ok: false, error: { code: 'unavailable', message: "Aucun dossier de synchronisation n'est choisi." } }] });
    const p = createElectronPlatform(bridge);
    const err = await p.listFolder('sync').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ code: 'unavailable', message: "Aucun dossier de synchronisation n'est choisi." });
  });

  it('refuses a result that does not match the contract', async () => {
    const { bridge } = fakeBridge({ 'app:info': [{ ok: true, value: { version: 1 } }] });
    await expect(createElectronPlatform(bridge).appInfo()).rejects.toThrow('Réponse inattendue du processus principal.');
  });

  it('delivers a bundle waiting at start-up, then each one signalled later', async () => {
    const file = (name: string) => ({ ok: true as const, value: { name, data: new Uint8Array([1]) } });
    const f = fakeBridge({ 'file:pending-open': [file('au-demarrage.mcpsync'), file('plus-tard.mcpsync')] });
    const got: string[] = [];
    const off = createElectronPlatform(f.bridge).onFileOpened((bundle) => got.push(bundle.name));
    // The contract that checks the file is fetched on the first call (not before the first screen): wait for it.
    await vi.waitFor(() => expect(got).toEqual(['au-demarrage.mcpsync']));
    f.ping();
    await vi.waitFor(() => expect(got).toEqual(['au-demarrage.mcpsync', 'plus-tard.mcpsync']));
    f.ping(); // nothing pending any more: no call to the listener
    await flush();
    expect(got).toHaveLength(2);
    off();
  });

  it('reads valid settings without the contract, and checks any other answer with it', async () => {
    const valid = { replicaId: '0123456789abcdef', replicaLabel: '', userName: 'Anne', officeCafId: '', caf: { name: '', addressLine1: '', addressLine2: '', postalCode: '', city: '', territory: 'metropole' }, syncFolder: '', backups: { folder: '', keep: 10, lastAt: '' }, window: { width: 1280, height: 800, maximized: false } };
    const { bridge } = fakeBridge({ 'settings:get': [{ ok: true, value: { ...valid, inconnu: 1 } }, { ok: true, value: { ...valid, userName: 3 } }] });
    const p = createElectronPlatform(bridge);
    expect(await p.getSettings()).toEqual(valid);
    await expect(p.getSettings()).rejects.toThrow('Réponse inattendue du processus principal.');
  });
});
