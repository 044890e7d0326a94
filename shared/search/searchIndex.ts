/**
 * In-memory search index over partners, contacts and habilitations: a sorted array of distinct tokens
 * (binary search finds every token starting with a typed word), postings per token, and each document's own
 * tokens so that the other words of a query are checked on the few candidates of the rarest word instead of
 * intersecting large sets. Updates are incremental (one document at a time).
 */
import { tokenize } from './normalize';

export type SearchKind = 'partner' | 'contact' | 'habilitation';
export const searchKinds: readonly SearchKind[] = ['partner', 'contact', 'habilitation'];

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

interface Doc extends SearchHit {
  tokens: string[];
  alive: boolean;
}

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

export class SearchIndex {
  private docs: Doc[] = [];
  private slotByKey = new Map<string, number>();
  private postings = new Map<string, number[]>();
  private sorted: string[] = [];
  private pendingTokens: string[] = [];

  get size(): number {
    return this.slotByKey.size;
  }

  private static key(kind: SearchKind, id: string): string {
    return `${kind}:${id}`;
  }

  /** Build from many documents at once (faster than repeated upserts: one sort). */
  static build(documents: Iterable<SearchDocument>): SearchIndex {
    const index = new SearchIndex();
    for (const d of documents) index.add(d, false);
    index.sorted = [...index.postings.keys()].sort();
    index.pendingTokens = [];
    return index;
  }

  private add(d: SearchDocument, keepSorted: boolean): void {
    const tokens = new Set<string>();
    for (const t of d.texts) for (const tok of tokenize(t)) tokens.add(tok);
    for (const t of d.extraTokens ?? []) if (t) tokens.add(t);
    const slot = this.docs.length;
    const list = [...tokens];
    this.docs.push({ kind: d.kind, id: d.id, partnerId: d.partnerId, title: d.title, subtitle: d.subtitle, tokens: list, alive: true });
    this.slotByKey.set(SearchIndex.key(d.kind, d.id), slot);
    for (const tok of list) {
      const p = this.postings.get(tok);
      if (p) p.push(slot);
      else {
        this.postings.set(tok, [slot]);
        if (keepSorted) this.pendingTokens.push(tok);
      }
    }
  }

  /** Add or replace one document. */
  upsert(d: SearchDocument): void {
    this.remove(d.kind, d.id);
    this.add(d, true);
  }

  /** Forget a document. Its slot stays as a dead entry; postings skip it. */
  remove(kind: SearchKind, id: string): void {
    const key = SearchIndex.key(kind, id);
    const slot = this.slotByKey.get(key);
    if (slot === undefined) return;
    const doc = this.docs[slot]!;
    doc.alive = false;
    for (const tok of doc.tokens) {
      const p = this.postings.get(tok);
      if (!p) continue;
      const i = p.indexOf(slot);
      if (i >= 0) p.splice(i, 1);
    }
    this.slotByKey.delete(key);
  }

  has(kind: SearchKind, id: string): boolean {
    return this.slotByKey.has(SearchIndex.key(kind, id));
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

  /** Postings of every token starting with `word`, and their total size (stops counting past `cap`). */
  private range(word: string, cap: number): { lists: number[][]; total: number } {
    const lists: number[][] = [];
    let total = 0;
    for (let i = lowerBound(this.sorted, word); i < this.sorted.length; i++) {
      const tok = this.sorted[i]!;
      if (!tok.startsWith(word)) break;
      const p = this.postings.get(tok);
      if (!p || p.length === 0) continue;
      lists.push(p);
      total += p.length;
      if (total > cap) break;
    }
    return { lists, total };
  }

  /**
   * Documents that have, for every word of the query, a token starting with it. Results come grouped by
   * kind, at most `limit` per group, documents with exact word matches first.
   */
  search(query: string, limit = 20): SearchResult {
    this.ensureSorted();
    const groups: Record<SearchKind, SearchHit[]> = { partner: [], contact: [], habilitation: [] };
    const truncated: Record<SearchKind, boolean> = { partner: false, contact: false, habilitation: false };
    const words = [...new Set(tokenize(query))].sort((a, b) => b.length - a.length);
    // Drop a word that is a prefix of another word of the query: it adds no constraint.
    const useful = words.filter((w, i) => !words.slice(0, i).some((longer) => longer.startsWith(w)));
    if (useful.length === 0) return { groups, truncated };

    // The rarest word gives the candidates; the others are checked on each candidate's own tokens.
    let best: { word: string; lists: number[][]; total: number } | null = null;
    for (const word of useful) {
      const r = this.range(word, best ? best.total : Number.POSITIVE_INFINITY);
      if (!best || r.total < best.total) best = { word, ...r };
      if (best.total === 0) return { groups, truncated };
    }
    const seen = new Set<number>();
    const scored: Record<SearchKind, { hit: Doc; score: number }[]> = { partner: [], contact: [], habilitation: [] };
    // Keep a few more than the limit per group so exact matches can rise above prefix matches.
    const keep = limit * 4;
    let full = 0;
    scan: for (const list of this.range(best!.word, Number.POSITIVE_INFINITY).lists) {
      for (const slot of list) {
        if (seen.has(slot)) continue;
        seen.add(slot);
        const doc = this.docs[slot]!;
        if (!doc.alive) continue;
        const bucket = scored[doc.kind];
        if (truncated[doc.kind]) continue;
        const score = matchScore(doc.tokens, useful);
        if (score < 0) continue;
        if (bucket.length >= keep) {
          truncated[doc.kind] = true;
          // Every group has more than enough: the rest cannot change what is shown much; stop scanning.
          if (++full === searchKinds.length) break scan;
          continue;
        }
        bucket.push({ hit: doc, score });
      }
    }
    for (const kind of searchKinds) {
      const bucket = scored[kind];
      bucket.sort((a, b) => b.score - a.score || a.hit.title.localeCompare(b.hit.title, 'fr'));
      if (bucket.length > limit) truncated[kind] = true;
      groups[kind] = bucket.slice(0, limit).map(({ hit }) => ({ kind: hit.kind, id: hit.id, partnerId: hit.partnerId, title: hit.title, subtitle: hit.subtitle }));
    }
    return { groups, truncated };
  }
}
