/** The derived-state worker's boundary (comlink): what the page may ask of it. */
import type { Dashboard, DashboardLine, DashboardView } from '../features/dashboard/dashboardData';
import type { SearchResult } from '../../shared/search/searchIndex';
import type { ChangeNotice, DerivedStatus, Position } from './derivedState';

export interface DerivedInfo {
  status: DerivedStatus;
  lastStart: { from: 'instantané' | 'reconstruction'; caughtUp: number; reason?: string } | null;
  position: Position | null;
}

export interface DerivedCounts {
  partner: number;
  contact: number;
  habilitation: number;
}

export interface DerivedApi {
  /**
   * Start reading the dashboard's snapshot of base `dbName` before its identity is known (the page is still
   * opening it); `start` with the same name uses that read if the snapshot is this base's.
   */
  prepare(dbName: string): Promise<void>;
  /** Open the base `dbName` (whose identity is `base`) and start loading; resolves at once. */
  start(dbName: string, base: string): Promise<void>;
  /**
   * The first screen is shown: load the rest of the state (search index, live updates, snapshot writes) now that
   * it no longer competes with it. Also loaded when search, info, idle or saveNow is called.
   */
  warm(): Promise<void>;
  /** Called (through a comlink proxy) whenever the dashboard or the search state changed. */
  onChange(cb: (what: ChangeNotice) => void): void;
  /** The dashboard's cards for that day (counts and first lines); null while the state is not available yet. */
  dashboard(today: string): Promise<DashboardView | null>;
  /** Every line of one card (« Tout afficher », CSV); null while the state is not available yet. */
  dashboardLines(today: string, card: keyof Dashboard): Promise<DashboardLine[] | null>;
  /** Search results; null while the index is not available yet. */
  search(query: string, perGroup: number): Promise<SearchResult | null>;
  /**
   * Live records per kind, as the search index holds them (kept up to date with every write): what a list's
   * « sur N » shows without an IndexedDB count, which walks the whole index key by key (≈ 1.2 s for 150,000
   * habilitations, and every other read of the origin waits behind it). Null while the index is not current.
   */
  counts(): Promise<DerivedCounts | null>;
  info(): Promise<DerivedInfo>;
  /** Resolves when every queued catch-up and save is done. */
  idle(): Promise<void>;
  /** Write the snapshot now (tests, bench). */
  saveNow(): Promise<void>;
  stop(): Promise<void>;
}
