/**
 * The derived-state service behind the worker boundary (also run on the page where workers are unavailable).
 *
 * Two stages, so that what the first screen waits for is small: this module (the worker's first chunk: plain
 * IndexedDB, no Dexie, no zod) answers the dashboard from its snapshot caught up through `_ts`
 * (dashboardState.ts). The full state (derivedState.ts: Dexie, the search index, rebuilds, live updates,
 * snapshot writes) is imported when the page says its first screen is shown (`warm`), when something asks for
 * more than the dashboard (search, status, idle), or at once when the snapshot cannot be used (no snapshot,
 * another schema or base, counts that disagree: it rebuilds). It starts from the dashboard already caught up and
 * catches up whatever was committed meanwhile. `prepare` starts that first read before the page knows the base's
 * identity (main.tsx, while the page opens the base); `start` then checks the snapshot is this base's.
 */
import { computeDashboard, dashboardView, type Dashboard } from '../features/dashboard/dashboardData';
import { todayIso } from '../../shared/rules/dates';
import { caughtUpDashboard, dashboardInput, openExisting, schemaOf, type CaughtUpDashboard } from './dashboardState';
import type { DerivedApi } from './api';
import type { ChangeNotice, DerivedState } from './derivedState';

export function createDerivedApi(): DerivedApi {
  let target: { dbName: string; base: string } | null = null;
  let first: CaughtUpDashboard | null = null;
  /** The first stage's lists, for the day they were computed for. */
  let firstAnswer: { today: string; dashboard: Dashboard } | null = null;
  let prepared: { dbName: string; done: Promise<(CaughtUpDashboard & { snapshotBase: string }) | string> } | null = null;
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

  /** The first stage: the dashboard from the snapshot with plain IndexedDB (base checked by `start`). */
  const readFirst = (dbName: string) => {
    prepared ??= {
      dbName,
      done: (async () => {
        try {
          const idb = await openExisting(dbName);
          return idb ? await caughtUpDashboard(idb, null, schemaOf(idb)).finally(() => idb.close()) : 'pas encore de base';
        } catch (e) {
          console.error('État dérivé : lecture de l’instantané impossible', e);
          return 'lecture impossible';
        }
      })(),
    };
    return prepared.dbName === dbName ? prepared.done : null;
  };

  /** Every line of the dashboard for `today`: the full state's, else the first stage's (computed once a day). */
  const fullDashboard = (today: string): Dashboard | null => {
    const kept = state?.computeDashboard(today);
    if (kept) return kept;
    if (!first) return null;
    if (firstAnswer?.today !== today) firstAnswer = { today, dashboard: computeDashboard(dashboardInput(first.state), today) };
    return firstAnswer.dashboard;
  };

  return {
    async prepare(dbName) {
      void readFirst(dbName);
    },
    async start(dbName, base) {
      if (target) return;
      target = { dbName, base };
      const reading = readFirst(dbName) ?? Promise.resolve('autre base');
      firstDone = (async () => {
        const r = await reading;
        if (typeof r === 'string' || r.snapshotBase !== base) {
          // Nothing usable to start from: the full state rebuilds (in the background, as before).
          queueMicrotask(() => void loadFull());
          return;
        }
        first = r;
        // Computed now, for today, while the page is still rendering: its request after the notice is answered at
        // once (the lists take ~100 ms on the stress set).
        firstAnswer = { today: todayIso(), dashboard: computeDashboard(dashboardInput(r.state), todayIso()) };
        listener?.({ dashboard: true, search: false });
      })();
    },
    async warm() {
      void loadFull();
    },
    async onChange(cb) {
      listener = cb;
    },
    async dashboard(today) {
      const d = fullDashboard(today);
      return d && dashboardView(d);
    },
    async dashboardLines(today, card) {
      return fullDashboard(today)?.[card] ?? null;
    },
    async search(query, perGroup) {
      if (!state) void loadFull();
      return state?.searchFor(query, perGroup) ?? null;
    },
    async counts() {
      if (!state) void loadFull();
      return state?.counts() ?? null;
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
