/**
 * Bundles opened from the OS (double-click on a .mcpsync file, or dropped on the app icon). The path comes in
 * the command line of the first instance or of a second instance (forwarded by the single-instance lock);
 * it is queued here and the renderer fetches it through `file:pending-open` when it is ready.
 */
import path from 'node:path';
import { BUNDLE_EXTENSION } from '../shared/ipc/contract';
import { IpcFailure } from './errors';
import { readFileForIpc } from './folders';

/** The last argument naming a bundle file (Chromium may append its own switches after it). */
export function findBundleArg(argv: readonly string[]): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i];
    if (arg && !arg.startsWith('-') && arg.toLowerCase().endsWith(`.${BUNDLE_EXTENSION}`)) return arg;
  }
  return null;
}

export interface OpenFileQueue {
  offer(filePath: string): void;
  hasPending(): boolean;
  take(): Promise<{ name: string; data: Uint8Array } | null>;
}

export function createOpenFileQueue(fs: { readFile(p: string): Promise<Uint8Array>; stat(p: string): Promise<{ size: number }> }): OpenFileQueue {
  let pending: string | null = null;
  return {
    offer(filePath) {
      pending = filePath;
    },
    hasPending: () => pending !== null,
    async take() {
      const file = pending;
      pending = null;
      if (!file) return null;
      const name = path.basename(file);
      try {
        return { name, data: await readFileForIpc(fs, file) };
      } catch (error) {
        if (error instanceof IpcFailure) throw error;
        throw new IpcFailure('io', `Le fichier « ${name} » n'a pas pu être ouvert.`);
      }
    },
  };
}
