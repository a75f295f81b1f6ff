import { NameIndex } from './name-index.js';
import { canonicalNameWord, tokenizeStreetText } from './normalize-address.js';
import type { CommonPlace } from './types.js';

/** A place found by name, with the name or alias that matched. */
export interface PlaceMatch {
  place: CommonPlace;
  similarity: number;
  matchedName: string;
}

/**
 * Compact key of a place name, so "St. Agnes Hospital" and "SAINT AGNES HOSPITAL" meet. A last word
 * still being typed is kept as typed ("PENN ST" may be on its way to "PENN STATION"), and a final ST
 * is not read as SAINT.
 */
export function placeKey(name: string, partial = false): string {
  const tokens = tokenizeStreetText(name);
  if (tokens[0] === 'THE' && tokens.length > 1) tokens.shift();
  const last = tokens.length - 1;
  return tokens.map((t, i) => (i === last && (partial || t === 'ST') ? t : canonicalNameWord(t))).join('');
}

/** Name and alias index of common places ("CITY HALL", "PENN STATION"). */
export class PlaceIndex {
  private readonly names: NameIndex;
  /** Every (place, spelling) sharing a key; two places may share an alias. */
  private readonly byKey: { place: CommonPlace; name: string }[][] = [];

  constructor(places: readonly CommonPlace[]) {
    const keyIds = new Map<string, number>();
    const keys: string[] = [];
    for (const place of places) {
      for (const name of [place.name, ...place.aliases]) {
        const key = placeKey(name);
        if (key.length === 0) continue;
        let id = keyIds.get(key);
        if (id === undefined) {
          id = keys.length;
          keyIds.set(key, id);
          keys.push(key);
          this.byKey.push([]);
        }
        this.byKey[id]!.push({ place, name });
      }
    }
    this.names = new NameIndex(keys);
  }

  /** Places whose name or an alias is close to `text`, best first, one entry per place. */
  search(text: string, partial = false, limit = 5): PlaceMatch[] {
    const key = placeKey(text, partial);
    if (key.length === 0) return [];
    const byPlace = new Map<CommonPlace, PlaceMatch>();
    for (const m of this.names.search(key, { partial, limit: limit * 3 })) {
      for (const e of this.byKey[m.id] ?? []) {
        const prev = byPlace.get(e.place);
        if (prev === undefined || prev.similarity < m.similarity) {
          byPlace.set(e.place, { place: e.place, similarity: m.similarity, matchedName: e.name });
        }
      }
    }
    return [...byPlace.values()].sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }
}
