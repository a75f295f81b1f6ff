import { describe, expect, it } from 'vitest';
import { differenceInDifferences, verdictText, weeklyDispersion, type WeeklyCounts } from './did-estimate';
import { tQuantile975 } from './student-t';

const repeat = (v: number, n: number) => Array.from({ length: n }, () => v);

describe('hand-computed cases', () => {
  it('halved near the site, flat in the comparison area, no week-to-week variation', () => {
    // a=100 b=50 c=200 d=200: ln(0.5) = -0.693147; variance (1/100+1/50) + (1/200+1/200) = 0.03 +
    // 0.01 = 0.04, se 0.2; both dispersions 0, floored to 1, on 18 df each; Satterthwaite df =
    // 0.04^2 / (0.03^2/18 + 0.01^2/18) = 28.8; t(28.8, .975) = 2.0458 (tables: 2.0484 at 28, 2.0452 at 29).
    // Interval exp(-0.693147 -/+ 2.0458 x 0.2) - 1 = [-0.66788, -0.24723].
    const e = differenceInDifferences({ treatedBefore: repeat(10, 10), treatedAfter: repeat(5, 10), comparisonBefore: repeat(20, 10), comparisonAfter: repeat(20, 10) });
    expect(e.totals).toEqual({ treatedBefore: 100, treatedAfter: 50, comparisonBefore: 200, comparisonAfter: 200 });
    expect(e.naiveChange).toBeCloseTo(-0.5, 10);
    expect(e.comparisonChange).toBeCloseTo(0, 10);
    expect(e.change).toBeCloseTo(-0.5, 10);
    expect(e.logRatio).toBeCloseTo(-0.693147, 5);
    expect(e.standardError).toBeCloseTo(0.2, 10);
    expect(e.dispersion).toEqual({ site: 1, comparison: 1 });
    expect(e.degreesOfFreedom).toBeCloseTo(28.8, 10);
    expect(e.multiplier).toBeCloseTo(2.0458, 3);
    expect(e.interval![0]).toBeCloseTo(-0.66788, 3);
    expect(e.interval![1]).toBeCloseTo(-0.24723, 3);
    expect(e.verdict).toBe('decrease');
    expect(verdictText(e)).toMatch(/^Evidence of a decrease: .* fell by 50% \(95% interval -67% to -25%\)/);
  });

  it('a common trend: the naive change is -50% but so is the comparison area\'s, so no effect', () => {
    const e = differenceInDifferences({ treatedBefore: repeat(10, 8), treatedAfter: repeat(5, 8), comparisonBefore: repeat(40, 8), comparisonAfter: repeat(20, 8) });
    expect(e.naiveChange).toBeCloseTo(-0.5, 10);
    expect(e.comparisonChange).toBeCloseTo(-0.5, 10);
    expect(e.change).toBeCloseTo(0, 10);
    expect(e.verdict).toBe('no-evidence');
    expect(verdictText(e)).toMatch(/^No evidence of a change\. .*includes no change/);
  });

  it('inflates each area\'s variance by the Pearson dispersion of its weekly counts', () => {
    // Site: weekly means 5 and 5; X2 = (9+9)/5 + 0 = 3.6 on 2 df: dispersion 1.8.
    // Comparison: means 10 and 10; X2 = 0 + (36+36)/10 = 7.2 on 2 df: dispersion 3.6.
    // Totals 10, 10, 20, 20: ln ratio 0; variance 1.8 x (0.1+0.1) + 3.6 x (0.05+0.05) = 0.72,
    // se 0.848528; Satterthwaite df = 0.72^2 / (0.36^2/2 + 0.36^2/2) = 4, t(4) = 2.776445:
    // interval exp(-/+2.35590) - 1 = [-0.90520, 9.5487].
    const w: WeeklyCounts = { treatedBefore: [2, 8], treatedAfter: [5, 5], comparisonBefore: [10, 10], comparisonAfter: [4, 16] };
    expect(weeklyDispersion([w.treatedBefore, w.treatedAfter])).toEqual({ dispersion: expect.closeTo(1.8, 10), df: 2 });
    expect(weeklyDispersion([w.comparisonBefore, w.comparisonAfter])).toEqual({ dispersion: expect.closeTo(3.6, 10), df: 2 });
    const e = differenceInDifferences(w);
    expect(e.standardError).toBeCloseTo(0.848528, 5);
    expect(e.degreesOfFreedom).toBeCloseTo(4, 10);
    expect(e.interval![0]).toBeCloseTo(-0.9052, 3);
    expect(e.interval![1]).toBeCloseTo(9.5487, 1); // the t expansion is 0.001 low at df 4
    expect(e.verdict).toBe('no-evidence');
  });

  it('adds 0.5 to every total when one is zero, and says so', () => {
    const e = differenceInDifferences({ treatedBefore: [4, 6], treatedAfter: [0, 0], comparisonBefore: [10, 10], comparisonAfter: [10, 10] });
    // ln(0.5/10.5) - ln(20.5/20.5) = -3.044522
    expect(e.continuityCorrection).toBe(true);
    expect(e.logRatio).toBeCloseTo(-3.044522, 5);
    expect(e.naiveChange).toBe(-1);
    expect(e.cautions.join(' ')).toContain('0.5 was added');
  });

  it('refuses to estimate without calls near the site', () => {
    const e = differenceInDifferences({ treatedBefore: [0, 0], treatedAfter: [0, 0], comparisonBefore: [3, 4], comparisonAfter: [5, 1] });
    expect(e.verdict).toBe('insufficient');
    expect(e.change).toBeNull();
    expect(e.naiveChange).toBeNull();
    expect(verdictText(e)).toBe('Not enough data to estimate a change: no calls near the site in either period.');
  });

  it('t quantiles match the tables', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.7062, 3);
    expect(tQuantile975(2)).toBeCloseTo(4.3027, 3);
    expect(Math.abs(tQuantile975(3) - 3.1824)).toBeLessThan(0.005);
    expect(tQuantile975(4)).toBeCloseTo(2.7764, 2);
    expect(tQuantile975(10)).toBeCloseTo(2.2281, 3);
    expect(tQuantile975(30)).toBeCloseTo(2.0423, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 3);
  });
});

// Seeded generators, so the simulation gives the same answer on every run.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Gamma(shape, 1) by Marsaglia and Tsang's method (shape >= 1 here). */
function gamma(rand: () => number, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v ** 3;
    const u = rand();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function poisson(rand: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

/** Negative binomial as a gamma mixture of Poissons: variance mean + mean^2 / size. */
const negBinomial = (rand: () => number, mean: number, size: number) => poisson(rand, (mean * gamma(rand, size)) / size);

function simulate(rand: () => number, opts: { weeks: number; treatedMean: number; comparisonMean: number; effect: number; trend: number; size: number }): WeeklyCounts {
  const draw = (mean: number) => Array.from({ length: opts.weeks }, () => negBinomial(rand, mean, opts.size));
  return {
    treatedBefore: draw(opts.treatedMean),
    treatedAfter: draw(opts.treatedMean * opts.trend * opts.effect),
    comparisonBefore: draw(opts.comparisonMean),
    comparisonAfter: draw(opts.comparisonMean * opts.trend),
  };
}

function run(seed: number, n: number, opts: Parameters<typeof simulate>[1]) {
  const rand = mulberry32(seed);
  let covered = 0;
  let flagged = 0;
  let logSum = 0;
  for (let i = 0; i < n; i++) {
    const e = differenceInDifferences(simulate(rand, opts));
    const truth = opts.effect - 1;
    if (e.interval![0] <= truth && truth <= e.interval![1]) covered++;
    if (e.verdict !== 'no-evidence') flagged++;
    logSum += e.logRatio!;
  }
  return { coverage: covered / n, flagged: flagged / n, meanLogRatio: logSum / n };
}

describe('simulation', () => {
  const N = 2000; // coverage has a standard error of about 0.005 at this size: 0.935-0.965 is 3 of them

  it('with no effect, the interval covers zero about 95% of the time (overdispersed weekly counts, a common trend)', () => {
    const r = run(1, N, { weeks: 12, treatedMean: 6, comparisonMean: 30, effect: 1, trend: 0.8, size: 4 });
    expect(r.coverage).toBeGreaterThan(0.935);
    expect(r.coverage).toBeLessThan(0.965);
    expect(r.flagged).toBeLessThan(0.07);
  });

  it('with no effect and short periods (4 weeks), coverage still holds', () => {
    const r = run(2, N, { weeks: 4, treatedMean: 15, comparisonMean: 60, effect: 1, trend: 1.2, size: 6 });
    expect(r.coverage).toBeGreaterThan(0.935);
    expect(r.coverage).toBeLessThan(0.965);
  });

  it('Poisson variance alone would claim effects that are not there: why the dispersion is estimated', () => {
    const rand = mulberry32(3);
    let covered = 0;
    for (let i = 0; i < N; i++) {
      const w = simulate(rand, { weeks: 12, treatedMean: 6, comparisonMean: 30, effect: 1, trend: 1, size: 4 });
      const t = w.treatedBefore.reduce((a, b) => a + b, 0) + 0.5;
      const ta = w.treatedAfter.reduce((a, b) => a + b, 0) + 0.5;
      const c = w.comparisonBefore.reduce((a, b) => a + b, 0) + 0.5;
      const ca = w.comparisonAfter.reduce((a, b) => a + b, 0) + 0.5;
      const l = Math.log(ta / t) - Math.log(ca / c);
      if (Math.abs(l) <= 1.96 * Math.sqrt(1 / t + 1 / ta + 1 / c + 1 / ca)) covered++;
    }
    expect(covered / N).toBeLessThan(0.9);
  });

  it('recovers a known 40% reduction, and its interval covers the truth about 95% of the time', () => {
    const r = run(4, N, { weeks: 16, treatedMean: 30, comparisonMean: 60, effect: 0.6, trend: 1.1, size: 20 });
    expect(Math.exp(r.meanLogRatio)).toBeGreaterThan(0.57);
    expect(Math.exp(r.meanLogRatio)).toBeLessThan(0.63);
    expect(r.coverage).toBeGreaterThan(0.935);
    expect(r.coverage).toBeLessThan(0.965);
    expect(r.flagged).toBeGreaterThan(0.85); // the power to see a 40% drop at these counts
  });

  it('at a quiet site the same 40% drop is often not distinguishable from noise, and the verdict says so', () => {
    // 10 calls a week near the site, a busy and volatile comparison area: about half the
    // intervals include zero. The method does not manufacture certainty the counts cannot give.
    const r = run(5, N, { weeks: 16, treatedMean: 10, comparisonMean: 40, effect: 0.6, trend: 1.1, size: 5 });
    expect(r.coverage).toBeGreaterThan(0.935);
    expect(r.coverage).toBeLessThan(0.965);
    expect(r.flagged).toBeGreaterThan(0.3);
    expect(r.flagged).toBeLessThan(0.7);
  });
});
