/**
 * The derived-state worker, started before anything else of the page (renderer/prestart.ts, the first module of
 * index.html): it reads the dashboard's snapshot while the page's own code (React, MUI, the shell: ≈ 470 KB) is
 * still being fetched and evaluated. Nothing here but comlink: this module runs before React is loaded.
 */
import { wrap } from 'comlink';
import type { DerivedApi } from './api';

export interface Spawned {
  worker?: Worker;
  api: Promise<DerivedApi>;
}

/** The same service on the page (no worker): same code, on the main thread. */
async function inPageApi(): Promise<DerivedApi> {
  return (await import('./service')).createDerivedApi();
}

/** A worker (or the in-page service) reached through comlink. */
export function spawnDerived(): Spawned {
  if (typeof Worker === 'undefined') return { api: inPageApi() };
  const worker = new Worker(new URL('./derived.worker.ts', import.meta.url), { type: 'module', name: 'état dérivé' });
  return { worker, api: Promise.resolve(wrap<DerivedApi>(worker) as unknown as DerivedApi) };
}

let prestarted: (Spawned & { dbName: string }) | null = null;

/**
 * Start the worker and its first read of base `dbName`'s snapshot, before the page has opened the base; the first
 * `derivedFor` of that base (client.ts) takes it over and checks the snapshot is the base's.
 */
export function prestartDerived(dbName: string): void {
  if (prestarted) return;
  const s = spawnDerived();
  prestarted = { dbName, ...s, api: s.api.then(async (api) => (await api.prepare(dbName), api)) };
}

/** The prestarted worker for `dbName`, handed over once (null: none, or for another base). */
export function takePrestarted(dbName: string): Spawned | null {
  if (prestarted?.dbName !== dbName) return null;
  const taken = prestarted;
  prestarted = null;
  return taken;
}
