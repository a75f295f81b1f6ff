import { cleanAddressText, standardDirectional, standardSuffix, tokenizeStreetText } from './normalize-address.js';
import { STATE_CODES, UNIT_DESIGNATORS } from './usps-abbreviations.js';

/** What a dispatcher typed, after deciding which kind of location it describes. */
export type ParsedQuery =
  | { kind: 'intersection'; first: string[]; second: string[]; zip?: string }
  | { kind: 'block'; block: number; street: string[]; zip?: string }
  | { kind: 'address'; number: number; numberText: string; street: string[]; unit?: string; zip?: string }
  | { kind: 'number'; number: number; numberText: string }
  | { kind: 'name'; tokens: string[]; text: string; zip?: string }
  | { kind: 'empty' };

/** Options for recognising the locality a caller or a record appends ("..., BALTIMORE, MD 21218"). */
export interface ParseOptions {
  /** Place names that may trail an address and are not part of it. */
  localities?: readonly string[];
}

// Designators that never begin a street name, so they can be cut wherever they appear after the street.
const UNAMBIGUOUS_UNITS: ReadonlySet<string> = new Set([
  'APT', 'APTS', 'APARTMENT', 'UNIT', 'SUITE', '#', 'ROOM', 'BUILDING', 'BLDG', 'FLOOR', 'TRAILER',
  'DEPARTMENT', 'BASEMENT', 'PENTHOUSE',
]);

const INTERSECTION_LEAD = /^(?:AT\s+)?(?:THE\s+)?(?:CORNER|INTERSECTION|CROSSING)\s+OF\s+/;
const INTERSECTION_SPLIT = /\s*(?:&+|@|\+|\bAND\b|\bAT\b|(?<!\d)\/|\/(?!\d))\s*/;

/** Classifies free text as an address, block, intersection, lone number or name, and pulls out unit and ZIP. */
export function parseQuery(raw: string, options: ParseOptions = {}): ParsedQuery {
  const localities = (options.localities ?? ['BALTIMORE']).map((l) => cleanAddressText(l));
  const text = cleanAddressText(raw.replace(/[\r\n]+/g, ', '));
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const main = parts[0];
  if (main === undefined) return { kind: 'empty' };
  let unit: string | undefined;
  let zip: string | undefined;
  for (const extra of parts.slice(1)) {
    const extraTokens = extra.split(' ');
    const zipTok = extraTokens.find((t) => /^\d{5}(?:-?\d{4})?$/.test(t));
    if (zipTok !== undefined) zip = zipTok.slice(0, 5);
    const u = unitFromTokens(extraTokens, 0, true);
    if (u !== undefined && unit === undefined) unit = u.unit;
  }

  // A corner is looked for in the whole text: a street name may itself hold a comma
  // ("HENRY G. PARKS, JR. CIR & ..."), and whatever follows the second street is locality.
  const split = splitIntersection(text.replace(INTERSECTION_LEAD, ''));
  if (split !== undefined) {
    const first = tokenizeStreetText(split[0]);
    const secondRaw = stripLocality(tokenizeStreetText(split[1]), localities);
    if (secondRaw.zip !== undefined) zip = secondRaw.zip;
    if (first.length > 0 && secondRaw.tokens.length > 0) {
      return withZip({ kind: 'intersection', first, second: secondRaw.tokens }, zip);
    }
  }

  const block = /^(\d+)\s*(?:BLK|BLOCK|BL)\b\s*(?:OF\s+)?(.+)$/.exec(main);
  if (block?.[1] !== undefined && block[2] !== undefined) {
    const stripped = stripLocality(tokenizeStreetText(block[2]), localities);
    if (stripped.tokens.length > 0) {
      return withZip({ kind: 'block', block: Math.floor(Number(block[1]) / 100) * 100, street: stripped.tokens }, stripped.zip ?? zip);
    }
  }

  // After a house number, "AT THE REAR" or "& SIDE DOOR" describe the spot, not the street.
  const landmark = /^\d/.test(main) ? INTERSECTION_SPLIT.exec(main) : null;
  const addressText = landmark === null ? main : main.slice(0, landmark.index);
  let tokens = addressText.split(' ').filter((t) => t.length > 0);
  const stripped = stripLocality(tokens, localities);
  tokens = stripped.tokens;
  if (stripped.zip !== undefined) zip = stripped.zip;

  const numberMatch = tokens[0] === undefined ? null : /^(\d+)([A-Z]?)(?:-(\d+[A-Z]?))?$/.exec(tokens[0]);
  if (numberMatch?.[1] !== undefined && tokens[0] !== undefined) {
    const numberText = tokens[0];
    let rest = tokens.slice(1);
    let fraction = '';
    if (rest[0] !== undefined && /^\d\/\d$/.test(rest[0])) {
      fraction = ` ${rest[0]}`;
      rest = rest.slice(1);
    }
    const u = unitFromTokens(rest, 1, false);
    if (u !== undefined) {
      rest = rest.slice(0, u.index);
      unit ??= u.unit;
    }
    const street = tokenizeStreetText(rest.join(' '));
    const onlySuffix = street.length === 1 && street[0] !== undefined && standardSuffix(street[0]) !== undefined;
    if (street.length === 0) return { kind: 'number', number: Number(numberMatch[1]), numberText };
    if (!onlySuffix) {
      const q: ParsedQuery = { kind: 'address', number: Number(numberMatch[1]), numberText: numberText + fraction, street };
      if (unit !== undefined) q.unit = unit;
      return withZip(q, zip);
    }
  }
  const u = unitFromTokens(tokens, 1, false);
  if (u !== undefined) tokens = tokens.slice(0, u.index);
  const nameTokens = tokenizeStreetText(tokens.join(' '));
  if (nameTokens.length === 0) return { kind: 'empty' };
  return withZip({ kind: 'name', tokens: nameTokens, text: nameTokens.join(' ') }, zip);
}

function withZip(q: ParsedQuery, zip: string | undefined): ParsedQuery {
  if (zip !== undefined && q.kind !== 'empty' && q.kind !== 'number') q.zip = zip;
  return q;
}

function splitIntersection(main: string): [string, string] | undefined {
  const m = INTERSECTION_SPLIT.exec(main);
  if (m === null) return undefined;
  const left = main.slice(0, m.index).trim();
  const right = main.slice(m.index + m[0].length).trim();
  // A house number first makes it an address, whatever follows ("4900 TODD AVE AT THE REAR").
  if (left.length === 0 || /^\d+[A-Z]?(?:\s|$)/.test(left)) return undefined;
  return [left, right];
}

// Finds a unit designator at or after `from` and returns the standard unit text and where it starts.
function unitFromTokens(
  tokens: readonly string[],
  from: number,
  standalone: boolean,
): { unit: string; index: number } | undefined {
  for (let i = Math.max(from, 0); i < tokens.length; i++) {
    const tok = tokens[i] ?? '';
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    // "2ND FLOOR", "3RD FL"
    if ((tok === 'FL' || tok === 'FLOOR') && next === undefined && prev !== undefined && /^\d+(?:ST|ND|RD|TH)?$/.test(prev) && i - 1 >= from + 1) {
      return { unit: `FL ${prev.replace(/\D/g, '')}`, index: i - 1 };
    }
    const des = UNIT_DESIGNATORS.get(tok);
    if (des === undefined) continue;
    const afterStreetWord =
      standalone || (prev !== undefined && (standardSuffix(prev) !== undefined || standardDirectional(prev) !== undefined));
    if (!UNAMBIGUOUS_UNITS.has(tok) && !afterStreetWord) continue;
    if (des.needsId) {
      if (next === undefined) continue;
      const id = tokens.slice(i + 1).join(' ').replace(/^#\s*/, '');
      return { unit: `${des.std === '#' ? '#' : des.std} ${id}`.replace('# ', '#'), index: i };
    }
    if (next === undefined || standalone) return { unit: des.std, index: i };
  }
  return undefined;
}

// Removes a trailing "BALTIMORE MD 21218" so it is not read as part of the street name.
function stripLocality(tokensIn: readonly string[], localities: readonly string[]): { tokens: string[]; zip?: string } {
  const tokens = [...tokensIn];
  let zip: string | undefined;
  // "... TODD AVE" or "... WHEELER AVE N": a complete street, so what follows it is the locality.
  const endsWithStreetWord = (toks: readonly string[]): boolean => {
    const last = toks[toks.length - 1];
    const prev = toks[toks.length - 2];
    if (last === undefined || toks.length < 2) return false;
    if (standardSuffix(last) !== undefined) return true;
    return standardDirectional(last) !== undefined && prev !== undefined && standardSuffix(prev) !== undefined;
  };
  const lastTok = tokens[tokens.length - 1];
  if (lastTok !== undefined && tokens.length >= 3 && /^\d{5}(?:-?\d{4})?$/.test(lastTok)) {
    zip = lastTok.slice(0, 5);
    tokens.pop();
  }
  let sawState = false;
  const maybeState = tokens[tokens.length - 1];
  if (maybeState !== undefined && tokens.length >= 3 && (STATE_CODES.has(maybeState) || maybeState === 'MARYLAND')) {
    const before = tokens.slice(0, -1);
    const prevIsLocality = localities.some((loc) => before.join(' ').endsWith(loc));
    if (prevIsLocality || endsWithStreetWord(before) || zip !== undefined) {
      tokens.pop();
      sawState = true;
    }
  }
  for (const loc of localities) {
    const locTokens = loc.split(' ');
    if (tokens.length <= locTokens.length) continue;
    const tail = tokens.slice(tokens.length - locTokens.length).join(' ');
    if (tail !== loc) continue;
    const before = tokens.slice(0, tokens.length - locTokens.length);
    if (sawState || zip !== undefined || endsWithStreetWord(before)) {
      tokens.length = before.length;
      break;
    }
  }
  return zip === undefined ? { tokens } : { tokens, zip };
}
