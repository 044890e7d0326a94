/** The page's side of the spreadsheet worker: one worker per task, terminated by « Annuler » or when done. */
import * as Comlink from 'comlink';
import type { SpreadsheetWorkerApi } from './worker';

export interface SpreadsheetWorker {
  api: Comlink.Remote<SpreadsheetWorkerApi>;
  /** Stops the worker at once (cancel): whatever it was computing is dropped, nothing was written. */
  terminate(): void;
}

export function startSpreadsheetWorker(): SpreadsheetWorker {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tableur' });
  return { api: Comlink.wrap<SpreadsheetWorkerApi>(worker), terminate: () => worker.terminate() };
}

export { Comlink };
