/**
 * The derived-state worker: opens its own connection to the base, loads the snapshot, catches up, rebuilds when
 * needed, follows every committed write (Dexie relays them between the page and workers), answers the dashboard
 * and the search box, and writes the snapshot — all off the page's main thread. One typed boundary (comlink).
 */
import { expose } from 'comlink';
import { AppDatabase } from '../db/database';
import { DerivedState } from './derivedState';
import type { DerivedApi } from './api';
import type { ChangeNotice } from './derivedState';

let state: DerivedState | null = null;
let listener: ((what: ChangeNotice) => void) | null = null;

const api: DerivedApi = {
  async start(dbName, base) {
    if (state) return;
    const db = new AppDatabase(dbName);
    await db.open();
    state = new DerivedState(db, { base, onChange: (what) => listener?.(what) });
    // The dashboard is there once start resolves for a snapshot; during a rebuild, as soon as its phase is done.
    void state.start().catch((e: unknown) => console.error('État dérivé : démarrage impossible', e));
  },
  onChange(cb) {
    listener = cb;
  },
  async dashboard(today) {
    return state?.computeDashboard(today) ?? null;
  },
  async search(query, perGroup) {
    return state?.searchFor(query, perGroup) ?? null;
  },
  async info() {
    return { status: state?.status ?? 'vide', lastStart: state?.lastStart ?? null, position: state?.position ?? null };
  },
  async idle() {
    await state?.idle();
  },
  async saveNow() {
    await state?.idle();
    await state?.save();
  },
  async stop() {
    state?.close();
    state?.db.close();
    state = null;
  },
};

expose(api);
