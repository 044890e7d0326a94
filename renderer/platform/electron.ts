/**
 * Electron implementation of the platform: a thin typed client of the preload bridge. Every result is
 * validated against the shared IPC contract, so a misbehaving main process cannot feed bad data in.
 */
import { BRIDGE_NAME, ipcChannels, type IpcArgs, type IpcChannel, type IpcResponse, type IpcResult, type MenuCommand } from '../../shared/ipc/contract';
import { PlatformError, type Platform } from './types';

export interface PreloadBridge {
  invoke(channel: string, ...args: unknown[]): Promise<IpcResponse<unknown>>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onFileOpened(listener: (file: { name: string; data: Uint8Array }) => void): () => void;
  onBeforeQuit(listener: () => Promise<void>): () => void;
}

export function getBridge(): PreloadBridge | undefined {
  return (window as unknown as Record<string, PreloadBridge | undefined>)[BRIDGE_NAME];
}

export function createElectronPlatform(bridge: PreloadBridge): Platform {
  async function call<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<C>> {
    const response = await bridge.invoke(channel, ...args);
    if (!response.ok) throw new PlatformError(response.error.code, response.error.message);
    const parsed = ipcChannels[channel].result.safeParse(response.value);
    if (!parsed.success) throw new PlatformError('internal', 'Réponse inattendue du processus principal.');
    return parsed.data as IpcResult<C>;
  }
  return {
    kind: 'electron',
    getSettings: () => call('settings:get'),
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
    storePassphrase: (p) => call('secret:set', p),
    setWindowTitle: async (title) => {
      await call('window:title', title);
    },
    appInfo: () => call('app:info'),
    onMenuCommand: (l) => bridge.onMenuCommand(l),
    onFileOpened: (l) => bridge.onFileOpened(l),
    onBeforeQuit: (l) => bridge.onBeforeQuit(l),
  };
}
