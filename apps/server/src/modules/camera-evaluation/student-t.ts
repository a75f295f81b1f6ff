/** The 97.5th percentile of the standard normal distribution: the two-sided 95% multiplier. */
export const Z_975 = 1.959963984540054;

/**
 * The 97.5th percentile of Student's t with `df` degrees of freedom, the multiplier of a 95%
 * interval whose standard error carries an estimated dispersion. Exact for 1 and 2 degrees of
 * freedom; from 3 up the Cornish-Fisher expansion around the normal quantile (Abramowitz and
 * Stegun 26.7.5): 0.004 below the tables at df 3, within 0.001 from df 4, closer as df grows.
 */
export function tQuantile975(df: number): number {
  if (!Number.isFinite(df) || df <= 0) return Z_975;
  // Below 3 the expansion is poor; rounding a fractional df down errs on the wide side.
  if (df < 3) df = Math.max(1, Math.floor(df));
  if (df === 1) return Math.tan(Math.PI * (0.975 - 0.5));
  if (df === 2) return (2 * 0.975 - 1) / Math.sqrt(2 * 0.975 * (1 - 0.975));
  const z = Z_975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  const g1 = (z3 + z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  const g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}
