/**
 * What the preload exposes, written over an ipcRenderer-like object so it is unit-tested under Node
 * (preload.ts only wires it to Electron). Arguments are validated here too, before they leave the page, so a
 * bug in the renderer gets the same French `invalid-arguments` answer without a round trip.
 */
import type { z } from 'zod';
import { BEFORE_QUIT_CHANNEL, BEFORE_QUIT_DONE_CHANNEL, MENU_CHANNEL, OPEN_FILE_CHANNEL, ipcChannels, menuCommands, type IpcResponse, type MenuCommand } from '../shared/ipc/contract';
import type { PreloadBridge } from '../shared/ipc/bridge';
import { describeArgsError } from '../shared/ipc/argsError';
import { frenchIssues } from '../shared/ipc/errors';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  send(channel: string, ...args: unknown[]): void;
}

const isMenuCommand = (v: unknown): v is MenuCommand => typeof v === 'string' && (menuCommands as readonly string[]).includes(v);

export function createBridge(ipc: IpcRendererLike): PreloadBridge {
  const quitListeners = new Set<() => Promise<void>>();
  ipc.on(BEFORE_QUIT_CHANNEL, (_event, token) => {
    void Promise.allSettled([...quitListeners].map((l) => l())).then(() => ipc.send(BEFORE_QUIT_DONE_CHANNEL, token));
  });

  return {
    async invoke(channel, ...args): Promise<IpcResponse<unknown>> {
      if (!Object.hasOwn(ipcChannels, channel)) return { ok: false, error: { code: 'invalid-arguments', message: `Canal inconnu : « ${channel} ».` } };
      const schema: z.ZodType = ipcChannels[channel as keyof typeof ipcChannels].args;
      const parsed = schema.safeParse(args, frenchIssues);
      if (!parsed.success) {
        return { ok: false, error: { code: 'invalid-arguments', message: describeArgsError(channel, parsed.error) } };
      }
      try {
        return (await ipc.invoke(channel, ...args)) as IpcResponse<unknown>;
      } catch {
        return { ok: false, error: { code: 'unavailable', message: "Le processus principal de l'application ne répond pas." } };
      }
    },
    onMenuCommand(listener) {
      const wrapped = (_event: unknown, command: unknown) => {
        if (isMenuCommand(command)) listener(command);
      };
      ipc.on(MENU_CHANNEL, wrapped);
      return () => void ipc.removeListener(MENU_CHANNEL, wrapped);
    },
    onFileOpened(listener) {
      const wrapped = () => listener();
      ipc.on(OPEN_FILE_CHANNEL, wrapped);
      return () => void ipc.removeListener(OPEN_FILE_CHANNEL, wrapped);
    },
    onBeforeQuit(listener) {
      quitListeners.add(listener);
      return () => void quitListeners.delete(listener);
    },
  };
}
