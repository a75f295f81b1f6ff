import { damerauLevenshtein, prefixDistance } from './edit-distance.js';
import { phoneticKey } from './phonetic-key.js';

/** A name found for a query, with how close it is in [0, 1] and how it was found. */
export interface NameMatch {
  id: number;
  similarity: number;
  kind: 'exact' | 'prefix' | 'fuzzy' | 'phonetic';
}

/** How to search: `partial` treats the query as the start of a name still being typed. */
export interface NameSearchOptions {
  partial?: boolean;
  limit?: number;
}

/** Edits tolerated for a query of a given length: short names allow one slip, long names up to three. */
export function maxEditsFor(length: number): number {
  if (length <= 3) return length === 3 ? 1 : 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

/**
 * Similarity in [0, 1] of a typed key to one known name, on the same scale the index ranks by; used
 * where the candidates are already known (streets crossing a given street).
 */
export function nameSimilarity(
  query: string,
  key: string,
  partial: boolean,
  queryPhonetic = phoneticKey(query),
  keyPhonetic = phoneticKey(key),
): number {
  if (query === key) return 1;
  if (key.startsWith(query)) return prefixSimilarity(query, key, partial);
  const maxEdits = maxEditsFor(query.length);
  let sim = 0;
  if (maxEdits > 0) {
    const d = partial ? prefixDistance(query, key, maxEdits) : damerauLevenshtein(query, key, maxEdits);
    if (d <= maxEdits) sim = editSimilarity(query, key, d, partial);
  }
  if (queryPhonetic.length >= 2 && queryPhonetic === keyPhonetic) sim = Math.max(sim, phoneticSimilarity(query, key));
  return sim;
}

function prefixSimilarity(query: string, key: string, partial: boolean): number {
  const coverage = query.length / key.length;
  return partial ? 0.8 + 0.2 * coverage : 0.5 + 0.4 * coverage;
}

function editSimilarity(query: string, key: string, d: number, partial: boolean): number {
  return partial
    ? (0.8 + 0.2 * Math.min(1, query.length / key.length)) * (1 - d / Math.max(query.length, 4))
    : 1 - d / Math.max(query.length, key.length);
}

function phoneticSimilarity(query: string, key: string): number {
  return Math.max(0.6, 0.88 - 0.05 * damerauLevenshtein(query, key, 4));
}

/**
 * Finds names by exact key, by prefix, by edit distance (through a trigram index, never a full scan)
 * and by sound-alike key. Keys are compact upper-case strings; ids are their positions in `keys`.
 */
export class NameIndex {
  private readonly exactIds = new Map<string, number>();
  private readonly sortedIds: Int32Array;
  private readonly trigrams = new Map<string, Int32Array>();
  private readonly phonetic = new Map<string, number[]>();
  private readonly counts: Uint16Array;
  private readonly touched: Int32Array;

  constructor(
    readonly keys: readonly string[],
    /** Importance of each name (e.g. total street length); breaks ties and trims long prefix lists. */
    private readonly weights?: ArrayLike<number>,
  ) {
    keys.forEach((k, i) => {
      if (!this.exactIds.has(k)) this.exactIds.set(k, i);
    });
    this.sortedIds = Int32Array.from(keys.keys()).sort((a, b) => compareStrings(keys[a]!, keys[b]!));
    const postings = new Map<string, number[]>();
    keys.forEach((k, i) => {
      for (const g of new Set(trigramsOf(k, true))) {
        let list = postings.get(g);
        if (list === undefined) postings.set(g, (list = []));
        list.push(i);
      }
      const pk = phoneticKey(k);
      if (pk.length >= 2) {
        let list = this.phonetic.get(pk);
        if (list === undefined) this.phonetic.set(pk, (list = []));
        list.push(i);
      }
    });
    for (const [g, list] of postings) this.trigrams.set(g, Int32Array.from(list));
    this.counts = new Uint16Array(keys.length);
    this.touched = new Int32Array(keys.length);
  }

  /** Id of the name with exactly this key. */
  exact(key: string): number | undefined {
    return this.exactIds.get(key);
  }

  /** Ids of names starting with `prefix`, the most important first when there are more than `limit`. */
  prefix(prefix: string, limit = 50): number[] {
    if (prefix.length === 0) return [];
    let lo = 0;
    let hi = this.sortedIds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareStrings(this.keys[this.sortedIds[mid]!]!, prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < this.sortedIds.length; i++) {
      const id = this.sortedIds[i]!;
      if (!this.keys[id]!.startsWith(prefix)) break;
      out.push(id);
    }
    if (out.length <= limit) return out;
    const w = this.weights;
    if (w !== undefined) out.sort((a, b) => w[b]! - w[a]!);
    return out.slice(0, limit);
  }

  /** Ranked names close to `query` by any of the index's methods, best first. */
  search(query: string, options: NameSearchOptions = {}): NameMatch[] {
    const partial = options.partial ?? false;
    const limit = options.limit ?? 20;
    const found = new Map<number, NameMatch>();
    const offer = (id: number, similarity: number, kind: NameMatch['kind']): void => {
      const prev = found.get(id);
      if (prev === undefined || prev.similarity < similarity) found.set(id, { id, similarity, kind });
    };
    if (query.length === 0) return [];
    const exactId = this.exactIds.get(query);
    if (exactId !== undefined) offer(exactId, 1, 'exact');

    let prefixHits = 0;
    if (query.length >= 2 || partial) {
      for (const id of this.prefix(query, partial ? 60 : 30)) {
        offer(id, prefixSimilarity(query, this.keys[id]!, partial), 'prefix');
        prefixHits++;
      }
    }

    // While typing, names that start with the text are what the dispatcher wants; spelling mistakes
    // are looked for only once no name starts that way. A finished query always gets the fuzzy pass.
    const maxEdits = maxEditsFor(query.length);
    const wantFuzzy = partial ? prefixHits < 3 : true;
    if (maxEdits > 0 && wantFuzzy) {
      const cap = exactId !== undefined ? 25 : 60;
      for (const id of this.trigramCandidates(query, partial, maxEdits, cap)) {
        const key = this.keys[id]!;
        const d = partial ? prefixDistance(query, key, maxEdits) : damerauLevenshtein(query, key, maxEdits);
        if (d > maxEdits) continue;
        offer(id, editSimilarity(query, key, d, partial), 'fuzzy');
      }
    }

    const pk = phoneticKey(query);
    if (pk.length >= 2) {
      for (const id of this.phonetic.get(pk) ?? []) {
        offer(id, phoneticSimilarity(query, this.keys[id]!), 'phonetic');
      }
    }

    const w = this.weights;
    return [...found.values()]
      .sort((a, b) => b.similarity - a.similarity || (w === undefined ? 0 : w[b.id]! - w[a.id]!))
      .slice(0, limit);
  }

  // Names sharing enough trigrams with the query to be within maxEdits; each edit breaks at most 3.
  private trigramCandidates(query: string, partial: boolean, maxEdits: number, cap: number): number[] {
    const grams = [...new Set(trigramsOf(query, !partial))];
    const need = Math.max(1, grams.length - 3 * maxEdits);
    let nTouched = 0;
    for (const g of grams) {
      const list = this.trigrams.get(g);
      if (list === undefined) continue;
      for (let i = 0; i < list.length; i++) {
        const id = list[i]!;
        if (this.counts[id] === 0) this.touched[nTouched++] = id;
        this.counts[id]!++;
      }
    }
    const out: { id: number; c: number }[] = [];
    for (let i = 0; i < nTouched; i++) {
      const id = this.touched[i]!;
      const c = this.counts[id]!;
      this.counts[id] = 0;
      if (c >= need) out.push({ id, c });
    }
    out.sort((a, b) => b.c - a.c);
    return out.slice(0, cap).map((o) => o.id);
  }
}

// Trigrams with a start marker, and an end marker unless the word may still be growing.
function trigramsOf(key: string, closed: boolean): string[] {
  const s = `^${key}${closed ? '$' : ''}`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= s.length; i++) out.push(s.slice(i, i + 3));
  if (out.length === 0) out.push(s);
  return out;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
