/** The derived-state service behind the worker boundary (also run on the page where workers are unavailable). */
import { AppDatabase } from '../db/database';
import { DerivedState, type ChangeNotice } from './derivedState';
import type { DerivedApi } from './api';

export function createDerivedApi(): DerivedApi {
  let state: DerivedState | null = null;
  let listener: ((what: ChangeNotice) => void) | null = null;
  return {
    async start(dbName, base) {
      if (state) return;
      const db = new AppDatabase(dbName);
      await db.open();
      state = new DerivedState(db, { base, onChange: (what) => listener?.(what) });
      // The dashboard is available as soon as its snapshot is caught up (or its rebuild phase done).
      void state.start().catch((e: unknown) => console.error('État dérivé : démarrage impossible', e));
    },
    async onChange(cb) {
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
}
