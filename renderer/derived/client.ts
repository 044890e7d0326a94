/**
 * The page's side of the derived state: one worker per open base (derived.worker.ts), reached through comlink,
 * and the hooks the dashboard and the search box use. Where module workers are unavailable the same state runs
 * on the page (same code, just not off the main thread).
 */
import { useEffect, useState } from 'react';
import { proxy } from 'comlink';
import type { Dashboard, DashboardLine, DashboardView } from '../features/dashboard/dashboardData';
import type { SearchResult } from '../../shared/search/searchIndex';
import type { AppDatabase } from '../db/database';
import { whenFirstScreenShown } from '../app/readiness';
import type { DerivedApi, DerivedCounts } from './api';
import { prestartDerived, spawnDerived, takePrestarted } from './prestart';
import type { ChangeNotice } from './derivedState';

export interface DerivedClient {
  api: DerivedApi;
  /** Bumped on every change the worker reports. */
  version: { dashboard: number; search: number };
  subscribe(listener: () => void): () => void;
  dispose(): Promise<void>;
}

const clients = new Map<string, DerivedClient>();

/**
 * At the very start, before the page has opened the base (main.tsx; index.html's first module already did it,
 * renderer/prestart.ts): the worker starts and reads the dashboard's snapshot meanwhile; the first `derivedFor`
 * of that base takes it over (and checks the snapshot is the base's).
 */
export { prestartDerived };

/** The derived state of base `db` (identified by its name and this installation's replica id). */
export function derivedFor(db: Pick<AppDatabase, 'name'>, replicaId: string): DerivedClient {
  const key = `${db.name}|${replicaId}`;
  let c = clients.get(key);
  if (c) return c;
  const listeners = new Set<() => void>();
  const version = { dashboard: 0, search: 0 };
  let worker: Worker | undefined;
  const onChange = (what: ChangeNotice) => {
    // Lets the bench (cold start) and tests know a snapshot is on disk, without guessing at timings.
    if (what.saved && typeof document !== 'undefined') document.body.dataset.derivedSavedAt = String(Math.round(performance.now()));
    if (!what.dashboard && !what.search) return;
    if (what.dashboard) version.dashboard++;
    if (what.search) version.search++;
    for (const l of listeners) l();
  };
  const ready: Promise<DerivedApi> = (async () => {
    const taken = takePrestarted(db.name) ?? spawnDerived();
    worker = taken.worker;
    const api = await taken.api;
    performance.mark('worker prêt');
    await api.onChange(proxy(onChange));
    await api.start(db.name, key);
    // The worker answers the dashboard from its first chunk; the rest loads once the first screen is shown.
    void whenFirstScreenShown().then(() => {
      if (clients.get(key) === c) void api.warm();
    });
    return api;
  })();
  // Every call waits for the worker to be up; the object is usable at once.
  const api = new Proxy({} as DerivedApi, {
    get: (_t, prop: keyof DerivedApi) => async (...args: unknown[]) => ((await ready)[prop] as (...a: unknown[]) => Promise<unknown>)(...args),
  });
  c = {
    api,
    version,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async dispose() {
      clients.delete(key);
      listeners.clear();
      await api.stop();
      worker?.terminate();
    },
  };
  clients.set(key, c);
  return c;
}

/**
 * What `ask` answers from the derived state of base `dbName`, asked again whenever the worker reports a change
 * (latest answer wins). `replicaId` undefined (the Store is not open yet) or `enabled` false: nothing is asked and
 * the worker is not started.
 */
function useDerived<T>(dbName: string, replicaId: string | undefined, enabled: boolean, ask: (api: DerivedApi) => Promise<T>, keep: (answer: T) => boolean, key: readonly unknown[]): T | undefined {
  const [answer, setAnswer] = useState<T | undefined>(undefined);
  useEffect(() => {
    if (!enabled || !replicaId) return;
    const client = derivedFor({ name: dbName }, replicaId);
    let alive = true;
    let asked = 0;
    const refresh = () => {
      const n = ++asked;
      void ask(client.api).then((a) => {
        if (alive && n === asked && keep(a)) setAnswer(a);
      });
    };
    refresh();
    const off = client.subscribe(refresh);
    return () => {
      alive = false;
      off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` lists what `ask` depends on
  }, [dbName, replicaId, enabled, ...key]);
  return answer;
}

/** The dashboard's lists for `today` (undefined until the derived state has them), refreshed on every change. */
export function useDerivedDashboard(dbName: string, replicaId: string | undefined, today: string): DashboardView | undefined {
  return (
    useDerived(
      dbName,
      replicaId,
      true,
      async (api) => {
        const d = await api.dashboard(today);
        // The start-up timeline the cold-load bench prints (bench/run.ts).
        if (d && !performance.getEntriesByName('tableau de bord reçu').length) performance.mark('tableau de bord reçu');
        return d;
      },
      (d) => d !== null,
      [today],
    ) ?? undefined
  );
}

/** Every line of one dashboard card (« Tout afficher », CSV), from the derived state; [] while it has none. */
export async function derivedDashboardLines(dbName: string, replicaId: string, today: string, card: keyof Dashboard): Promise<DashboardLine[]> {
  return (await derivedFor({ name: dbName }, replicaId).api.dashboardLines(today, card)) ?? [];
}

/**
 * Search results for `query` (null while the index is not ready or the query is empty), asked again whenever the
 * index changes. `enabled` false (or no replica id yet) keeps the worker from starting.
 */
export function useDerivedSearch(dbName: string, replicaId: string | undefined, enabled: boolean, query: string, perGroup: number): { result: SearchResult | null; ready: boolean } {
  // An empty query still asks, to learn whether the index is ready (the popup says « Préparation… » until then).
  const r = useDerived(dbName, replicaId, enabled, (api) => api.search(query.trim() ? query : '', perGroup), () => true, [query, perGroup]);
  return r === undefined ? { result: null, ready: false } : { result: r && query.trim() ? r : null, ready: r !== null };
}

/**
 * Live records per kind from the derived state (undefined until its index is current, or without a replica id),
 * asked again whenever the index changes: the lists' totals without counting an IndexedDB index.
 */
export function useDerivedCounts(dbName: string, replicaId: string | undefined): DerivedCounts | undefined {
  return useDerived(dbName, replicaId, true, (api) => api.counts(), () => true, []) ?? undefined;
}
