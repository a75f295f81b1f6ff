import { normalizeOrdinalTokens, ordinalOf } from './ordinals.js';
import { DIRECTIONAL_WORDS, DIRECTIONALS, STREET_SUFFIXES, SUFFIX_WORDS } from './usps-abbreviations.js';

/** The parts of a street name as a centerline file stores them. */
export interface StreetParts {
  prefix: string;
  nameTokens: string[];
  type: string;
  suffixDir: string;
  /** The name as it should be shown, punctuation such as the hyphen in "GREENMOUNT-BOONE" kept. */
  displayName?: string;
}

// Inside a name, short words stand for these (ST PAUL is SAINT PAUL, not a street type).
const NAME_WORD_CANON: ReadonlyMap<string, string> = new Map([
  ['ST', 'SAINT'],
  ['STE', 'SAINTE'],
  ['MT', 'MOUNT'],
  ['MNT', 'MOUNT'],
  ['FT', 'FORT'],
  ['DR', 'DOCTOR'],
  ['INTERSTATE', 'I'],
  ['RT', 'ROUTE'],
  ['RTE', 'ROUTE'],
  ['JR', 'JUNIOR'],
]);

// A bare number after these stays a number ("I 95", "RTE 40"); elsewhere "25" means "25TH".
const ROUTE_WORDS: ReadonlySet<string> = new Set(['I', 'INTERSTATE', 'US', 'MD', 'SR', 'RT', 'RTE', 'ROUTE', 'HWY', 'HIGHWAY', 'CR']);

/**
 * Upper-cases and strips punctuation that carries no meaning in an address ("N. Charles St." ->
 * "N CHARLES ST", "O'Donnell" -> "ODONNELL") while keeping "#", "&", "/" and "," for the query parser.
 */
export function cleanAddressText(raw: string): string {
  return raw
    .toUpperCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[.'\u2019`]/g, '')
    .replace(/#/g, ' # ')
    .replace(/[^A-Z0-9#&/,@\s_-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits cleaned street text into tokens, treating hyphens and underscores as word breaks. */
export function tokenizeStreetText(text: string): string[] {
  const cleaned = cleanAddressText(text).replace(/[-_,&@]/g, ' ');
  // A slash is a word break unless it writes a fraction such as "22 1/2".
  const spaced = cleaned.replace(/(\D)\/|\/(\D)/g, (_m, a: string | undefined, b: string | undefined) => `${a ?? ''} ${b ?? ''}`);
  return spaced.split(' ').filter((t) => t.length > 0);
}

/** Rewrites ordinals and bare street numbers ("25" -> "25TH") unless they follow a route word ("I 95"). */
export function normalizeNameNumbers(tokens: readonly string[]): string[] {
  const ordinals = normalizeOrdinalTokens(tokens);
  return ordinals.map((tok, i) => {
    if (!/^\d+$/.test(tok)) return tok;
    const prev = ordinals[i - 1];
    const next = ordinals[i + 1];
    if (prev !== undefined && ROUTE_WORDS.has(prev)) return tok;
    if (next !== undefined && /^\d+\/\d+$/.test(next)) return tok;
    return ordinalOf(Number(tok));
  });
}

/** Returns the standard abbreviation of a directional word (NORTH -> N), or undefined when it is not one. */
export function standardDirectional(token: string): string | undefined {
  return DIRECTIONALS.get(token);
}

/** Returns the USPS standard abbreviation of a street suffix (AVENUE/AV -> AVE), or undefined. */
export function standardSuffix(token: string): string | undefined {
  return STREET_SUFFIXES.get(token);
}

/**
 * Canonical form of one name word for matching only: abbreviations are spelled out so "PARK HTS"
 * equals "PARK HEIGHTS", "ST PAUL" equals "SAINT PAUL", and a glued "COLDSPRING" equals "COLD SPRING".
 */
export function canonicalNameWord(token: string): string {
  const special = NAME_WORD_CANON.get(token);
  if (special !== undefined) return special;
  const suffix = STREET_SUFFIXES.get(token);
  if (suffix !== undefined) return SUFFIX_WORDS.get(suffix) ?? token;
  const dir = DIRECTIONALS.get(token);
  if (dir !== undefined) return DIRECTIONAL_WORDS.get(dir) ?? token;
  return token;
}

/**
 * Compact key of a street's proper name, the unit every name index and fuzzy comparison works on.
 * With `lastWordTyping`, the last word is kept as typed: "GREEN ST" on its way to a longer name must
 * not turn into "GREEN SAINT".
 */
export function streetNameKey(nameTokens: readonly string[], lastWordTyping = false): string {
  const tokens = normalizeNameNumbers(nameTokens);
  const last = tokens.length - 1;
  return tokens.map((t, i) => (lastWordTyping && i === last ? t : canonicalNameWord(t))).join('');
}

/** Normalises the stored parts of a centerline segment's name into standard street parts. */
export function streetPartsFromFields(prefix: string, name: string, suffixType: string, suffixDir: string): StreetParts {
  const prefixTok = tokenizeStreetText(prefix)[0] ?? '';
  const suffixTok = tokenizeStreetText(suffixType)[0] ?? '';
  const dirTok = tokenizeStreetText(suffixDir)[0] ?? '';
  const nameTokens = normalizeNameNumbers(tokenizeStreetText(name));
  const display = cleanAddressText(name).replace(/\s*-\s*/g, '-').replace(/[,#&@]/g, '').replace(/\s+/g, ' ').trim();
  return {
    prefix: standardDirectional(prefixTok) ?? prefixTok,
    nameTokens,
    type: standardSuffix(suffixTok) ?? suffixTok,
    suffixDir: standardDirectional(dirTok) ?? dirTok,
    displayName: display,
  };
}

/** Formats street parts as a normalised label ("N CHARLES ST"). */
export function formatStreetLabel(parts: StreetParts): string {
  const name = parts.displayName ?? parts.nameTokens.join(' ');
  return [parts.prefix, name, parts.type, parts.suffixDir].filter((p) => p.length > 0).join(' ');
}

/**
 * Lists the plausible readings of a typed street ("NORTH POINT RD" may be N + POINT or NORTH POINT;
 * "PARK HEIGHTS" may be PARK + HTS or the whole name), best guess first, so the matcher can try each.
 */
export function interpretStreetTokens(rawTokens: readonly string[]): StreetParts[] {
  const tokens = normalizeNameNumbers(rawTokens);
  const out: StreetParts[] = [];
  const seen = new Set<string>();
  const push = (p: StreetParts): void => {
    if (p.nameTokens.length === 0) return;
    const k = `${p.prefix}|${p.nameTokens.join(' ')}|${p.type}|${p.suffixDir}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(p);
  };
  const sufDirOptions: { dir: string; rest: string[] }[] = [];
  const last = tokens[tokens.length - 1];
  const lastDir = last === undefined ? undefined : standardDirectional(last);
  if (lastDir !== undefined && tokens.length >= 2) sufDirOptions.push({ dir: lastDir, rest: tokens.slice(0, -1) });
  sufDirOptions.push({ dir: '', rest: [...tokens] });
  for (const sd of sufDirOptions) {
    const typeOptions: { type: string; rest: string[] }[] = [];
    const lastTok = sd.rest[sd.rest.length - 1];
    const lastType = lastTok === undefined ? undefined : standardSuffix(lastTok);
    if (lastType !== undefined && sd.rest.length >= 2) typeOptions.push({ type: lastType, rest: sd.rest.slice(0, -1) });
    typeOptions.push({ type: '', rest: sd.rest });
    for (const ty of typeOptions) {
      const first = ty.rest[0];
      const firstDir = first === undefined ? undefined : standardDirectional(first);
      if (firstDir !== undefined && ty.rest.length >= 2) {
        push({ prefix: firstDir, nameTokens: ty.rest.slice(1), type: ty.type, suffixDir: sd.dir });
      }
      push({ prefix: '', nameTokens: ty.rest, type: ty.type, suffixDir: sd.dir });
    }
  }
  return out;
}
