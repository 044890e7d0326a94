/**
 * In-memory search index over partners, contacts and habilitations. One sub-index per kind (so a broad word
 * that matches thousands of phone numbers cannot starve the other groups), each with a sorted array of
 * distinct tokens (binary search finds every token starting with a typed word), postings per token, and each
 * document's own tokens, so the other words of a query are checked on the candidates of the rarest word
 * instead of intersecting large sets. Scanning stops once a group has enough results. Updates are incremental.
 */
import { tokenize } from './normalize';
import { searchKinds, type SearchKind } from './kinds';

export { searchKinds, type SearchKind };

export interface SearchDocument {
  kind: SearchKind;
  id: string;
  /** The partner the result opens (itself for a partner). */
  partnerId: string;
  title: string;
  subtitle: string;
  /** Texts tokenised for search. */
  texts: readonly string[];
  /** Extra tokens taken as they are (phone digit forms). */
  extraTokens?: readonly string[];
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  partnerId: string;
  title: string;
  subtitle: string;
}

export interface SearchResult {
  groups: Record<SearchKind, SearchHit[]>;
  /** True when a group was cut at the limit. */
  truncated: Record<SearchKind, boolean>;
}

/** One kind's live documents, columnar (see SearchIndex.snapshot). */
export interface KindSnapshot {
  ids: string[];
  partnerIds: string[];
  titles: string[];
  subtitles: string[];
  /** Each document's tokens, joined by single spaces (tokens never contain one). */
  tokens: string[];
}

export type SearchSnapshot = Record<SearchKind, KindSnapshot>;

interface Doc extends SearchHit {
  tokens: string[];
  alive: boolean;
}

/** One collator for every sort: `localeCompare` builds a new one per call, which dominated short queries. */
const byTitle = new Intl.Collator('fr', { sensitivity: 'base' }).compare;

/** Lowest index i such that sorted[i] >= word. */
function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** -1 when a word has no token starting with it; otherwise the number of words matched exactly. */
function matchScore(tokens: readonly string[], words: readonly string[]): number {
  let score = 0;
  for (const w of words) {
    let found = false;
    for (const t of tokens) {
      if (t === w) {
        found = true;
        score++;
        break;
      }
      if (t.startsWith(w)) found = true;
    }
    if (!found) return -1;
  }
  return score;
}

/** The index of one kind of record. */
class KindIndex {
  private docs: Doc[] = [];
  private slotById = new Map<string, number>();
  private postings = new Map<string, number[]>();
  private sorted: string[] = [];
  private pendingTokens: string[] = [];

  get size(): number {
    return this.slotById.size;
  }

  add(d: SearchDocument, keepSorted: boolean): void {
    const tokens = new Set<string>();
    for (const t of d.texts) for (const tok of tokenize(t)) tokens.add(tok);
    for (const t of d.extraTokens ?? []) if (t) tokens.add(t);
    const slot = this.docs.length;
    const list = [...tokens];
    this.docs.push({ kind: d.kind, id: d.id, partnerId: d.partnerId, title: d.title, subtitle: d.subtitle, tokens: list, alive: true });
    this.slotById.set(d.id, slot);
    for (const tok of list) {
      const p = this.postings.get(tok);
      if (p) p.push(slot);
      else {
        this.postings.set(tok, [slot]);
        if (keepSorted) this.pendingTokens.push(tok);
      }
    }
  }

  /** Live documents, columnar (cheap to store and to clone): tokens joined by spaces. */
  snapshot(): KindSnapshot {
    const out: KindSnapshot = { ids: [], partnerIds: [], titles: [], subtitles: [], tokens: [] };
    for (const d of this.docs) {
      if (!d.alive) continue;
      out.ids.push(d.id);
      out.partnerIds.push(d.partnerId);
      out.titles.push(d.title);
      out.subtitles.push(d.subtitle);
      out.tokens.push(d.tokens.join(' '));
    }
    return out;
  }

  /** Add the documents of a snapshot (their tokens are already normalised). */
  restore(kind: SearchKind, s: KindSnapshot): void {
    for (let i = 0; i < s.ids.length; i++) {
      const slot = this.docs.length;
      const tokens = s.tokens[i] ? s.tokens[i]!.split(' ') : [];
      this.docs.push({ kind, id: s.ids[i]!, partnerId: s.partnerIds[i]!, title: s.titles[i]!, subtitle: s.subtitles[i]!, tokens, alive: true });
      this.slotById.set(s.ids[i]!, slot);
      for (const tok of tokens) {
        const p = this.postings.get(tok);
        if (p) p.push(slot);
        else this.postings.set(tok, [slot]);
      }
    }
    this.sortAll();
  }

  sortAll(): void {
    this.sorted = [...this.postings.keys()].sort();
    this.pendingTokens = [];
  }

  /** Forget a document. Its slot stays as a dead entry; postings no longer list it. */
  remove(id: string): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    const doc = this.docs[slot]!;
    doc.alive = false;
    for (const tok of doc.tokens) {
      const p = this.postings.get(tok);
      if (!p) continue;
      const i = p.indexOf(slot);
      if (i >= 0) p.splice(i, 1);
    }
    this.slotById.delete(id);
  }

  has(id: string): boolean {
    return this.slotById.has(id);
  }

  private ensureSorted(): void {
    if (this.pendingTokens.length === 0) return;
    // New tokens are few between queries (one record edited): insert each at its place.
    for (const tok of this.pendingTokens) {
      const i = lowerBound(this.sorted, tok);
      if (this.sorted[i] !== tok) this.sorted.splice(i, 0, tok);
    }
    this.pendingTokens = [];
  }

  /** Total postings of the tokens starting with `word`, counting stopped past `cap`. */
  private count(word: string, cap: number): number {
    let total = 0;
    for (let i = lowerBound(this.sorted, word); i < this.sorted.length; i++) {
      const tok = this.sorted[i]!;
      if (!tok.startsWith(word)) break;
      total += this.postings.get(tok)?.length ?? 0;
      if (total > cap) break;
    }
    return total;
  }

  /** Up to `keep` matching documents with their score; `more` when the scan stopped early. */
  search(words: readonly string[], keep: number): { found: { hit: Doc; score: number }[]; more: boolean } {
    this.ensureSorted();
    const found: { hit: Doc; score: number }[] = [];
    // The rarest word gives the candidates; the others are checked on each candidate's own tokens.
    let best = words[0]!;
    if (words.length > 1) {
      let bestTotal = Number.POSITIVE_INFINITY;
      for (const word of words) {
        const total = this.count(word, bestTotal);
        if (total < bestTotal) {
          best = word;
          bestTotal = total;
        }
        if (bestTotal === 0) return { found, more: false };
      }
    }
    const seen = new Set<number>();
    // Walk the candidates lazily, token by token: a broad word stops as soon as enough documents match.
    for (let i = lowerBound(this.sorted, best); i < this.sorted.length; i++) {
      const tok = this.sorted[i]!;
      if (!tok.startsWith(best)) break;
      const list = this.postings.get(tok);
      if (!list) continue;
      for (const slot of list) {
        if (seen.has(slot)) continue;
        seen.add(slot);
        const doc = this.docs[slot]!;
        if (!doc.alive) continue;
        const score = words.length === 1 ? (tok === best ? 1 : 0) : matchScore(doc.tokens, words);
        if (score < 0) continue;
        if (found.length >= keep) return { found, more: true };
        found.push({ hit: doc, score });
      }
    }
    return { found, more: false };
  }
}

export class SearchIndex {
  private readonly kinds: Record<SearchKind, KindIndex> = { partner: new KindIndex(), contact: new KindIndex(), habilitation: new KindIndex() };

  get size(): number {
    return searchKinds.reduce((n, k) => n + this.kinds[k].size, 0);
  }

  /** Build from many documents at once (faster than repeated upserts: one sort per kind). */
  static build(documents: Iterable<SearchDocument>): SearchIndex {
    const index = new SearchIndex();
    for (const d of documents) index.kinds[d.kind].add(d, false);
    for (const k of searchKinds) index.kinds[k].sortAll();
    return index;
  }

  /**
   * The same as `build`, a slice at a time: after every `sliceSize` documents it awaits `pause()` (a
   * macrotask in the app) so building 185,000 documents never freezes the screen.
   */
  static async buildInSlices(documents: Iterable<SearchDocument>, pause: () => Promise<void>, sliceSize = 5_000): Promise<SearchIndex> {
    const index = new SearchIndex();
    let n = 0;
    for (const d of documents) {
      index.kinds[d.kind].add(d, false);
      if (++n % sliceSize === 0) await pause();
    }
    for (const k of searchKinds) index.kinds[k].sortAll();
    return index;
  }

  /** Every live document, to persist (tokens kept, so restoring does not tokenise again). */
  snapshot(): SearchSnapshot {
    return { partner: this.kinds.partner.snapshot(), contact: this.kinds.contact.snapshot(), habilitation: this.kinds.habilitation.snapshot() };
  }

  static fromSnapshot(s: SearchSnapshot): SearchIndex {
    const index = new SearchIndex();
    for (const k of searchKinds) index.kinds[k].restore(k, s[k]);
    return index;
  }

  /** Live documents of one kind. */
  count(kind: SearchKind): number {
    return this.kinds[kind].size;
  }

  /** Add or replace one document. */
  upsert(d: SearchDocument): void {
    const k = this.kinds[d.kind];
    k.remove(d.id);
    k.add(d, true);
  }

  remove(kind: SearchKind, id: string): void {
    this.kinds[kind].remove(id);
  }

  has(kind: SearchKind, id: string): boolean {
    return this.kinds[kind].has(id);
  }

  /**
   * Documents that have, for every word of the query, a token starting with it. Results come grouped by
   * kind, at most `limit` per group, documents with exact word matches first.
   */
  search(query: string, limit = 20): SearchResult {
    const groups: Record<SearchKind, SearchHit[]> = { partner: [], contact: [], habilitation: [] };
    const truncated: Record<SearchKind, boolean> = { partner: false, contact: false, habilitation: false };
    const words = [...new Set(tokenize(query))].sort((a, b) => b.length - a.length);
    // Drop a word that is a prefix of another word of the query: it adds no constraint.
    const useful = words.filter((w, i) => !words.slice(0, i).some((longer) => longer.startsWith(w)));
    if (useful.length === 0) return { groups, truncated };
    // Keep a few more than the limit per group so exact matches can rise above prefix matches.
    const keep = limit * 4;
    for (const kind of searchKinds) {
      const { found, more } = this.kinds[kind].search(useful, keep);
      found.sort((a, b) => b.score - a.score || byTitle(a.hit.title, b.hit.title));
      truncated[kind] = more || found.length > limit;
      groups[kind] = found.slice(0, limit).map(({ hit }) => ({ kind: hit.kind, id: hit.id, partnerId: hit.partnerId, title: hit.title, subtitle: hit.subtitle }));
    }
    return { groups, truncated };
  }
}
