/**
 * The derived-state service behind the worker boundary (also run on the page where workers are unavailable).
 *
 * Two stages, so that what the first screen waits for is small: this module (the worker's first chunk: plain
 * IndexedDB, no Dexie, no zod) answers the dashboard from its snapshot caught up through `_ts`
 * (dashboardState.ts). The full state (derivedState.ts: Dexie, the search index, rebuilds, live updates,
 * snapshot writes) is imported when the page says its first screen is shown (`warm`), when something asks for
 * more than the dashboard (search, status, idle), or at once when the snapshot cannot be used (no snapshot,
 * another schema or base, counts that disagree: it rebuilds). It starts from the dashboard already caught up and
 * catches up whatever was committed meanwhile.
 */
import { computeDashboard } from '../features/dashboard/dashboardData';
import { caughtUpDashboard, dashboardInput, openExisting, schemaOf, type CaughtUpDashboard } from './dashboardState';
import type { DerivedApi } from './api';
import type { ChangeNotice, DerivedState } from './derivedState';

export function createDerivedApi(): DerivedApi {
  let target: { dbName: string; base: string } | null = null;
  let first: CaughtUpDashboard | null = null;
  let firstDone: Promise<void> = Promise.resolve();
  let full: Promise<DerivedState> | null = null;
  let state: DerivedState | null = null;
  let stopped = false;
  let listener: ((what: ChangeNotice) => void) | null = null;

  const loadFull = (): Promise<DerivedState> | null => {
    if (!target || stopped) return null;
    const { dbName, base } = target;
    full ??= (async () => {
      // The dashboard read with plain IndexedDB, if that is under way, is handed over rather than read again.
      await firstDone;
      const [{ AppDatabase }, { DerivedState }] = await Promise.all([import('../db/database'), import('./derivedState')]);
      const db = new AppDatabase(dbName);
      await db.open();
      const s = new DerivedState(db, { base, onChange: (what) => listener?.(what) });
      state = s;
      // The dashboard is available as soon as its snapshot is caught up (or its rebuild phase done).
      void s.start(first ?? undefined).catch((e: unknown) => console.error('État dérivé : démarrage impossible', e));
      return s;
    })();
    return full;
  };

  return {
    async start(dbName, base) {
      if (target) return;
      target = { dbName, base };
      firstDone = (async () => {
        try {
          const idb = await openExisting(dbName);
          const r = idb ? await caughtUpDashboard(idb, base, schemaOf(idb)).finally(() => idb.close()) : 'pas encore de base';
          if (typeof r === 'string') {
            // Nothing usable to start from: the full state rebuilds (in the background, as before).
            queueMicrotask(() => void loadFull());
            return;
          }
          first = r;
          listener?.({ dashboard: true, search: false });
        } catch (e) {
          console.error('État dérivé : lecture de l’instantané impossible', e);
          queueMicrotask(() => void loadFull());
        }
      })();
    },
    async warm() {
      void loadFull();
    },
    async onChange(cb) {
      listener = cb;
    },
    async dashboard(today) {
      const kept = state?.computeDashboard(today);
      if (kept) return kept;
      return first ? computeDashboard(dashboardInput(first.state), today) : null;
    },
    async search(query, perGroup) {
      if (!state) void loadFull();
      return state?.searchFor(query, perGroup) ?? null;
    },
    async info() {
      if (!state) void loadFull();
      if (!state) return { status: first ? 'instantané' : 'vide', lastStart: null, position: first?.now ?? null };
      return { status: state.status, lastStart: state.lastStart, position: state.position };
    },
    async idle() {
      await (await loadFull())?.idle();
    },
    async saveNow() {
      const s = await loadFull();
      await s?.idle();
      await s?.save();
    },
    async stop() {
      stopped = true;
      const s = await full;
      s?.close();
      s?.db.close();
      state = null;
    },
  };
}
