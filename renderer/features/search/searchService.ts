/**
 * The search box's data, one per open database: the search index, plus the partners, conventions and contacts
 * it is built from (names and convention numbers are needed to re-index a changed record). Reading 150,000
 * habilitations from IndexedDB takes seconds (every record carries its per-field stamps), so it is done once,
 * in the background after the first screen is shown, and then kept current from Dexie's table hooks: every
 * writer (the store, bundle imports, bulk loaders) goes through Dexie. Changes are applied when their
 * transaction commits, so an aborted write never shows.
 */
import type { Transaction } from 'dexie';
import { dataOf, type CrdtRecord } from '../../../shared/crdt/record';
import type { Contact } from '../../../shared/domain/contact';
import type { Convention } from '../../../shared/domain/convention';
import type { Habilitation } from '../../../shared/domain/habilitation';
import type { Partner } from '../../../shared/domain/partner';
import { buildSearchIndexInSlices, contactDocument, habilitationDocument, partnerDocument } from '../../../shared/search/documents';
import type { SearchIndex } from '../../../shared/search/searchIndex';
import type { AppDatabase } from '../../db/database';

type Watched = 'partners' | 'conventions' | 'contacts' | 'habilitations';
const WATCHED: readonly Watched[] = ['partners', 'conventions', 'contacts', 'habilitations'];
/** Above this many changed records in one transaction, rebuild the mirror instead of patching it. */
const BULK_REBUILD = 500;

export interface RecordsMirror {
  /** Built after the maps, in slices (null meanwhile) so building never freezes the screen. */
  index: SearchIndex | null;
  partners: Map<string, Partner>;
  conventions: Map<string, Convention>;
  contacts: Map<string, Contact>;
}

const live = (r: CrdtRecord | undefined): r is CrdtRecord => !!r && r._deleted === 0;

export class SearchService {
  private state: RecordsMirror | null = null;
  private loading: Promise<RecordsMirror> | null = null;
  private readonly pending = new Map<Transaction, { table: Watched; id: string }[]>();
  private readonly listeners = new Set<() => void>();
  private changeCount = 0;
  private backlog: { table: Watched; id: string }[] = [];
  private indexing: Promise<SearchIndex> | null = null;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every applied change, so views can refresh. */
  version = 0;

  private readonly unhook: (() => void)[] = [];

  constructor(private readonly db: AppDatabase) {
    for (const table of WATCHED) {
      const t = db.table<CrdtRecord, string>(table);
      const creating = (_key: unknown, obj: CrdtRecord, tx: Transaction) => this.note(tx, table, obj.id);
      const updating = (_mods: unknown, key: unknown, _obj: unknown, tx: Transaction) => this.note(tx, table, String(key));
      const deleting = (key: unknown, _obj: unknown, tx: Transaction) => this.note(tx, table, String(key));
      t.hook('creating', creating);
      t.hook('updating', updating);
      t.hook('deleting', deleting);
      this.unhook.push(() => {
        t.hook.creating.unsubscribe(creating);
        t.hook.updating.unsubscribe(updating);
        t.hook.deleting.unsubscribe(deleting);
      });
    }
  }

  /** Stop following the database (hooks slow bulk writes a little); for short-lived instances such as the bench. */
  dispose(): void {
    for (const u of this.unhook.splice(0)) u();
    if (this.rebuildTimer !== undefined) clearTimeout(this.rebuildTimer);
    this.listeners.clear();
  }

  private note(tx: Transaction, table: Watched, id: string): void {
    if (!this.state && !this.loading) return;
    let list = this.pending.get(tx);
    if (!list) {
      list = [];
      this.pending.set(tx, list);
      tx.on('complete', () => void this.flush(tx));
      tx.on('abort', () => this.pending.delete(tx));
      tx.on('error', () => this.pending.delete(tx));
    }
    list.push({ table, id });
  }

  private notify(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private async flush(tx: Transaction): Promise<void> {
    const changes = this.pending.get(tx) ?? [];
    this.pending.delete(tx);
    this.changeCount++;
    if (changes.length > BULK_REBUILD) {
      // A bulk load or a large bundle import (often many chunks in a row): one rebuild once it is over is far
      // cheaper than thousands of single reads. The current mirror keeps answering meanwhile.
      if (this.rebuildTimer !== undefined) clearTimeout(this.rebuildTimer);
      this.rebuildTimer = setTimeout(() => void this.rebuild(), 400);
      return;
    }
    const m = await this.mirror();
    const seen = new Set<string>();
    const partnersToRefresh = new Set<string>();
    for (const c of changes) {
      const key = `${c.table}:${c.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const rec = await this.db.table<CrdtRecord, string>(c.table).get(c.id);
      if (c.table === 'partners') {
        if (live(rec)) m.partners.set(c.id, dataOf<Partner>(rec));
        else m.partners.delete(c.id);
        partnersToRefresh.add(c.id);
      } else if (c.table === 'conventions') {
        const before = m.conventions.get(c.id)?.partnerId;
        if (before) partnersToRefresh.add(before);
        if (live(rec)) {
          const conv = dataOf<Convention>(rec);
          m.conventions.set(c.id, conv);
          partnersToRefresh.add(conv.partnerId);
        } else m.conventions.delete(c.id);
      } else if (c.table === 'contacts') {
        if (live(rec)) m.contacts.set(c.id, dataOf<Contact>(rec));
        else m.contacts.delete(c.id);
      }
    }
    if (m.index) await this.updateIndex(m, m.index, changes, partnersToRefresh);
    else this.backlog.push(...changes);
    this.notify();
  }

  /** Bring the search index up to date with changed records (read again: the index may lag the maps). */
  private async updateIndex(m: RecordsMirror, index: SearchIndex, changes: readonly { table: Watched; id: string }[], partners: Set<string>): Promise<void> {
    for (const c of changes) {
      if (c.table === 'contacts') {
        const contact = m.contacts.get(c.id);
        if (contact) index.upsert(contactDocument(contact, contact.partnerId ? m.partners.get(contact.partnerId)?.name : undefined));
        else index.remove('contact', c.id);
      } else if (c.table === 'habilitations') {
        const rec = await this.db.habilitations.get(c.id);
        if (live(rec)) {
          const h = dataOf<Habilitation>(rec);
          index.upsert(habilitationDocument(h, m.partners.get(h.partnerId)?.name));
        } else index.remove('habilitation', c.id);
      } else if (c.table === 'partners') partners.add(c.id);
      else if (c.table === 'conventions') {
        const partnerId = m.conventions.get(c.id)?.partnerId ?? ((await this.db.conventions.get(c.id))?.partnerId as string | undefined);
        if (partnerId) partners.add(partnerId);
      }
    }
    for (const id of partners) await this.reindexPartner(m, index, id);
  }

  /** A partner's own line, and its people's lines (they show the partner's name). */
  private async reindexPartner(m: RecordsMirror, index: SearchIndex, id: string): Promise<void> {
    const p = m.partners.get(id);
    if (!p) {
      index.remove('partner', id);
      return;
    }
    const numbers = [...m.conventions.values()].filter((c) => c.partnerId === id && c.number).map((c) => c.number);
    index.upsert(partnerDocument(p, numbers));
    for (const c of await this.db.contacts.where('partnerId').equals(id).toArray()) {
      if (live(c)) index.upsert(contactDocument(dataOf<Contact>(c), p.name));
    }
    for (const h of await this.db.habilitations.where('partnerId').equals(id).toArray()) {
      if (live(h)) index.upsert(habilitationDocument(dataOf<Habilitation>(h), p.name));
    }
  }

  private async rebuild(): Promise<void> {
    this.rebuildTimer = undefined;
    const before = this.changeCount;
    const fresh = await this.loadAll();
    this.state = fresh;
    this.loading = Promise.resolve(fresh);
    // A change committed while we were reading may be missing from the fresh mirror: read again.
    if (this.changeCount !== before && this.rebuildTimer === undefined) this.rebuildTimer = setTimeout(() => void this.rebuild(), 400);
    this.notify();
  }

  private async loadAll(): Promise<RecordsMirror> {
    const db = this.db;
    const rows = async <T,>(table: Watched) => (await db.table<CrdtRecord, string>(table).where('_deleted').equals(0).toArray()).map((r) => dataOf<T>(r));
    const [partners, conventions, contacts, habilitations] = await Promise.all([
      rows<Partner>('partners'),
      rows<Convention>('conventions'),
      rows<Contact>('contacts'),
      rows<Habilitation>('habilitations'),
    ]);
    const m: RecordsMirror = {
      index: null,
      partners: new Map(partners.map((p) => [p.id, p])),
      conventions: new Map(conventions.map((c) => [c.id, c])),
      contacts: new Map(contacts.map((c) => [c.id, c])),
    };
    // The index comes after, a slice at a time; changes meanwhile wait in the backlog.
    const backlog: { table: Watched; id: string }[] = [];
    this.backlog = backlog;
    this.indexing = (async () => {
      const index = await buildSearchIndexInSlices({ partners, conventions, contacts, habilitations }, () => new Promise((r) => setTimeout(r, 0)));
      // Replay what changed while building (the list may grow while we replay: loop until empty).
      while (backlog.length) await this.updateIndex(m, index, backlog.splice(0), new Set());
      m.index = index;
      this.notify();
      return index;
    })();
    return m;
  }

  /** The whole mirror, loading it on first call. */
  mirror(): Promise<RecordsMirror> {
    if (this.state) return Promise.resolve(this.state);
    this.loading ??= this.loadAll().then((m) => (this.state = m));
    return this.loading;
  }

  /** The search index, loading the mirror on first call and waiting for the index to be built. */
  async ready(): Promise<SearchIndex> {
    const m = await this.mirror();
    return m.index ?? (await this.indexing!);
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
