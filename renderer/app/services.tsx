/**
 * The services every screen uses: the platform, the settings, the base (Dexie) and its single writer (the Store).
 *
 * Start-up in two stages (issue 16, docs/architecture.md « What loads when »): `startServices` gives the
 * platform, the settings and the start-up reads (plain IndexedDB: first run, the base's replica id) — enough for
 * the dashboard and the first-run dialog to paint. The base and the Store (Dexie, zod: `dataServices.ts`, their
 * own chunk) load right after the first screen is shown, or at once when something needs them: a section other
 * than the dashboard (`WithData`), a write (`whenData`), the first run's choice. Until then `db` and `store` are
 * not there (reading them throws); a component of the first screen asks `dataReady` / `whenData()` instead.
 */
import { createContext, use, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Settings, SettingsPatch } from '../../shared/settings/schema';
import type { AppDatabase } from '../db/database';
import type { Store } from '../db/store';
import type { Platform } from '../platform';
import type { DataServices } from './dataServices';
import { isFirstRun } from '../db/firstRun';
import { openStartupBase, plainFirstRun, plainReplicaId } from './startupReads';
import { whenFirstScreenShown, whenShown } from './readiness';

export type { DataServices } from './dataServices';

export interface Services {
  platform: Platform;
  db: AppDatabase;
  store: Store;
  /** Latest settings; the store reads the office user name from here for history lines. */
  settingsRef: { current: Settings };
  /** Whether the first-run dialog must open, asked as soon as the base is open (not after the first render). */
  firstRun?: Promise<boolean>;
}

/** The first stage: what the first screen needs, before the base and the Store are loaded. */
export interface StartServices {
  platform: Platform;
  settingsRef: { current: Settings };
  dbName: string;
  /** The replica id bound to the base, read without Dexie (undefined: known once the Store is open). */
  replicaId?: string;
  firstRun: Promise<boolean>;
  /** Loads the base and the Store once (later calls give the same promise). */
  loadData(): Promise<DataServices>;
  /** Resolves once they are loaded, without starting the load. */
  loaded: Promise<DataServices>;
  /** The plain IndexedDB connection of the start-up reads (useLive's first values); closed once Dexie is open. */
  startupBase: IDBDatabase | null;
}

/**
 * Open the database with this installation's replica id; ask for persistent storage once. Both stages at once:
 * bench mounts and tests, which need the base before anything renders.
 */
export async function bootServices(platform: Platform, dbName?: string): Promise<Services> {
  const settingsRef = { current: await platform.getSettings() };
  const { openData } = await import('./dataServices');
  const { db, store } = await openData(platform, settingsRef, dbName);
  return { platform, db, store, settingsRef, firstRun: isFirstRun(db) };
}

/** The first stage (main.tsx): settings and the start-up reads, in parallel; the base and the Store load later. */
export async function startServices(platform: Platform, dbName: string): Promise<StartServices> {
  const [settings, base] = await Promise.all([platform.getSettings().finally(() => performance.mark('réglages lus')), openStartupBase(dbName).finally(() => performance.mark('base ouverte'))]);
  const settingsRef = { current: settings };
  const replicaId = base.idb ? await plainReplicaId(base.idb).catch(() => undefined) : undefined;
  let data: Promise<DataServices> | null = null;
  let settle: { resolve(d: DataServices): void; reject(e: unknown): void } | undefined;
  const loaded = new Promise<DataServices>((resolve, reject) => (settle = { resolve, reject }));
  const loadData = () => {
    if (data) return data;
    data = import('./dataServices').then(async ({ openData }) => {
      const d = await openData(platform, settingsRef, dbName);
      base.idb?.close();
      return d;
    });
    data.then(settle!.resolve, settle!.reject);
    return data;
  };
  // Asked once, as soon as the base can be read: a sure first run, or without Dexie; Dexie's count when unsure.
  const firstRun = base.none
    ? Promise.resolve(true)
    : (base.idb ? plainFirstRun(base.idb) : Promise.reject(new Error('base non lue'))).catch(async () => {
        return isFirstRun((await loadData()).db);
      });
  return { platform, settingsRef, dbName, ...(replicaId ? { replicaId } : {}), firstRun, loadData, loaded, startupBase: base.idb };
}

const isStart = (s: Services | StartServices): s is StartServices => 'loadData' in s;

/**
 * When the base and the Store load: after the first screen is shown (its data, `body[data-ready]`), after the
 * first-run dialog is painted, or right after the first paint when the dashboard cannot be answered without the
 * Store (no replica id bound yet). Something that needs them earlier asks `loadData` itself.
 */
async function loadWhenShown(s: StartServices): Promise<void> {
  const first = await s.firstRun.catch(() => false);
  if (first) await whenShown('firstRunShownAt');
  else if (s.replicaId) await whenFirstScreenShown();
  else await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  void s.loadData().catch(() => undefined);
}

interface ServicesContextValue extends Omit<Services, 'settingsRef'> {
  settings: Settings;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  dbName: string;
  /** The base's replica id (the Store's once open; before, the one bound to the base, if any). */
  replicaId: string | undefined;
  /** `db` and `store` are there. */
  dataReady: boolean;
  /** The base and the Store, loading them now if they are not yet: a write before they are waits for them. */
  whenData(): Promise<{ db: AppDatabase; store: Store }>;
}

const ServicesContext = createContext<ServicesContextValue | null>(null);
/** The data services' promises for WithData: `load` starts loading them, `loaded` only waits (never rejects). */
const DataContext = createContext<{ load(): Promise<DataServices>; loaded: Promise<DataServices> } | null>(null);
const LiveContext = createContext<{ data: DataServices | undefined; startupBase: IDBDatabase | null }>({ data: undefined, startupBase: null });

const notYet = (what: string) => () => {
  throw new Error(`${what} n'est pas encore chargé : attendre whenData() ou placer l'écran dans <WithData>`);
};

function withData(base: Omit<ServicesContextValue, 'db' | 'store'>, data: DataServices | undefined): ServicesContextValue {
  if (data) return { ...base, db: data.db, store: data.store, replicaId: data.store.replicaId, dataReady: true };
  const v = { ...base, dataReady: false } as ServicesContextValue;
  Object.defineProperty(v, 'db', { get: notYet('La base'), enumerable: false });
  Object.defineProperty(v, 'store', { get: notYet('Le Store'), enumerable: false });
  return v;
}

export function ServicesProvider({ services, children }: { services: Services | StartServices; children: ReactNode }) {
  const [settings, setSettings] = useState(services.settingsRef.current);
  const start = isStart(services) ? services : null;
  const ready: DataServices | undefined = start ? undefined : { db: (services as Services).db, store: (services as Services).store, liveQuery: undefined };
  const [data, setData] = useState<DataServices | undefined>(ready);
  const [failed, setFailed] = useState<string | null>(null);
  const loadData = useMemo(() => (start ? start.loadData : () => Promise.resolve(ready!)), [services]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!start) return;
    let alive = true;
    // Waits for the load (loadWhenShown, WithData or whenData start it), never starts it.
    start.loaded.then(
      (d) => alive && setData(d),
      (e: unknown) => alive && setFailed(e instanceof Error ? e.message : String(e)),
    );
    void loadWhenShown(start);
    return () => {
      alive = false;
    };
  }, [start]);
  useEffect(() => {
    // Bench mounts and tests pass a full Services: live queries then need Dexie's liveQuery, loaded here.
    if (start || data?.liveQuery) return;
    void import('./dataServices').then(({ liveQueryOf }) => setData((d) => d && { ...d, liveQuery: liveQueryOf() }));
  }, [start, data]);
  const whenData = useCallback(() => loadData().then(({ db, store }) => ({ db, store })), [loadData]);
  const updateSettings = useCallback(
    async (patch: SettingsPatch) => {
      const next = await services.platform.updateSettings(patch);
      services.settingsRef.current = next;
      setSettings(next);
      return next;
    },
    [services],
  );
  const value = useMemo(
    () =>
      withData(
        {
          platform: services.platform,
          firstRun: services.firstRun,
          settings,
          updateSettings,
          dbName: start ? start.dbName : (services as Services).db.name,
          replicaId: start?.replicaId,
          dataReady: false,
          whenData,
        },
        data,
      ),
    [services, start, settings, updateSettings, data, whenData],
  );
  // Never rejects: a failure shows StartFailure instead of the children (which stay suspended meanwhile).
  const dataPromises = useMemo(() => {
    const never = () => new Promise<DataServices>(() => undefined);
    let loading: Promise<DataServices> | null = null;
    return {
      load: () => (loading ??= loadData().catch(never)),
      loaded: (start ? start.loaded : loadData()).catch(never),
    };
  }, [loadData, start]);
  const live = useMemo(() => ({ data: data?.liveQuery ? data : undefined, startupBase: start?.startupBase ?? null }), [data, start]);
  if (failed) return <StartFailure message={failed} />;
  return (
    <ServicesContext.Provider value={value}>
      <DataContext.Provider value={dataPromises}>
        <LiveContext.Provider value={live}>{children}</LiveContext.Provider>
      </DataContext.Provider>
    </ServicesContext.Provider>
  );
}

/** The base could not be opened (another window upgrading it, storage refused…): the same screen as before. */
export function StartFailure({ message }: { message: string }) {
  return (
    <div role="alert" style={{ fontFamily: 'sans-serif', padding: 32 }}>
      <h1>L'application n'a pas pu démarrer</h1>
      <p>{message}</p>
      <p>Fermez les autres fenêtres de l'application puis relancez-la. Si le problème persiste, restaurez une sauvegarde (voir la documentation).</p>
    </div>
  );
}

/**
 * Children that need the base and the Store: suspends until they are loaded — the nearest <Lazy> shows its
 * fallback meanwhile (« Chargement… » for a section, so the readiness marker waits for it). A section starts the
 * load at once; `waitOnly` children (the app-wide duties) wait for it to happen after the first screen.
 */
export function WithData({ children, waitOnly = false }: { children: ReactNode; waitOnly?: boolean }) {
  const outer = useServices();
  const promises = useContext(DataContext);
  const data = promises ? use(waitOnly ? promises.loaded : promises.load()) : undefined;
  const value = useMemo(() => (outer.dataReady || !data ? outer : withData(outer, data)), [outer, data]);
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

export function useServices(): ServicesContextValue {
  const v = useContext(ServicesContext);
  if (!v) throw new Error('ServicesProvider manquant');
  return v;
}

/** For useLive (live.ts): Dexie's live queries once loaded, the start-up connection before. */
export function useLiveContext() {
  return useContext(LiveContext);
}
