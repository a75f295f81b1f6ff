import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, phoneticKey, prefixDistance } from '../../src/geocode/index.js';
import { NameIndex } from '../../src/geocode/name-index.js';

// Plain dynamic-programming reference, slow but obviously right.
function referenceOsa(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const word = fc.string({ unit: fc.constantFrom('A', 'B', 'E', 'N', 'O', 'R', 'T'), maxLength: 9 });

describe('damerauLevenshtein', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(damerauLevenshtein('GREENMOUNT', 'GERENMOUNT')).toBe(1);
    expect(damerauLevenshtein('GREENMOUNT', 'GREENMONT')).toBe(1);
    expect(damerauLevenshtein('TODD', 'TOD')).toBe(1);
    expect(damerauLevenshtein('', 'ABC')).toBe(3);
  });

  it('agrees with the reference implementation', () => {
    fc.assert(fc.property(word, word, (a, b) => damerauLevenshtein(a, b) === referenceOsa(a, b)), { numRuns: 500 });
  });

  it('is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = damerauLevenshtein(a, b);
        return d === damerauLevenshtein(b, a) && (d === 0) === (a === b);
      }),
      { numRuns: 300 },
    );
  });

  it('stops early without ever reporting a distance below the true one', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        const bounded = damerauLevenshtein(a, b, max);
        const exact = referenceOsa(a, b);
        return exact <= max ? bounded === exact : bounded > max;
      }),
      { numRuns: 500 },
    );
  });
});

describe('prefixDistance', () => {
  it('measures unfinished input against the start of a name', () => {
    expect(prefixDistance('GREENMO', 'GREENMOUNT')).toBe(0);
    expect(prefixDistance('GRENMO', 'GREENMOUNT')).toBe(1);
    expect(prefixDistance('XYZ', 'GREENMOUNT')).toBe(3);
  });

  it('is never more than the distance to the whole name', () => {
    fc.assert(fc.property(word, word, (a, b) => prefixDistance(a, b) <= referenceOsa(a, b)), { numRuns: 300 });
  });
});

describe('phoneticKey', () => {
  it.each([
    ['GREENMONT', 'GREENMOUNT'],
    ['TOD', 'TODD'],
    ['CATHERINE', 'KATHERINE'],
    ['PHILLIPS', 'FILLIPS'],
    ['MCELDERRY', 'MCELDERY'],
    ['GLENN', 'GLEN'],
  ])('%s sounds like %s', (a, b) => {
    expect(phoneticKey(a)).toBe(phoneticKey(b));
  });

  it.each([
    ['TODD', 'TATE'],
    ['CHARLES', 'CALVERT'],
    ['HARFORD', 'HANOVER'],
  ])('%s does not sound like %s', (a, b) => {
    expect(phoneticKey(a)).not.toBe(phoneticKey(b));
  });
});

describe('NameIndex', () => {
  const names = ['GREENMOUNT', 'GREENSPRING', 'GREENWAY', 'TODD', 'TOONE', 'CHARLES', 'CHARLESTON', 'HARFORD', 'HANOVER'];
  const index = new NameIndex(names, names.map((_, i) => i));
  const top = (q: string, partial = false): string | undefined => {
    const m = index.search(q, { partial })[0];
    return m === undefined ? undefined : names[m.id];
  };

  it('finds exact names with similarity 1', () => {
    expect(index.search('CHARLES')[0]).toMatchObject({ id: 5, similarity: 1, kind: 'exact' });
  });

  it('finds misspelled names', () => {
    expect(top('GREENMONT')).toBe('GREENMOUNT');
    expect(top('HARFROD')).toBe('HARFORD');
    expect(top('TOD')).toBe('TODD');
    expect(top('CHRALES')).toBe('CHARLES');
  });

  it('completes names being typed', () => {
    expect(top('GREENM', true)).toBe('GREENMOUNT');
    expect(top('HAN', true)).toBe('HANOVER');
    expect(index.prefix('GREEN').map((i) => names[i]).sort()).toEqual(['GREENMOUNT', 'GREENSPRING', 'GREENWAY']);
  });

  it('keeps every similarity within [0, 1] and exact matches on top', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.boolean(), (name, partial) => {
        const results = index.search(name, { partial });
        return results[0]?.id === names.indexOf(name) && results.every((r) => r.similarity >= 0 && r.similarity <= 1);
      }),
    );
  });

  it('returns nothing for text unlike every name', () => {
    expect(index.search('QQQQQQQ')).toEqual([]);
  });
});
