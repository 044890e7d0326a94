/**
 * The one object the preload exposes (under BRIDGE_NAME). Its type lives in shared/ so the preload
 * (electron/bridge.ts) and the renderer's Electron platform (renderer/platform/electron.ts) agree on it
 * without importing each other.
 */
import type { IpcResponse, MenuCommand } from './contract';

export interface PreloadBridge {
  /** Call a channel of the IPC contract; never throws, errors come back as `{ ok: false, error }`. */
  invoke(channel: string, ...args: unknown[]): Promise<IpcResponse<unknown>>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** A bundle file is waiting (file association / second instance): fetch it with `file:pending-open`. */
  onFileOpened(listener: () => void): () => void;
  /** Work to run before the app quits; the main process waits for it (with a timeout). */
  onBeforeQuit(listener: () => Promise<void>): () => void;
}
