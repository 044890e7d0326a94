/**
 * One search index per open database: loaded once from Dexie, then kept up to date from Dexie's table hooks
 * (every writer — the store, bundle imports, the demo loader — goes through Dexie). Changes are applied when
 * their transaction commits, so an aborted write never reaches the index.
 */
import { useEffect, useState } from 'react';
import type { Transaction } from 'dexie';
import { dataOf, type CrdtRecord } from '../../../shared/crdt/record';
import type { Contact } from '../../../shared/domain/contact';
import type { Convention } from '../../../shared/domain/convention';
import type { Habilitation } from '../../../shared/domain/habilitation';
import type { Partner } from '../../../shared/domain/partner';
import { buildSearchIndex, contactDocument, habilitationDocument, partnerDocument } from '../../../shared/search/documents';
import type { SearchIndex } from '../../../shared/search/searchIndex';
import type { AppDatabase } from '../../db/database';

type Watched = 'partners' | 'conventions' | 'contacts' | 'habilitations';
const WATCHED: readonly Watched[] = ['partners', 'conventions', 'contacts', 'habilitations'];
/** Above this many changed records in one transaction, rebuild the index instead of patching it. */
const BULK_REBUILD = 500;

export class SearchService {
  private index: SearchIndex | null = null;
  private loading: Promise<SearchIndex> | null = null;
  private readonly pending = new Map<Transaction, { table: Watched; id: string; old?: CrdtRecord }[]>();
  private readonly listeners = new Set<() => void>();
  /** Bumped on every applied change, so result lists can refresh. */
  version = 0;

  constructor(private readonly db: AppDatabase) {
    for (const table of WATCHED) {
      const t = db.table<CrdtRecord, string>(table);
      t.hook('creating', (_key, obj, tx) => this.note(tx, table, obj.id));
      t.hook('updating', (_mods, key, obj, tx) => this.note(tx, table, String(key), obj));
      t.hook('deleting', (key, obj, tx) => this.note(tx, table, String(key), obj));
    }
  }

  private note(tx: Transaction, table: Watched, id: string, old?: CrdtRecord): void {
    if (!this.index && !this.loading) return;
    let list = this.pending.get(tx);
    if (!list) {
      list = [];
      this.pending.set(tx, list);
      tx.on('complete', () => void this.flush(tx));
      tx.on('abort', () => this.pending.delete(tx));
      tx.on('error', () => this.pending.delete(tx));
    }
    list.push({ table, id, ...(old ? { old } : {}) });
  }

  private async flush(tx: Transaction): Promise<void> {
    const changes = this.pending.get(tx) ?? [];
    this.pending.delete(tx);
    this.changeCount++;
    if (changes.length > BULK_REBUILD) {
      // A bulk load or a large bundle import (often many chunks in a row): one rebuild once it is over is far
      // cheaper than thousands of single reads. The current index keeps answering meanwhile.
      if (this.rebuildTimer !== undefined) clearTimeout(this.rebuildTimer);
      this.rebuildTimer = setTimeout(() => void this.rebuild(), 400);
      return;
    }
    const index = await this.ready();
    const partnersToRefresh = new Set<string>();
    for (const c of changes) {
      if (c.table === 'partners') partnersToRefresh.add(c.id);
      if (c.table === 'conventions') {
        const partnerId = (c.old?.partnerId as string | undefined) ?? (await this.db.conventions.get(c.id))?.partnerId;
        if (typeof partnerId === 'string') partnersToRefresh.add(partnerId);
      }
      if (c.table === 'contacts' || c.table === 'habilitations') await this.reindexPerson(index, c.table, c.id);
    }
    for (const id of partnersToRefresh) await this.reindexPartner(index, id);
    this.version++;
    for (const l of this.listeners) l();
  }

  private async partnerName(id: string | undefined): Promise<string | undefined> {
    if (!id) return undefined;
    const p = await this.db.partners.get(id);
    return p && p._deleted === 0 ? (p.name as string) : undefined;
  }

  private async reindexPerson(index: SearchIndex, table: 'contacts' | 'habilitations', id: string): Promise<void> {
    const rec = await this.db.table<CrdtRecord, string>(table).get(id);
    const kind = table === 'contacts' ? 'contact' : 'habilitation';
    if (!rec || rec._deleted) return index.remove(kind, id);
    if (table === 'contacts') {
      const c = dataOf<Contact>(rec);
      index.upsert(contactDocument(c, await this.partnerName(c.partnerId)));
    } else {
      const h = dataOf<Habilitation>(rec);
      index.upsert(habilitationDocument(h, await this.partnerName(h.partnerId)));
    }
  }

  /** A partner's own line, and its people's lines (they show the partner's name). */
  private async reindexPartner(index: SearchIndex, id: string): Promise<void> {
    const rec = await this.db.partners.get(id);
    if (!rec || rec._deleted) {
      index.remove('partner', id);
      return;
    }
    const p = dataOf<Partner>(rec);
    const conventions = (await this.db.conventions.where('partnerId').equals(id).toArray()).filter((c) => c._deleted === 0);
    index.upsert(partnerDocument(p, conventions.map((c) => String(c.number ?? '')).filter(Boolean)));
    for (const c of await this.db.contacts.where('partnerId').equals(id).toArray()) {
      if (c._deleted === 0) index.upsert(contactDocument(dataOf<Contact>(c), p.name));
    }
    for (const h of await this.db.habilitations.where('partnerId').equals(id).toArray()) {
      if (h._deleted === 0) index.upsert(habilitationDocument(dataOf<Habilitation>(h), p.name));
    }
  }

  private changeCount = 0;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;

  private async rebuild(): Promise<void> {
    this.rebuildTimer = undefined;
    const before = this.changeCount;
    const fresh = await this.loadAll();
    this.index = fresh;
    this.loading = Promise.resolve(fresh);
    // A change committed while we were reading may be missing from the fresh index: read again.
    if (this.changeCount !== before && this.rebuildTimer === undefined) this.rebuildTimer = setTimeout(() => void this.rebuild(), 400);
    this.version++;
    for (const l of this.listeners) l();
  }

  private async loadAll(): Promise<SearchIndex> {
    const db = this.db;
    const live = async <T,>(table: Watched) => (await db.table<CrdtRecord, string>(table).where('_deleted').equals(0).toArray()).map((r) => dataOf<T>(r));
    const [partners, conventions, contacts, habilitations] = await Promise.all([
      live<Partner>('partners'),
      live<Convention>('conventions'),
      live<Contact>('contacts'),
      live<Habilitation>('habilitations'),
    ]);
    return buildSearchIndex({ partners, conventions, contacts, habilitations });
  }

  /** The index, loading it on first call. */
  ready(): Promise<SearchIndex> {
    if (this.index) return Promise.resolve(this.index);
    if (!this.loading) {
      this.loading = this.loadAll().then((index) => (this.index = index));
    }
    return this.loading;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const services = new WeakMap<AppDatabase, SearchService>();

export function searchServiceFor(db: AppDatabase): SearchService {
  let s = services.get(db);
  if (!s) {
    s = new SearchService(db);
    services.set(db, s);
  }
  return s;
}

/** The loaded index (null while loading) and a version that changes when records change. */
export function useSearchIndex(db: AppDatabase, enabled: boolean): { index: SearchIndex | null; version: number } {
  const service = searchServiceFor(db);
  const [state, setState] = useState<{ index: SearchIndex | null; version: number }>({ index: null, version: 0 });
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    void service.ready().then((index) => alive && setState({ index, version: service.version }));
    const unsubscribe = service.subscribe(() => void service.ready().then((index) => alive && setState({ index, version: service.version })));
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [service, enabled]);
  return state;
}
