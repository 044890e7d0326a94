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
import { caughtUpDashboard, dashboardInput, openExisting, schemaOf, storedDashboardView, type CaughtUpDashboard } from './dashboardState';
import type { DashboardView } from '../features/dashboard/dashboardData';
import type { DerivedApi } from './api';
import type { ChangeNotice, DerivedState, Position } from './derivedState';

export function createDerivedApi(): DerivedApi {
  let target: { dbName: string; base: string } | null = null;
  let first: CaughtUpDashboard | null = null;
  /** The first stage's lists, for the day they were computed for. */
  let firstAnswer: { today: string; dashboard: Dashboard } | null = null;
  /** The cards saved with the snapshot, when nothing was written since (the first stage then reads no state). */
  let savedView: { today: string; view: DashboardView; now: Position } | null = null;
  type FirstRead = (CaughtUpDashboard & { snapshotBase: string }) | { view: DashboardView; today: string; now: Position; snapshotBase: string } | string;
  let prepared: { dbName: string; done: Promise<FirstRead> } | null = null;
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
          if (!idb) return 'pas encore de base';
          try {
            return (await storedDashboardView(idb, schemaOf(idb), todayIso())) ?? (await caughtUpDashboard(idb, null, schemaOf(idb)));
          } finally {
            idb.close();
          }
        } catch (e) {
          console.error('État dérivé : lecture de l’instantané impossible', e);
          return 'lecture impossible';
        }
      })(),
    };
    return prepared.dbName === dbName ? prepared.done : null;
  };

  /** Started from the saved cards: the snapshot's state caught up, read when more than those cards is asked. */
  let snapshotRead: Promise<void> | null = null;
  const firstFromSnapshot = () =>
    (snapshotRead ??= (async () => {
      if (first || !target) return;
      const idb = await openExisting(target.dbName);
      if (!idb) return;
      try {
        const r = await caughtUpDashboard(idb, target.base, schemaOf(idb));
        // Unusable (damaged text): the full state rebuilds, and answers once it has.
        if (typeof r === 'string') await (await loadFull())?.idle();
        else if (!state) first = r;
      } finally {
        idb.close();
      }
    })());

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
        if ('view' in r) {
          savedView = { today: r.today, view: r.view, now: r.now };
          listener?.({ dashboard: true, search: false });
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
      if (d) return dashboardView(d);
      if (!savedView) return null;
      if (savedView.today === today) return savedView.view;
      // Another day than the saved cards' (the page passed midnight): the lists are computed from the snapshot.
      await firstFromSnapshot();
      const later = fullDashboard(today);
      return later && dashboardView(later);
    },
    async dashboardLines(today, card) {
      const d = fullDashboard(today);
      if (d || !savedView) return d?.[card] ?? null;
      // Started from the saved cards alone: every line needs the snapshot's state.
      await firstFromSnapshot();
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
      if (!state) return { status: first || savedView ? 'instantané' : 'vide', lastStart: null, position: first?.now ?? savedView?.now ?? null };
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
