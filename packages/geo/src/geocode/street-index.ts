import { NameIndex, nameSimilarity } from './name-index.js';
import { phoneticKey } from './phonetic-key.js';
import {
  formatStreetLabel,
  interpretStreetTokens,
  streetNameKey,
  streetPartsFromFields,
  type StreetParts,
} from './normalize-address.js';
import type { SegmentStore } from './segment-store.js';
import { STREET_SUFFIXES } from './usps-abbreviations.js';
import type { StreetSegment } from './types.js';

/** All segments sharing one full street name (prefix, name, type, suffix direction). */
export interface Street {
  id: number;
  parts: StreetParts;
  label: string;
  nameKey: string;
  /** Sound-alike key of nameKey, kept to compare against typed names without recomputing. */
  phonetic: string;
  segments: number[];
  lengthM: number;
  isAlley: boolean;
  /** Lowest and highest house number on any segment (0, 0 when unaddressed). */
  minNumber: number;
  maxNumber: number;
}

/** A street that may be the one typed, with a score in [0, 1]. */
export interface StreetMatch {
  street: Street;
  score: number;
  /** How close the typed name was to the street's name alone. */
  nameSimilarity: number;
}

/** Options for street name matching. */
export interface StreetMatchOptions {
  /** The last word may be incomplete (as-you-type). */
  partial?: boolean;
  limit?: number;
}

// Named alleys ("GREENMOUNT-BOONE") are rarely what a caller means when a street shares the name.
const ALLEY_FACTOR = 0.85;

// Every leading piece of every suffix spelling ("A", "AV", "AVE"...), to spot a type still being typed.
const SUFFIX_PREFIXES: ReadonlySet<string> = new Set(
  [...STREET_SUFFIXES.keys()].flatMap((s) => Array.from({ length: s.length }, (_, i) => s.slice(0, i + 1))),
);

/**
 * Groups segments into named streets and finds streets from typed text, tolerating missing or wrong
 * directionals and types, misspellings and unfinished words.
 */
export class StreetIndex {
  readonly streets: Street[] = [];
  private readonly byFullKey = new Map<string, number>();
  /** Streets per distinct name key; position i matches NameIndex id i. */
  private readonly streetsByName: number[][] = [];
  readonly names: NameIndex;

  constructor(
    segments: readonly StreetSegment[],
    readonly store: SegmentStore,
  ) {
    const nameIds = new Map<string, number>();
    const nameKeys: string[] = [];
    segments.forEach((seg, i) => {
      const parts = streetPartsFromFields(seg.prefix, seg.name, seg.suffixType, seg.suffixDir);
      if (parts.nameTokens.length === 0) return;
      const nameKey = streetNameKey(parts.nameTokens);
      const fullKey = `${parts.prefix}|${nameKey}|${parts.type}|${parts.suffixDir}`;
      let sid = this.byFullKey.get(fullKey);
      if (sid === undefined) {
        sid = this.streets.length;
        this.byFullKey.set(fullKey, sid);
        this.streets.push({
          id: sid,
          parts,
          label: formatStreetLabel(parts),
          nameKey,
          phonetic: phoneticKey(nameKey),
          segments: [],
          lengthM: 0,
          isAlley: true,
          minNumber: 0,
          maxNumber: 0,
        });
        let nid = nameIds.get(nameKey);
        if (nid === undefined) {
          nid = nameKeys.length;
          nameIds.set(nameKey, nid);
          nameKeys.push(nameKey);
          this.streetsByName.push([]);
        }
        this.streetsByName[nid]!.push(sid);
      }
      const street = this.streets[sid]!;
      street.segments.push(i);
      street.lengthM += store.lengths[i]!;
      if (seg.class !== 'Alley') street.isAlley = false;
      store.streetOf[i] = sid;
      for (let k = 0; k < 4; k++) {
        const n = store.ranges[4 * i + k]!;
        if (n <= 0) continue;
        if (street.minNumber === 0 || n < street.minNumber) street.minNumber = n;
        if (n > street.maxNumber) street.maxNumber = n;
      }
    });
    const weights = this.streetsByName.map((ids) =>
      ids.reduce((sum, sid) => sum + this.streets[sid]!.lengthM * (this.streets[sid]!.isAlley ? 0.1 : 1), 0),
    );
    this.names = new NameIndex(nameKeys, weights);
  }

  /** Ranked streets that the typed tokens may name. */
  match(tokens: readonly string[], options: StreetMatchOptions = {}): StreetMatch[] {
    const partial = options.partial ?? false;
    const best = new Map<number, StreetMatch>();
    let top = 0;
    for (const parts of interpretationsFor(tokens, partial)) {
      // Readings come most-structured first; once one matches a street in every part, the looser
      // readings ("N CHARLES" as a single name) cannot beat it.
      if (top >= 0.999) break;
      for (const key of nameKeysFor(parts, partial)) {
        for (const nm of this.names.search(key, { partial, limit: 25 })) {
          for (const sid of this.streetsByName[nm.id] ?? []) {
            const street = this.streets[sid]!;
            const score = nm.similarity * agreement(parts, street.parts) * (street.isAlley ? ALLEY_FACTOR : 1);
            const prev = best.get(sid);
            if (prev === undefined || prev.score < score) best.set(sid, { street, score, nameSimilarity: nm.similarity });
            if (score > top) top = score;
          }
        }
      }
    }
    return rank(best, options.limit ?? 30);
  }

  /** Scores typed tokens against a known set of streets only (e.g. the streets crossing another one). */
  matchAmong(tokens: readonly string[], streetIds: readonly number[], partial = false, limit = 10): StreetMatch[] {
    const best = new Map<number, StreetMatch>();
    for (const parts of interpretationsFor(tokens, partial)) {
      for (const key of nameKeysFor(parts, partial)) {
        const keyPhonetic = phoneticKey(key);
        for (const sid of streetIds) {
          const street = this.streets[sid];
          if (street === undefined) continue;
          const sim = nameSimilarity(key, street.nameKey, partial, keyPhonetic, street.phonetic);
          if (sim < 0.5) continue;
          const score = sim * agreement(parts, street.parts) * (street.isAlley ? ALLEY_FACTOR : 1);
          const prev = best.get(sid);
          if (prev === undefined || prev.score < score) best.set(sid, { street, score, nameSimilarity: sim });
        }
      }
    }
    return rank(best, limit);
  }
}

// While typing, the last word may be an abbreviation ("PARK HTS") or the start of a longer word
// ("GREEN ST..." for GREENSTONE), so both keys are tried.
function nameKeysFor(parts: StreetParts, partial: boolean): string[] {
  const full = streetNameKey(parts.nameTokens);
  if (!partial) return full.length > 0 ? [full] : [];
  const typing = streetNameKey(parts.nameTokens, true);
  return [...new Set([full, typing])].filter((k) => k.length > 0);
}

function rank(best: ReadonlyMap<number, StreetMatch>, limit: number): StreetMatch[] {
  return [...best.values()].sort((a, b) => b.score - a.score || b.street.lengthM - a.street.lengthM).slice(0, limit);
}

// While typing, "TODD A" should be read as TODD with an unfinished type as well as a name "TODD A".
function interpretationsFor(tokens: readonly string[], partial: boolean): StreetParts[] {
  const out = interpretStreetTokens(tokens);
  const last = tokens[tokens.length - 1];
  if (partial && tokens.length >= 2 && last !== undefined && last.length <= 5 && !STREET_SUFFIXES.has(last)) {
    if (SUFFIX_PREFIXES.has(last)) out.push(...interpretStreetTokens(tokens.slice(0, -1)));
  }
  return out;
}

// How well the typed directionals and type agree with a street's; missing parts cost little, wrong ones more.
function agreement(typed: StreetParts, street: StreetParts): number {
  let f = 1;
  f *= partFactor(typed.type, street.type, 0.96, 0.9, 0.8);
  f *= partFactor(typed.prefix, street.prefix, 0.95, 0.9, 0.75);
  f *= partFactor(typed.suffixDir, street.suffixDir, 0.95, 0.9, 0.75);
  return f;
}

function partFactor(typed: string, actual: string, notTyped: number, notInData: number, wrong: number): number {
  if (typed === actual) return 1;
  if (typed === '') return notTyped;
  if (actual === '') return notInData;
  return wrong;
}
