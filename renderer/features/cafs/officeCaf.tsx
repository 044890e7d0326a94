/** The Caf records, live, and the office's own (the one Paramètres chose); the one-time adoption of pre-v2 settings. */
import { useEffect } from 'react';
import { useServices } from '../../app/services';
import { useLive } from '../../app/live';
import { liveRows } from '../../db/rows';
import { plainLiveRows } from '../../derived/idb';
import type { Caf } from '../../../shared/domain/caf';
import type { Territory } from '../../../shared/domain/common';

/** Every Caf of the base, by name (undefined while loading). */
export function useCafs(): Caf[] | undefined {
  // The app bar names the office's Caf on the first paint: read with plain IndexedDB until Dexie is loaded.
  return useLive(async (db) => byName(await liveRows(db, 'cafs')), [], async (idb) => byName(await plainLiveRows<Caf>(idb, 'cafs')));
}

const byName = (cafs: Caf[]) => cafs.sort((a, b) => a.name.localeCompare(b.name, 'fr'));

/** The office's Caf record: the one chosen in Paramètres, else the only one of the base. */
export function pickOfficeCaf(cafs: readonly Caf[] | undefined, officeCafId: string): Caf | undefined {
  if (!cafs) return undefined;
  return cafs.find((c) => c.id === officeCafId) ?? (cafs.length === 1 ? cafs[0] : undefined);
}

export function useOfficeCaf(): { caf: Caf | undefined; cafs: Caf[] | undefined; territory: Territory } {
  const { settings } = useServices();
  const cafs = useCafs();
  const caf = pickOfficeCaf(cafs, settings.officeCafId);
  // Before the first run chose a Caf, the territory typed in old settings still decides the public holidays.
  return { caf, cafs, territory: caf?.territory ?? settings.caf.territory };
}

/** Name shown for a contact's or partner's own Caf. */
export function cafLabel(cafs: ReadonlyMap<string, Caf> | undefined, cafId: string | undefined): string {
  const caf = cafId ? cafs?.get(cafId) : undefined;
  return caf ? caf.name : 'Caf';
}

/** Mounted once: moves a pre-version-2 Caf identity from the settings into a Caf record (see adoptOfficeCaf). */
export function OfficeCafAdoption() {
  const { store, settings, updateSettings } = useServices();
  const pending = !settings.officeCafId && !!settings.caf.name.trim();
  useEffect(() => {
    if (!pending) return;
    // The Caf actions (and the phone metadata they validate with, ≈ 150 KB) load only when there is something to
    // adopt, not before every first screen.
    void import('./actions').then(({ adoptOfficeCaf }) => adoptOfficeCaf(store, settings, updateSettings)).catch((e: unknown) => console.error('Reprise de la Caf du service impossible', e));
    // Runs again only when what it depends on changes, not on every settings object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending, store]);
  return null;
}
