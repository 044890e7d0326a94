/** The page's side of the reading worker: one per reading; « Annuler » terminates it (nothing was written). */
import * as Comlink from 'comlink';
import type { ReadingWorkerApi } from './worker';

export interface ReadingWorker {
  api: Comlink.Remote<ReadingWorkerApi>;
  terminate(): void;
}

export function startReadingWorker(): ReadingWorker {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'lecture-convention' });
  return { api: Comlink.wrap<ReadingWorkerApi>(worker), terminate: () => worker.terminate() };
}

export { Comlink };
