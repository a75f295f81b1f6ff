import { tQuantile975, Z_975 } from './student-t';

/**
 * Calls per week in the four cells of a before/after, treated/comparison design. Each array has one
 * entry per week of its period; the before and after periods have the same number of weeks.
 */
export interface WeeklyCounts {
  treatedBefore: number[];
  treatedAfter: number[];
  comparisonBefore: number[];
  comparisonAfter: number[];
}

export type DidVerdict = 'decrease' | 'increase' | 'no-evidence' | 'insufficient';

export interface DidEstimate {
  totals: { treatedBefore: number; treatedAfter: number; comparisonBefore: number; comparisonAfter: number };
  /** After / before - 1 near the site: the figure a naive claim quotes. Null when "before" is 0. */
  naiveChange: number | null;
  /** The same for the comparison area: what happened anyway. */
  comparisonChange: number | null;
  /** The difference in differences as a ratio of ratios minus 1 (-0.3 = 30% fewer than expected). */
  change: number | null;
  /** 95% interval of `change`. */
  interval: [number, number] | null;
  /** ln((Ta/Tb)/(Ca/Cb)) and its standard error, the scale the interval is built on. */
  logRatio: number | null;
  standardError: number | null;
  /** Variance inflation from the weekly counts (1 = Poisson; never below 1), near the site and in the comparison area. */
  dispersion: { site: number; comparison: number };
  /** Degrees of freedom of the variance estimate (Satterthwaite); 0 when it could not be estimated. */
  degreesOfFreedom: number;
  /** The multiplier used: Student's t on those degrees of freedom, or the normal 1.96. */
  multiplier: number;
  /** 0.5 was added to every total because one was zero (the log of 0 is undefined). */
  continuityCorrection: boolean;
  verdict: DidVerdict;
  /** Reasons to read the figures with care (few calls, one-week periods). */
  cautions: string[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Pearson dispersion of weekly counts around each period's own weekly mean: the quasi-Poisson
 * scale of one area. Crime and calls for service are overdispersed (a bad week brings several
 * calls), so Poisson variance alone gives intervals that are too narrow and "find" effects that
 * are noise. Estimated per area because overdispersion grows with the mean: a busy comparison
 * area's scale applied to a quiet site would make the site's interval too wide, and vice versa.
 */
export function weeklyDispersion(series: number[][]): { dispersion: number; df: number } {
  let chi2 = 0;
  let df = 0;
  for (const s of series) {
    const mean = sum(s) / s.length;
    if (!(mean > 0) || s.length < 2) continue;
    for (const y of s) chi2 += (y - mean) ** 2 / mean;
    df += s.length - 1;
  }
  if (df === 0) return { dispersion: 1, df: 0 };
  // Never narrower than Poisson: an estimate below 1 with few weeks is more likely luck than
  // underdispersion, and a too-narrow interval is the error that matters here.
  return { dispersion: Math.max(1, chi2 / df), df };
}

/**
 * Difference in differences on log counts: ln(treated after / before) - ln(comparison after /
 * before). Why this and not a bootstrap over weeks: with the usual 4 to 26 weeks per period a
 * weekly bootstrap has too few blocks to estimate a tail well, whereas the delta-method variance
 * of a log count ratio (1/a + 1/b + 1/c + 1/d for Poisson counts) inflated by the dispersion
 * measured in the weekly counts (quasi-Poisson, as in Farrington and Welsh's relative effect
 * size, with one scale for the site and one for the comparison area) stays honest at small samples
 * and is checked by simulation in the tests. The interval uses Student's t with Satterthwaite's
 * degrees of freedom for the two estimated scales.
 * Not modelled: trends that differ between the two areas, seasonality within a period, and
 * displacement into a ring comparison area; the screen says so.
 */
export function differenceInDifferences(w: WeeklyCounts): DidEstimate {
  const totals = {
    treatedBefore: sum(w.treatedBefore),
    treatedAfter: sum(w.treatedAfter),
    comparisonBefore: sum(w.comparisonBefore),
    comparisonAfter: sum(w.comparisonAfter),
  };
  const weeks = w.treatedBefore.length;
  const ratio = (after: number, before: number) => (before > 0 ? after / before - 1 : null);
  const base = {
    totals,
    naiveChange: ratio(totals.treatedAfter, totals.treatedBefore),
    comparisonChange: ratio(totals.comparisonAfter, totals.comparisonBefore),
  };
  const cautions: string[] = [];
  const site = weeklyDispersion([w.treatedBefore, w.treatedAfter]);
  const area = weeklyDispersion([w.comparisonBefore, w.comparisonAfter]);
  const dispersion = { site: site.dispersion, comparison: area.dispersion };
  if (totals.treatedBefore + totals.treatedAfter === 0 || totals.comparisonBefore + totals.comparisonAfter === 0) {
    cautions.push(totals.treatedBefore + totals.treatedAfter === 0 ? 'no calls near the site in either period' : 'no calls in the comparison area in either period');
    return { ...base, change: null, interval: null, logRatio: null, standardError: null, dispersion, degreesOfFreedom: 0, multiplier: Z_975, continuityCorrection: false, verdict: 'insufficient', cautions };
  }
  const values = [totals.treatedBefore, totals.treatedAfter, totals.comparisonBefore, totals.comparisonAfter];
  const continuityCorrection = values.some((v) => v === 0);
  const h = continuityCorrection ? 0.5 : 0;
  const [a, b, c, d] = values.map((v) => v + h) as [number, number, number, number];
  const logRatio = Math.log(b / a) - Math.log(d / c);
  const siteVar = site.dispersion * (1 / a + 1 / b);
  const areaVar = area.dispersion * (1 / c + 1 / d);
  const standardError = Math.sqrt(siteVar + areaVar);
  // Satterthwaite: the two variance parts are estimated on df each; an unestimated part (one
  // week per period) is taken as known.
  const dfDenominator = (site.df > 0 ? siteVar ** 2 / site.df : 0) + (area.df > 0 ? areaVar ** 2 / area.df : 0);
  const df = site.df > 0 && area.df > 0 ? (siteVar + areaVar) ** 2 / dfDenominator : 0;
  const multiplier = df > 0 ? tQuantile975(df) : Z_975;
  const lo = logRatio - multiplier * standardError;
  const hi = logRatio + multiplier * standardError;
  if (Math.min(...values) < 10) cautions.push('fewer than 10 calls in at least one area and period: the interval is wide and the normal approximation rough');
  if (weeks < 2) cautions.push('one week per period: the week-to-week variation could not be measured, so Poisson variance was assumed (likely too narrow)');
  if (continuityCorrection) cautions.push('a zero count: 0.5 was added to every total before taking logs');
  const verdict: DidVerdict = lo > 0 ? 'increase' : hi < 0 ? 'decrease' : 'no-evidence';
  return {
    ...base,
    change: Math.exp(logRatio) - 1,
    interval: [Math.exp(lo) - 1, Math.exp(hi) - 1],
    logRatio,
    standardError,
    dispersion,
    degreesOfFreedom: df,
    multiplier,
    continuityCorrection,
    verdict,
    cautions,
  };
}

const pct = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(Math.abs(x) < 0.1 ? 1 : 0)}%`;

/** The verdict as a sentence an analyst can quote, with the interval and what it means. */
export function verdictText(e: DidEstimate, what = 'calls'): string {
  if (e.verdict === 'insufficient' || e.change === null || e.interval === null) {
    return `Not enough data to estimate a change: ${e.cautions[0] ?? 'no calls'}.`;
  }
  const range = `${pct(e.interval[0])} to ${pct(e.interval[1])}`;
  if (e.verdict === 'no-evidence') {
    // The direction of the point estimate is named only to say it cannot be relied on.
    const direction = e.change < 0 ? 'dropped' : 'rose';
    return `No evidence of a change. Relative to the comparison area, ${what} near the site changed by ${pct(e.change)}, but the 95% interval (${range}) includes no change: these data cannot say that ${what} ${direction}, and they are consistent with no effect.`;
  }
  const dir = e.verdict === 'decrease' ? 'fell' : 'rose';
  return `Evidence of ${e.verdict === 'decrease' ? 'a decrease' : 'an increase'}: relative to the comparison area, ${what} near the site ${dir} by ${pct(Math.abs(e.change)).replace('+', '')} (95% interval ${range}). This is an association over the chosen periods, not proof that the camera caused it.`;
}
