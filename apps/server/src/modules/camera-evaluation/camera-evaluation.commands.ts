import { LIVE_SOURCE, type CameraEvaluation, type CameraEvaluationBody, type EvaluationSite } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { invalid } from '../../errors/app-error';
import { sourceInfo } from '../hotspots/call-sources.queries';
import { differenceInDifferences, verdictText } from './did-estimate';
import { coverageLocal, weeklyCounts, type EvaluationAreas } from './evaluation-counts.queries';
import { siteByRef } from './evaluation-sites.queries';
import { checkCoverage, completeDays, evaluationWindow } from './evaluation-window';

/** What the counted calls are, in the verdict sentence. */
function callsWord(categories: string[], types: string[]): string {
  const parts = [...categories, ...types];
  if (!parts.length) return 'calls';
  const named = parts.length <= 3 ? parts.join(', ') : `${parts.slice(0, 3).join(', ')} and ${parts.length - 3} more`;
  return `calls (${named})`;
}

/**
 * Runs a before/after evaluation around a camera (or any point) and keeps it: inputs checked
 * against the data (the periods must lie inside complete days of the source; comparison sites
 * must not have been installed during them), weekly counts, the difference in differences, the
 * verdict; stored with who ran it so the figure can be looked up later, and audited.
 */
export async function runCameraEvaluation(ctx: AppContext, actor: Actor, body: CameraEvaluationBody): Promise<CameraEvaluation> {
  const db = ctx.db.pool;
  if ((body.site === undefined) === (body.point === undefined)) throw invalid(body.site ? 'point' : 'site', 'give either site (camera:<id> or site:<id>) or point {lat, lon}, not both');
  const info = await sourceInfo(db, body.source, ctx.config.timeZone);
  const site: EvaluationSite | null = body.site ? await siteByRef(db, body.site, body.source, 'site') : null;
  const centre = site ?? { ref: null, name: `Point ${body.point!.lat.toFixed(5)}, ${body.point!.lon.toFixed(5)}`, lat: body.point!.lat, lon: body.point!.lon, installedOn: null };
  const date = body.date ?? site?.installedOn;
  if (!date) throw invalid('date', site ? `${site.name} has no installation date on record; enter the date to test (a date with no installation is a placebo test)` : 'enter the date to test around the point');
  if (body.comparison.kind === 'ring' && body.comparison.outerRadiusM <= body.radiusM) throw invalid('comparison.outerRadiusM', `must be larger than radiusM (${body.radiusM} m)`);

  const w = evaluationWindow(date, body.weeks, body.gapDays);
  const coverage = await coverageLocal(db, info);
  if (!coverage) throw invalid('source', `${info.name} has no calls yet`);
  checkCoverage(w, completeDays(coverage.first, coverage.last, body.source === LIVE_SOURCE ? coverage.today : null), info.name);

  let comparisonSites: EvaluationSite[] = [];
  if (body.comparison.kind === 'sites') {
    const refs = [...new Set(body.comparison.sites)];
    if (body.site && refs.includes(body.site)) throw invalid('comparison.sites', `${body.site} is the site being evaluated; choose other sites`);
    comparisonSites = [];
    for (const ref of refs) comparisonSites.push(await siteByRef(db, ref, body.source, 'comparison.sites'));
    const installedDuring = comparisonSites.find((s) => s.installedOn && s.installedOn >= w.before.from && s.installedOn <= w.after.to);
    if (installedDuring) {
      throw invalid('comparison.sites', `${installedDuring.ref} (${installedDuring.name}) was installed on ${installedDuring.installedOn}, inside the periods (${w.before.from} to ${w.after.to}); it cannot serve as a comparison`);
    }
  }

  const areas: EvaluationAreas = {
    site: centre,
    radiusM: body.radiusM,
    comparison: body.comparison.kind === 'ring' ? { kind: 'ring', outerRadiusM: body.comparison.outerRadiusM } : { kind: 'sites', sites: comparisonSites },
  };
  const categories = body.categories ?? [];
  const types = body.types ?? [];
  const weekly = await weeklyCounts(db, info, { categories, types, from: null, to: null }, w, areas);
  const e = differenceInDifferences(weekly);
  const dateIsInstallation = site?.installedOn === date;
  const cautions = [...e.cautions];
  if (!dateIsInstallation) cautions.unshift(site?.installedOn ? `placebo test: ${date} is not the recorded installation date (${site.installedOn})` : 'placebo test: no installation date on record for this place, so a real change should not appear at this date');
  if (body.comparison.kind === 'ring') cautions.push('a ring next to the site can gain calls moved away from it (displacement) or share its benefit (diffusion); comparison sites farther away avoid both');

  const evaluation: Omit<CameraEvaluation, 'id' | 'createdAt'> = {
    createdBy: actor.label,
    note: body.note ?? null,
    source: body.source,
    sourceName: info.name,
    site: { ref: centre.ref, name: centre.name, lat: centre.lat, lon: centre.lon, installedOn: centre.installedOn },
    date,
    dateIsInstallation,
    weeks: body.weeks,
    gapDays: body.gapDays,
    radiusM: body.radiusM,
    comparison: {
      kind: body.comparison.kind,
      outerRadiusM: body.comparison.kind === 'ring' ? body.comparison.outerRadiusM : null,
      sites: comparisonSites.map((s) => ({ ref: s.ref, name: s.name })),
    },
    categories,
    types,
    periods: { before: w.before, after: w.after },
    counts: e.totals,
    weekly,
    naiveChange: e.naiveChange,
    comparisonChange: e.comparisonChange,
    change: e.change,
    interval: e.interval,
    logRatio: e.logRatio,
    standardError: e.standardError,
    dispersion: e.dispersion,
    degreesOfFreedom: e.degreesOfFreedom,
    verdict: e.verdict,
    verdictText: verdictText(e, callsWord(categories, types)),
    cautions,
  };
  const { result } = await runCommand(db, actor, async (tx, now) => {
    const { rows } = await tx.query<{ id: number }>('INSERT INTO camera_evaluations (created_at, user_id, actor_label, result) VALUES ($1, $2, $3, $4) RETURNING id', [now, actor.userId, actor.label, JSON.stringify(evaluation)]);
    const id = rows[0]!.id;
    return {
      result: { id, createdAt: now.toISOString(), ...evaluation },
      audits: [
        {
          action: 'camera-evaluation.run',
          entity: 'camera_evaluation',
          entityId: id,
          after: { source: body.source, site: centre.ref ?? 'point', date, weeks: body.weeks, radiusM: body.radiusM, comparison: body.comparison.kind, verdict: e.verdict, change: e.change },
        },
      ],
    };
  });
  return result;
}
