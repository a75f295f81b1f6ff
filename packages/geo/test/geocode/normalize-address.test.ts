import { describe, expect, it } from 'vitest';
import {
  cleanAddressText,
  formatStreetLabel,
  interpretStreetTokens,
  normalizeOrdinalTokens,
  ordinalOf,
  parseQuery,
  streetNameKey,
  streetPartsFromFields,
  tokenizeStreetText,
} from '../../src/geocode/index.js';

const key = (text: string): string => streetNameKey(tokenizeStreetText(text));
const firstReading = (text: string): string => {
  const parts = interpretStreetTokens(tokenizeStreetText(text))[0];
  return parts === undefined ? '' : formatStreetLabel(parts);
};

describe('cleanAddressText', () => {
  it('upper-cases and drops meaningless punctuation', () => {
    expect(cleanAddressText("  4900 n. Charles St.  ")).toBe('4900 N CHARLES ST');
    expect(cleanAddressText("O'Donnell St")).toBe('ODONNELL ST');
    expect(cleanAddressText('Apt#4')).toBe('APT # 4');
  });
});

describe('ordinals', () => {
  it('writes suffixes the way street data does', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinalOf)).toEqual([
      '1ST', '2ND', '3RD', '4TH', '11TH', '12TH', '13TH', '21ST', '22ND', '23RD', '101ST', '111TH',
    ]);
  });

  it('reads spelled-out, glued and misspelled ordinals', () => {
    expect(normalizeOrdinalTokens(['TWENTY', 'FIRST', 'ST'])).toEqual(['21ST', 'ST']);
    expect(normalizeOrdinalTokens(['TWENTYFIRST'])).toEqual(['21ST']);
    expect(normalizeOrdinalTokens(['FIRST'])).toEqual(['1ST']);
    expect(normalizeOrdinalTokens(['SECOND'])).toEqual(['2ND']);
    expect(normalizeOrdinalTokens(['TWELFTH'])).toEqual(['12TH']);
    expect(normalizeOrdinalTokens(['THIRTIETH'])).toEqual(['30TH']);
    expect(normalizeOrdinalTokens(['21TH'])).toEqual(['21ST']);
    expect(normalizeOrdinalTokens(['2D'])).toEqual(['2ND']);
    expect(normalizeOrdinalTokens(['TWENTY'])).toEqual(['TWENTY']);
  });

  it('gives every spelling of a numbered street one key', () => {
    const k = key('21ST');
    for (const s of ['TWENTY FIRST', 'TWENTY-FIRST', 'twentyfirst', '21', '21TH']) expect(key(s)).toBe(k);
    expect(key('SECOND')).toBe(key('2ND'));
  });

  it('keeps route numbers as numbers', () => {
    expect(key('I 95')).toBe(key('I-95'));
    expect(key('INTERSTATE 95')).toBe(key('I 95'));
    expect(key('I 95')).not.toBe(key('95TH'));
  });
});

describe('street name keys', () => {
  it('treats SAINT/ST, MOUNT/MT, FORT/FT inside a name as the same word', () => {
    expect(key('ST PAUL')).toBe(key('SAINT PAUL'));
    expect(key('ST. PAUL')).toBe(key('SAINT PAUL'));
    expect(key('MT ROYAL')).toBe(key('MOUNT ROYAL'));
    expect(key('MT. WASHINGTON')).toBe(key('MOUNT WASHINGTON'));
    expect(key('FT ARMISTEAD')).toBe(key('FORT ARMISTEAD'));
  });

  it('spells out suffix words inside names and ignores spacing', () => {
    expect(key('PARK HTS')).toBe(key('PARK HEIGHTS'));
    expect(key('COLDSPRING')).toBe(key('COLD SPRING'));
    expect(key('MC ELDERRY')).toBe(key('MCELDERRY'));
    expect(key("O'DONNELL")).toBe(key('ODONNELL'));
  });
});

describe('street parts', () => {
  it('normalises stored fields to USPS abbreviations', () => {
    expect(formatStreetLabel(streetPartsFromFields('N', 'CHARLES', 'STREET', ''))).toBe('N CHARLES ST');
    expect(formatStreetLabel(streetPartsFromFields('', 'WESTCHESTER', 'ROAD', ''))).toBe('WESTCHESTER RD');
    expect(formatStreetLabel(streetPartsFromFields('', 'HARFORD', 'LANE', ''))).toBe('HARFORD LN');
    expect(formatStreetLabel(streetPartsFromFields('', 'DAWN', 'TERR', ''))).toBe('DAWN TER');
    expect(formatStreetLabel(streetPartsFromFields('', 'GREENMOUNT-BOONE', '', ''))).toBe('GREENMOUNT-BOONE');
    expect(formatStreetLabel(streetPartsFromFields('', 'WHEELER', 'AVE', 'NORTH'))).toBe('WHEELER AVE N');
  });

  it.each([
    ['already normal', 'N CHARLES ST', 'N CHARLES ST'],
    ['full words', 'NORTH CHARLES STREET', 'N CHARLES ST'],
    ['AVENUE', 'TODD AVENUE', 'TODD AVE'],
    ['AV', 'TODD AV', 'TODD AVE'],
    ['BOULEVARD', 'WASHINGTON BOULEVARD', 'WASHINGTON BLVD'],
    ['LA for LANE', 'COLDSPRING LA', 'COLDSPRING LN'],
    ['suffix direction', 'WHEELER AVENUE NORTH', 'WHEELER AVE N'],
    ['SAINT kept in the name', 'ST PAUL ST', 'ST PAUL ST'],
  ])('reads %s: %s', (_label, text, expected) => {
    expect(firstReading(text)).toBe(expected);
  });

  it('offers a directional as part of the name when it may be one', () => {
    const readings = interpretStreetTokens(['NORTH', 'POINT', 'RD']).map(formatStreetLabel);
    expect(readings).toContain('N POINT RD');
    expect(readings).toContain('NORTH POINT RD');
    // In "NORTH AVE" no other word can be the name.
    const northAve = interpretStreetTokens(['NORTH', 'AVE']);
    expect(northAve.map(formatStreetLabel)[0]).toBe('NORTH AVE');
    expect(northAve.some((p) => p.prefix === 'N' && p.type === 'AVE')).toBe(false);
  });

  it('offers a suffix word as part of the name when the type may be missing', () => {
    const readings = interpretStreetTokens(['PARK', 'HEIGHTS']).map((p) => `${p.nameTokens.join(' ')}|${p.type}`);
    expect(readings).toEqual(['PARK|HTS', 'PARK HEIGHTS|']);
  });
});

describe('parseQuery', () => {
  it('reads a plain address', () => {
    expect(parseQuery('4900 Todd Ave')).toEqual({ kind: 'address', number: 4900, numberText: '4900', street: ['TODD', 'AVE'] });
  });

  it.each([
    ['100 N Charles St Apt 4B', 'APT 4B'],
    ['100 N Charles St #4B', '#4B'],
    ['100 N Charles St # 4B', '#4B'],
    ['100 N Charles St Unit 7', 'UNIT 7'],
    ['100 N Charles St Ste 300', 'STE 300'],
    ['100 N Charles St Suite 300', 'STE 300'],
    ['100 N Charles St, Apt 2', 'APT 2'],
    ['100 N Charles St 3rd Floor', 'FL 3'],
    ['100 N Charles St Apartment 12', 'APT 12'],
  ])('strips the unit from %s', (text, unit) => {
    const q = parseQuery(text);
    expect(q).toMatchObject({ kind: 'address', number: 100, street: ['N', 'CHARLES', 'ST'], unit });
  });

  it('does not mistake street words for units', () => {
    expect(parseQuery('100 STE CLAIRE ST')).toMatchObject({ kind: 'address', street: ['STE', 'CLAIRE', 'ST'] });
    expect(parseQuery('100 E FRONT ST')).toMatchObject({ kind: 'address', street: ['E', 'FRONT', 'ST'] });
  });

  it('drops a trailing locality, state and ZIP', () => {
    expect(parseQuery('2700 Glenn Ave\nBaltimore, MD\n')).toMatchObject({ kind: 'address', number: 2700, street: ['GLENN', 'AVE'] });
    expect(parseQuery('2700 GLENN AVE BALTIMORE MD 21215')).toMatchObject({ street: ['GLENN', 'AVE'], zip: '21215' });
    expect(parseQuery('2700 GLENN AVE, BALTIMORE, MD 21215')).toMatchObject({ street: ['GLENN', 'AVE'], zip: '21215' });
    // BALTIMORE is also a street.
    expect(parseQuery('100 E BALTIMORE ST')).toMatchObject({ street: ['E', 'BALTIMORE', 'ST'] });
    expect(parseQuery('100 E BALTIMORE')).toMatchObject({ street: ['E', 'BALTIMORE'] });
  });

  it.each([
    'N Charles St & E 25th St',
    'N Charles St && E 25th St',
    'N Charles St and E 25th St',
    'N Charles St / E 25th St',
    'N Charles St/E 25th St',
    'N Charles St at E 25th St',
    'N Charles St @ E 25th St',
    'corner of N Charles St and E 25th St',
    'the corner of N Charles St & E 25th St',
    'intersection of N Charles St and E 25th St',
  ])('reads %s as an intersection', (text) => {
    expect(parseQuery(text)).toEqual({ kind: 'intersection', first: ['N', 'CHARLES', 'ST'], second: ['E', '25TH', 'ST'] });
  });

  it('reads a corner whose street name holds a comma, and a trailing locality', () => {
    expect(parseQuery('HENRY G. PARKS, JR. CIR & OAK AVE, BALTIMORE, MD 21215')).toEqual({
      kind: 'intersection',
      first: ['HENRY', 'G', 'PARKS', 'JR', 'CIR'],
      second: ['OAK', 'AVE'],
      zip: '21215',
    });
  });

  it('reads a house number followed by AT or & as an address, not a corner', () => {
    expect(parseQuery('4900 TODD AVE AT REAR')).toMatchObject({ kind: 'address', number: 4900, street: ['TODD', 'AVE'] });
    expect(parseQuery('4900A TODD AVE / SIDE DOOR')).toMatchObject({ kind: 'address', numberText: '4900A', street: ['TODD', 'AVE'] });
  });

  it('keeps a fraction in a house number out of the intersection reading', () => {
    expect(parseQuery('22 1/2 N CHARLES ST')).toMatchObject({ kind: 'address', number: 22, numberText: '22 1/2' });
  });

  it.each([
    ['4900 BLK TODD AVE', 4900],
    ['4900 BLOCK OF TODD AVE', 4900],
    ['4900 block Todd Ave', 4900],
    ['4950 BLK TODD AVE', 4900],
  ])('reads %s as a block', (text, block) => {
    expect(parseQuery(text)).toEqual({ kind: 'block', block, street: ['TODD', 'AVE'] });
  });

  it('reads names, lone numbers and nothing', () => {
    expect(parseQuery('Penn Station')).toEqual({ kind: 'name', tokens: ['PENN', 'STATION'], text: 'PENN STATION' });
    expect(parseQuery('4900')).toEqual({ kind: 'number', number: 4900, numberText: '4900' });
    expect(parseQuery('  ,, ')).toEqual({ kind: 'empty' });
    expect(parseQuery('25TH ST')).toMatchObject({ kind: 'name', tokens: ['25TH', 'ST'] });
  });
});
