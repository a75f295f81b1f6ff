import { describe, expect, it } from 'vitest';
import { callTakersNeeded, erlangB, erlangC, serviceLevel } from './erlang-c';

// The textbook formula with factorials, usable only for small numbers: an independent check.
function erlangCByFactorials(n: number, a: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 0; k < n; k++) {
    sum += term;
    term = (term * a) / (k + 1);
  }
  const top = term * (n / (n - a));
  return top / (sum + top);
}

describe('Erlang B and C', () => {
  it('gives the textbook values', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 12);
    // 10 erlangs (100 calls in 30 minutes at 180 s): the classic worked example.
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangC(12, 10)).toBeCloseTo(0.4494, 4);
    expect(erlangC(13, 10)).toBeCloseTo(0.2853, 4);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 4);
    expect(serviceLevel(14, 10, 180, 20)).toBeCloseTo(0.8884, 4);
    expect(serviceLevel(15, 10, 180, 20)).toBeCloseTo(0.9415, 4);
  });

  it('agrees with the factorial formula and stays finite for large centres', () => {
    for (const [n, a] of [[5, 4], [8, 4], [20, 15.5], [40, 33]] as const) expect(erlangC(n, a)).toBeCloseTo(erlangCByFactorials(n, a), 10);
    const big = erlangC(1200, 1150);
    expect(Number.isFinite(big)).toBe(true);
    expect(big).toBeGreaterThan(0);
    expect(big).toBeLessThan(1);
    expect(erlangC(4, 4)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
  });

  it('finds the fewest call-takers for 90% in 15 s', () => {
    // 60 calls an hour at 240 s = 4 erlangs: 7 answer 88.8%, 8 answer 95.4%.
    expect(serviceLevel(7, 4, 240, 15)).toBeCloseTo(0.888, 3);
    expect(callTakersNeeded(60, 240)).toBe(8);
    expect(callTakersNeeded(200, 180, 20, 0.9)).toBe(15);
    expect(callTakersNeeded(0, 240)).toBe(0);
    expect(callTakersNeeded(1, 60)).toBe(1);
  });
});
