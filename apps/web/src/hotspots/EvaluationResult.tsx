import type { CameraEvaluation } from '@openpsap/contract';
import { count, percent } from './hotspot-format';

const VERDICT_TITLES: Record<CameraEvaluation['verdict'], string> = {
  'no-evidence': 'No evidence of a change',
  decrease: 'Evidence of a decrease',
  increase: 'Evidence of an increase',
  insufficient: 'Not enough data',
};

/** What the verdict means for the claim the analyst typed in, without reading the claim itself. */
const CLAIM_READING: Record<CameraEvaluation['verdict'], string> = {
  'no-evidence': 'not borne out by these data. They show no change either way that can be told from chance, so neither a drop nor a rise near this site can be quoted from them.',
  decrease: 'these data support a decrease near the site relative to the comparison area, by the interval shown and not by the naive figure. They do not show that the camera caused it.',
  increase: 'these data show an increase near the site relative to the comparison area; any claim of a drop is contradicted by them.',
  insufficient: 'these data cannot test it: too few calls.',
};

/**
 * The estimate and its 95% interval on one axis, with "no change" marked: whether the interval
 * crosses the line is the whole verdict, so it is drawn, not only written.
 */
function IntervalPlot({ e }: { e: CameraEvaluation }) {
  if (e.change === null || e.interval === null) return null;
  // Log scale, so -50% and +100% sit equally far from no change (both a factor of two).
  const lo = Math.log1p(e.interval[0]);
  const hi = Math.log1p(e.interval[1]);
  const est = Math.log1p(e.change);
  const naive = e.naiveChange !== null && e.naiveChange > -1 ? Math.log1p(e.naiveChange) : null;
  const span = Math.max(Math.abs(lo), Math.abs(hi), Math.abs(naive ?? 0), Math.log(1.5)) * 1.15;
  const W = 420;
  const x = (v: number) => 20 + ((v + span) / (2 * span)) * (W - 40);
  const ticks = [-0.75, -0.5, -0.25, 0, 0.5, 1, 2, 3].filter((t) => Math.abs(Math.log1p(t)) <= span);
  return (
    <svg className="ev-plot" viewBox={`0 0 ${W} 78`} role="img" aria-label={`Estimate ${percent(e.change)}, 95% interval ${percent(e.interval[0])} to ${percent(e.interval[1])}${naive !== null ? `; naive before/after change ${percent(e.naiveChange)}` : ''}`}>
      <line x1={x(0)} x2={x(0)} y1={6} y2={56} className="ev-zero" />
      <text x={x(0)} y={72} textAnchor="middle" className="ev-tick">no change</text>
      {ticks.filter((t) => t !== 0).map((t) => (
        <g key={t}>
          <line x1={x(Math.log1p(t))} x2={x(Math.log1p(t))} y1={50} y2={56} className="ev-axis" />
          <text x={x(Math.log1p(t))} y={72} textAnchor="middle" className="ev-tick">{percent(t)}</text>
        </g>
      ))}
      <line x1={20} x2={W - 20} y1={56} y2={56} className="ev-axis" />
      <line x1={x(lo)} x2={x(hi)} y1={30} y2={30} className="ev-ci" />
      <line x1={x(lo)} x2={x(lo)} y1={24} y2={36} className="ev-ci" />
      <line x1={x(hi)} x2={x(hi)} y1={24} y2={36} className="ev-ci" />
      <circle cx={x(est)} cy={30} r={6} className="ev-est" />
      {naive !== null && <path d={`M ${x(naive)} 8 l 6 10 l -12 0 z`} className="ev-naive" />}
    </svg>
  );
}

/** Weekly counts before and after, near the site and in the comparison area, as small bars. */
function WeeklyBars({ label, before, after }: { label: string; before: number[]; after: number[] }) {
  const all = [...before, ...after];
  const max = Math.max(1, ...all);
  const bw = 6;
  const W = all.length * (bw + 1) + 8;
  return (
    <figure className="ev-weekly">
      <svg viewBox={`0 0 ${W} 44`} role="img" aria-label={`${label}: weekly calls before ${before.join(', ')}; after ${after.join(', ')}`}>
        {all.map((n, i) => {
          const h = (n / max) * 40;
          const xPos = i * (bw + 1) + (i >= before.length ? 8 : 0);
          return <rect key={i} x={xPos} y={42 - h} width={bw} height={Math.max(h, 0.5)} className={i < before.length ? 'ev-bar-before' : 'ev-bar-after'} />;
        })}
        <line x1={before.length * (bw + 1) + 3.5} x2={before.length * (bw + 1) + 3.5} y1={0} y2={44} className="ev-zero" />
      </svg>
      <figcaption className="small">{label}: calls per week, before | after (tallest bar {count(max)})</figcaption>
    </figure>
  );
}

const sentence = (s: string) => (s ? `${s[0]!.toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}` : s);

/** The server's verdict sentence begins with the verdict; the heading above already says it. */
function withoutTitle(text: string, title: string): string {
  return text.startsWith(title) ? sentence(text.slice(title.length).replace(/^[.:]\s*/, '')) : text;
}

/** One evaluation: raw counts, naive and comparison changes, the estimate with its interval, the verdict in words, and how it was computed. */
export function EvaluationResult({ e }: { e: CameraEvaluation }) {
  const comparisonText = e.comparison.kind === 'ring'
    ? `a ring from ${count(e.radiusM)} to ${count(e.comparison.outerRadiusM ?? 0)} m around it`
    : `${e.comparison.sites.length} comparison site${e.comparison.sites.length === 1 ? '' : 's'} (${e.comparison.sites.map((s) => s.name).join('; ')}), ${count(e.radiusM)} m around each`;
  return (
    <article className="panel ev-result" aria-labelledby={`ev-title-${e.id}`}>
      <header>
        <h3 id={`ev-title-${e.id}`}>Evaluation {e.id}: {e.site.name}</h3>
        <p className="muted small">
          {e.sourceName}; {count(e.radiusM)} m around the site against {comparisonText}; {e.weeks} weeks before and after {e.date}
          {e.gapDays ? ` (the ${e.gapDays} days from ${e.date} left out)` : ''}. Run by {e.createdBy}, {new Date(e.createdAt).toLocaleString()}.
        </p>
        {e.note && <p className="small">Claim checked: “{e.note}”</p>}
      </header>
      <div className={`ev-verdict ev-${e.verdict}`} role="status">
        <strong>{VERDICT_TITLES[e.verdict]}</strong>
        <p>{withoutTitle(e.verdictText, VERDICT_TITLES[e.verdict])}</p>
        {e.note && <p><strong>The claim checked:</strong> {CLAIM_READING[e.verdict]}</p>}
      </div>
      {!e.dateIsInstallation && <p className="ev-placebo"><strong>Placebo test.</strong> {sentence(e.cautions[0]?.replace(/^placebo test: /, '') ?? '')}</p>}
      <table className="ev-counts">
        <caption className="sr-only">Calls before and after</caption>
        <thead>
          <tr>
            <th scope="col">Calls</th>
            <th scope="col">Before<br /><span className="muted small">{e.periods.before.from} to {e.periods.before.to}</span></th>
            <th scope="col">After<br /><span className="muted small">{e.periods.after.from} to {e.periods.after.to}</span></th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Near the site</th>
            <td>{count(e.counts.treatedBefore)}</td>
            <td>{count(e.counts.treatedAfter)}</td>
            <td>{percent(e.naiveChange)} <span className="muted small">(naive)</span></td>
          </tr>
          <tr>
            <th scope="row">Comparison area</th>
            <td>{count(e.counts.comparisonBefore)}</td>
            <td>{count(e.counts.comparisonAfter)}</td>
            <td>{percent(e.comparisonChange)}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>Difference in differences (near the site, relative to the comparison area)</th>
            <td><strong>{percent(e.change)}</strong></td>
          </tr>
          <tr>
            <th scope="row" colSpan={3}>95% interval</th>
            <td>{e.interval ? `${percent(e.interval[0])} to ${percent(e.interval[1])}` : 'n/a'}</td>
          </tr>
        </tfoot>
      </table>
      <IntervalPlot e={e} />
      <p className="muted small ev-plot-key">● estimate with its 95% interval; ▲ the naive before/after change near the site alone.</p>
      <div className="ev-weekly-row">
        <WeeklyBars label="Near the site" before={e.weekly.treatedBefore} after={e.weekly.treatedAfter} />
        <WeeklyBars label="Comparison area" before={e.weekly.comparisonBefore} after={e.weekly.comparisonAfter} />
      </div>
      {e.cautions.filter((c) => !c.startsWith('placebo test')).length > 0 && (
        <ul className="ev-cautions">
          {e.cautions.filter((c) => !c.startsWith('placebo test')).map((c) => <li key={c}>{c}</li>)}
        </ul>
      )}
      <details className="ev-method">
        <summary>How this is computed</summary>
        <p>
          Calls within {count(e.radiusM)} m of the site and in the comparison area are counted per week, for {e.weeks} weeks before and {e.weeks} after the date.
          The naive change compares the site with itself; it also contains whatever changed everywhere (season, weather, reporting). The comparison area
          carries that common change, so the estimate is the ratio of the two changes: (after ÷ before near the site) ÷ (after ÷ before in the comparison
          area), shown as a percentage.
        </p>
        <p>
          The interval is built on log counts. Counts of calls vary more from week to week than a Poisson count would (a bad week brings several calls),
          so each area's variance is inflated by the dispersion measured in its own weekly counts (here {e.dispersion.site.toFixed(2)} near the site and{' '}
          {e.dispersion.comparison.toFixed(2)} in the comparison area; 1 means Poisson), and the interval uses Student's t on{' '}
          {e.degreesOfFreedom ? e.degreesOfFreedom.toFixed(1) : 'no'} degrees of freedom. A bootstrap over weeks was not used: with a few weeks per period it
          has too few blocks to be trusted. In simulations with no effect this interval includes zero 95% of the time.
        </p>
        <p>
          When the interval includes no change, the data are consistent with no effect: "no evidence of a change" is not proof of no effect, and a
          drop quoted from the naive figure alone is not evidence of one. Not modelled: trends that differ between the areas, and calls moved
          from the site into a nearby ring.
        </p>
      </details>
    </article>
  );
}
