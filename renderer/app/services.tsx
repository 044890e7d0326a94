import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Settings, SettingsPatch } from '../../shared/settings/schema';
import { AppDatabase } from '../db/database';
import { Store } from '../db/store';
import { newReplicaId } from '../../shared/crdt/hlc';
import { isFirstRun } from '../db/firstRun';
import type { Platform } from '../platform';

export interface Services {
  platform: Platform;
  db: AppDatabase;
  store: Store;
  /** Latest settings; the store reads the office user name from here for history lines. */
  settingsRef: { current: Settings };
  /** Whether the first-run dialog must open, asked as soon as the base is open (not after the first render). */
  firstRun?: Promise<boolean>;
}

/** Open the database with this installation's replica id; ask for persistent storage once. */
export async function bootServices(platform: Platform, dbName?: string): Promise<Services> {
  const settingsRef = { current: await platform.getSettings() };
  const db = new AppDatabase(dbName);
  // The replica id is bound to the base (renderer/sync/identity.ts): a base without one (new, or wiped with the
  // settings kept) takes a fresh id, never the settings' one another base may have written under.
  const store = new Store(db, newReplicaId(), () => settingsRef.current.userName || 'Utilisateur');
  const machine = await platform.appInfo().then((i) => i.machine, () => undefined);
  await store.open(machine !== undefined ? { machine } : {});
  const firstRun = isFirstRun(db);
  // Persistent storage keeps the browser from evicting the office's data under disk pressure.
  if (navigator.storage?.persist) void navigator.storage.persist().catch(() => false);
  return { platform, db, store, settingsRef, firstRun };
}

interface ServicesContextValue extends Omit<Services, 'settingsRef'> {
  settings: Settings;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
}

const ServicesContext = createContext<ServicesContextValue | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  const [settings, setSettings] = useState(services.settingsRef.current);
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
    () => ({ platform: services.platform, db: services.db, store: services.store, firstRun: services.firstRun, settings, updateSettings }),
    [services, settings, updateSettings],
  );
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

export function useServices(): ServicesContextValue {
  const v = useContext(ServicesContext);
  if (!v) throw new Error('ServicesProvider manquant');
  return v;
}
