/**
 * `useLiveQuery` (dexie-react-hooks) for pieces of the first screen, which paints before Dexie is loaded
 * (services.tsx): until then the value comes from `first`, a plain IndexedDB read of the same rows
 * (renderer/derived/idb.ts), if given; once Dexie is there, `query` runs as a Dexie live query and follows every
 * change. The last value stays on screen across the switch (no flicker) and when deps change, as with
 * useLiveQuery. Undefined until a first value; a failing live query throws in render, as useLiveQuery does.
 */
import { useEffect, useState, type DependencyList } from 'react';
import type { AppDatabase } from '../db/database';
import { useLiveContext } from './services';

export function useLive<T>(query: (db: AppDatabase) => Promise<T> | T, deps: DependencyList, first?: (idb: IDBDatabase) => Promise<T>): T | undefined {
  const { data, startupBase } = useLiveContext();
  const [state, setState] = useState<{ value: T | undefined; error?: unknown }>({ value: undefined });
  useEffect(() => {
    if (!data?.liveQuery) {
      if (!first || !startupBase) return;
      let alive = true;
      // A failed start-up read (older schema, connection closed by Dexie's upgrade) leaves it to Dexie.
      first(startupBase).then(
        (value) => alive && setState({ value }),
        () => undefined,
      );
      return () => {
        alive = false;
      };
    }
    const { db } = data;
    const subscription = data.liveQuery(() => query(db)).subscribe({
      next: (value) => setState({ value }),
      error: (error: unknown) => setState((s) => ({ ...s, error })),
    });
    return () => subscription.unsubscribe();
    // The caller's deps stand for what `query` and `first` read, as with useLiveQuery.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, startupBase, ...deps]);
  if (state.error) throw state.error;
  return state.value;
}
