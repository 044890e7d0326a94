/**
 * Electron implementation of the platform: a thin typed client of the preload bridge. Every result is
 * validated against the shared IPC contract, so a misbehaving main process cannot feed bad data in.
 */
import type { PreloadBridge } from '../../shared/ipc/bridge';
import type { IpcArgs, IpcChannel, IpcResponse, IpcResult } from '../../shared/ipc/contract';
import { BRIDGE_NAME } from '../../shared/ipc/constants';
import { plainSettings } from '../../shared/settings/plain';
import { PlatformError, type Platform } from './types';

export type { PreloadBridge } from '../../shared/ipc/bridge';

export function getBridge(): PreloadBridge | undefined {
  return (window as unknown as Record<string, PreloadBridge | undefined>)[BRIDGE_NAME];
}

export function createElectronPlatform(bridge: PreloadBridge): Platform {
  /** Check a result against the contract; the contract (zod) is fetched on the first call that needs it. */
  async function checked<C extends IpcChannel>(channel: C, response: IpcResponse<unknown>): Promise<IpcResult<C>> {
    if (!response.ok) throw new PlatformError(response.error.code, response.error.message);
    const { ipcChannels } = await import('../../shared/ipc/contract');
    const parsed = ipcChannels[channel].result.safeParse(response.value);
    if (!parsed.success) throw new PlatformError('internal', 'Réponse inattendue du processus principal.');
    return parsed.data as IpcResult<C>;
  }
  async function call<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<C>> {
    return checked(channel, await bridge.invoke(channel, ...args));
  }
  return {
    kind: 'electron',
    // Read before the first screen: valid settings are checked without zod (plainSettings accepts exactly
    // what the contract's settingsSchema accepts); anything else goes through the contract.
    getSettings: async () => {
      const response = await bridge.invoke('settings:get');
      return (response.ok && plainSettings(response.value)) || checked('settings:get', response);
    },
    updateSettings: (patch) => call('settings:update', patch),
    saveFile: (o) => call('file:save', o),
    openFile: (o) => call('file:open', o),
    print: () => call('print:dialog'),
    savePdf: (suggestedName) => call('print:pdf', { suggestedName }),
    listFolder: (kind) => call('folder:list', kind),
    readFromFolder: (kind, name) => call('folder:read', kind, name),
    writeToFolder: (kind, name, data) => call('folder:write', kind, name, data),
    removeFromFolder: (kind, name) => call('folder:remove', kind, name),
    chooseFolder: (kind) => call('folder:choose', kind),
    getStoredPassphrase: () => call('secret:get'),
    storePassphrase: (p) => call('secret:set', p?.passphrase ?? null),
    setWindowTitle: async (title) => {
      await call('window:title', title);
    },
    appInfo: () => call('app:info'),
    onMenuCommand: (l) => bridge.onMenuCommand(l),
    onFileOpened: (listener) => {
      // The main process only signals that a bundle waits; the file itself comes through the validated
      // `file:pending-open` call. Also ask once now: the app may have been launched by double-clicking a bundle.
      const fetchPending = () => {
        call('file:pending-open')
          .then((file) => {
            if (file) listener(file);
          })
          .catch(() => undefined);
      };
      const off = bridge.onFileOpened(fetchPending);
      fetchPending();
      return off;
    },
    onBeforeQuit: (l) => bridge.onBeforeQuit(l),
  };
}
