// A deliberately coarse sound-alike key for street names heard over a phone line: fold letters that
// sound alike, drop vowels and silent letters, collapse doubles. "GREENMONT", "GREENMOUNT" and
// "GRENMOUNT" share a key; so do "TOD" and "TODD", and "CATHERINE" and "KATHERINE".
// Written as one pass over the letters because it runs for every name candidate of every keystroke.

// Voicing pairs (D/T, B/P, G/K) stay apart: misheard voicing is rarer in street names than spelling
// slips, and folding them makes TODD collide with TATE.
const FOLD: Readonly<Record<string, string>> = {
  F: 'F', V: 'F', C: 'K', K: 'K', Q: 'K', S: 'S', Z: 'S',
};

const isVowel = (c: string | undefined): boolean => c === 'A' || c === 'E' || c === 'I' || c === 'O' || c === 'U';
const isFront = (c: string | undefined): boolean => c === 'E' || c === 'I' || c === 'Y';

/** Sound-alike key of an upper-case name; names with equal keys are candidate misspellings of each other. */
export function phoneticKey(name: string): string {
  let out = '';
  let last = '';
  let first = true;
  const emit = (code: string): void => {
    if (code !== last) out += code;
    last = code;
  };
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    const next = name[i + 1];
    if (c < '0' || (c > '9' && c < 'A') || c > 'Z') continue;
    if (first) {
      first = false;
      // Silent first letters: KNOX, WRIGHT, PSALM.
      if ((c === 'K' && next === 'N') || (c === 'W' && next === 'R') || (c === 'P' && next === 'S')) continue;
      if (isVowel(c) || c === 'Y' || c === 'H' || c === 'W') {
        out += 'A';
        last = '';
        continue;
      }
    }
    if (c >= '0' && c <= '9') {
      emit(c);
      continue;
    }
    switch (c) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
      case 'Y':
        // A vowel separates repeated consonants ("TOTAL" keeps both Ts).
        last = '';
        continue;
      case 'H':
      case 'W':
        continue;
      case 'X':
        emit('K');
        emit('S');
        continue;
      case 'P':
        if (next === 'H') {
          emit('F');
          i++;
          continue;
        }
        break;
      case 'G':
        if (next === 'H' && !isVowel(name[i + 2])) {
          i++;
          continue;
        }
        break;
      case 'C':
        if (next === 'K') {
          emit('K');
          i++;
          continue;
        }
        if (next === 'H') {
          emit('x');
          i++;
          continue;
        }
        if (isFront(next)) {
          emit('S');
          continue;
        }
        break;
      case 'S':
        if (next === 'C' && name[i + 2] === 'H') {
          emit('S');
          emit('K');
          i += 2;
          continue;
        }
        if (next === 'H') {
          emit('x');
          i++;
          continue;
        }
        break;
      case 'T':
        if (next === 'C' && name[i + 2] === 'H') {
          emit('x');
          i += 2;
          continue;
        }
        break;
      case 'D':
        if (next === 'G' && isFront(name[i + 2])) {
          emit('J');
          i++;
          continue;
        }
        break;
      default:
        break;
    }
    emit(FOLD[c] ?? c);
  }
  return out;
}
