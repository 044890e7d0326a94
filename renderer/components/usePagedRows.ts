/**
 * The rows of a paged list (renderer/db/paging.ts) for VirtualTable: the first page as soon as it is read, then
 * pages ahead of what the user scrolls to (`want(lastVisibleIndex)`). `query` identifies the filters and sort:
 * when it changes the list starts over; `version` (undefined until known) changes when the data does: the rows already loaded are
 * read again (up to as far as the user had scrolled) and swapped in at once, so the list never flashes empty.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { drain, type PageSource } from '../db/paging';

const FIRST_PAGE = 100;
const PAGE = 400;
/** Rows kept loaded beyond the last visible one. */
const AHEAD = 200;

export interface PagedRows<R> {
  /** Rows loaded so far, in order. */
  rows: readonly R[];
  /** True once the query has no more rows (then `rows` is the whole list). */
  done: boolean;
  /** False until the first page of the current query is in. */
  ready: boolean;
  /** The list shows rows up to `index`: load ahead of it. */
  want(index: number): void;
  /** Every row of the current query (a fresh walk), for an export. */
  all(): Promise<R[]>;
}

export function usePagedRows<R>(open: () => Promise<PageSource<R>>, query: string, version: unknown): PagedRows<R> {
  const [state, setState] = useState<{ rows: readonly R[]; done: boolean; query: string | null }>({ rows: [], done: false, query: null });
  const wanted = useRef(0);
  const [wantTick, setWantTick] = useState(0);
  const openRef = useRef(open);
  openRef.current = open;
  const source = useRef<{ src: PageSource<R>; query: string; busy: boolean } | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  // Re-read on a new `version` of the same query, except its first one (undefined → known: nothing changed yet).
  const generation = useRef({ query, version, n: 0 });
  if (generation.current.query !== query) generation.current = { query, version, n: 0 };
  else if (generation.current.version !== version) generation.current = { query, version, n: generation.current.n + (generation.current.version === undefined ? 0 : 1) };
  const reread = generation.current.n;

  // A new query starts from its first page; a new version re-reads as far as the current rows go.
  useEffect(() => {
    let cancelled = false;
    const sameQuery = stateRef.current.query === query;
    const target = sameQuery ? Math.max(stateRef.current.rows.length, wanted.current + AHEAD, FIRST_PAGE) : FIRST_PAGE;
    if (!sameQuery) wanted.current = 0;
    source.current = null;
    void (async () => {
      const src = await openRef.current();
      if (cancelled) return;
      const rows: R[] = [];
      let done = false;
      while (rows.length < target) {
        const page = await src.next(rows.length === 0 ? Math.min(FIRST_PAGE, target) : PAGE);
        if (cancelled) return;
        if (page.length === 0) {
          done = true;
          break;
        }
        for (const r of page) rows.push(r);
        // A new query shows its first page as soon as it is in, even short (a filtered walk hands out what it
        // found within its read budget); the pages ahead follow. A re-read goes as far as the rows shown, so the
        // list never gets shorter under the user's eyes.
        if (!sameQuery) break;
      }
      source.current = { src, query, busy: false };
      setState({ rows, done, query });
      setWantTick((t) => t + 1);
    })();
    return () => {
      cancelled = true;
    };
  }, [query, reread]);

  // Pages ahead of the last visible row, one at a time.
  useEffect(() => {
    const s = source.current;
    if (!s || s.busy || state.done || state.query !== s.query || state.rows.length > wanted.current + AHEAD) return;
    s.busy = true;
    void s.src.next(PAGE).then((page) => {
      s.busy = false;
      if (source.current !== s) return;
      setState((prev) => (prev.query !== s.query ? prev : { rows: page.length ? [...prev.rows, ...page] : prev.rows, done: page.length === 0, query: prev.query }));
    });
  }, [state, wantTick]);

  const want = useCallback((index: number) => {
    if (index <= wanted.current) return;
    wanted.current = index;
    setWantTick((t) => t + 1);
  }, []);
  const all = useCallback(async () => drain(await openRef.current()), []);
  return { rows: state.rows, done: state.done, ready: state.query === query, want, all };
}
