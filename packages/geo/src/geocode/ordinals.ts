// Numbered streets are typed every way imaginable: "21ST", "21", "TWENTY FIRST", "TWENTY-FIRST",
// "21TH", and in old records "2D". All of them collapse to the digit form with the right suffix.

const UNIT_ORDINALS: readonly string[] = [
  '', 'FIRST', 'SECOND', 'THIRD', 'FOURTH', 'FIFTH', 'SIXTH', 'SEVENTH', 'EIGHTH', 'NINTH',
];
const TEEN_ORDINALS: readonly string[] = [
  'TENTH', 'ELEVENTH', 'TWELFTH', 'THIRTEENTH', 'FOURTEENTH',
  'FIFTEENTH', 'SIXTEENTH', 'SEVENTEENTH', 'EIGHTEENTH', 'NINETEENTH',
];
const TENS_CARDINALS: readonly string[] = ['', '', 'TWENTY', 'THIRTY', 'FORTY', 'FIFTY', 'SIXTY', 'SEVENTY', 'EIGHTY', 'NINETY'];
const TENS_ORDINALS: readonly string[] = [
  '', '', 'TWENTIETH', 'THIRTIETH', 'FORTIETH', 'FIFTIETH', 'SIXTIETH', 'SEVENTIETH', 'EIGHTIETH', 'NINETIETH',
];

const WORD_VALUE = new Map<string, number>();
UNIT_ORDINALS.forEach((w, i) => w && WORD_VALUE.set(w, i));
TEEN_ORDINALS.forEach((w, i) => WORD_VALUE.set(w, 10 + i));
TENS_ORDINALS.forEach((w, i) => w && WORD_VALUE.set(w, i * 10));
const TENS_VALUE = new Map<string, number>();
TENS_CARDINALS.forEach((w, i) => w && TENS_VALUE.set(w, i * 10));

/** Writes n with its English ordinal suffix (1 -> 1ST, 12 -> 12TH, 22 -> 22ND), the form street data uses. */
export function ordinalOf(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}TH`;
  switch (n % 10) {
    case 1:
      return `${n}ST`;
    case 2:
      return `${n}ND`;
    case 3:
      return `${n}RD`;
    default:
      return `${n}TH`;
  }
}

/**
 * Rewrites spelled-out ordinals ("TWENTY FIRST", "TWENTYFIRST", "NINTH") and misspelled numeric ones
 * ("21TH", "2D") as "21ST"-style tokens, so street names compare equal however they were typed.
 */
export function normalizeOrdinalTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] ?? '';
    const tens = TENS_VALUE.get(tok);
    const next = tokens[i + 1];
    if (tens !== undefined && next !== undefined) {
      const unit = WORD_VALUE.get(next);
      if (unit !== undefined && unit > 0 && unit < 10) {
        out.push(ordinalOf(tens + unit));
        i++;
        continue;
      }
    }
    const glued = gluedOrdinal(tok);
    if (glued !== undefined) {
      out.push(ordinalOf(glued));
      continue;
    }
    const word = WORD_VALUE.get(tok);
    if (word !== undefined) {
      out.push(ordinalOf(word));
      continue;
    }
    const numeric = /^(\d+)(ST|ND|RD|TH|D)$/.exec(tok);
    if (numeric?.[1] !== undefined) {
      out.push(ordinalOf(Number(numeric[1])));
      continue;
    }
    out.push(tok);
  }
  return out;
}

// "TWENTYFIRST" typed without a space.
function gluedOrdinal(tok: string): number | undefined {
  for (const [word, tens] of TENS_VALUE) {
    if (tok.length > word.length && tok.startsWith(word)) {
      const unit = WORD_VALUE.get(tok.slice(word.length));
      if (unit !== undefined && unit > 0 && unit < 10) return tens + unit;
    }
  }
  return undefined;
}
