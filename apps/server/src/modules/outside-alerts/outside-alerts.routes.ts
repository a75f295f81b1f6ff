import { z } from 'zod';
import { invalid, notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { auditView, statedPurpose } from '../../privacy/purpose';
import { CAP_FEED_JOB, lastFeedReports } from './outside-alerts.poll';
import { activeOutsideAlerts, getActiveOutsideAlert, peopleInArea } from './outside-alerts.queries';
import { createAlertWelfareCheck, personKey, welfareIncidentsFor } from './outside-alerts.welfare';

const tags = ['outside-alerts'];
const read = { access: { permission: 'outside-alert.read' as const } };
const welfare = { access: { permission: 'outside-alert.welfare' as const } };
const PurposeQuery = z.object({ purpose: z.string().optional() }).strict();
const WelfareBody = z
  .object({
    kind: z.enum(['special-needs', 'care'], { error: 'kind must be special-needs or care' }),
    personId: z.number({ error: 'personId must be a number' }).int('personId must be a whole number').positive('personId must be positive'),
  })
  .strict();

/**
 * Alerts from other senders (NWS, the state) on the floor: the active ones as GeoJSON for the map,
 * and who of the registered vulnerable people lives inside one, for proactive welfare checks.
 * Active is decided by the scheduler's clock, like the expiry of the centre's own alerts.
 */
export function registerOutsideAlertRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/outside-alerts/active', {
    schema: { tags, summary: 'Active alerts received from other senders, as a GeoJSON FeatureCollection (lon/lat); features without a drawable area have geometry null' },
    config: read,
  }, async () => activeOutsideAlerts(pool, ctx.clock.now()));

  api.get('/api/v1/outside-alerts/feeds', {
    schema: { tags, summary: 'The configured CAP feeds and what their last poll by this server brought or failed on' },
    config: welfare,
  }, async () => {
    // The job's row outlives a restart; the per-feed detail is this server's own last poll.
    const { rows } = await pool.query<{ last_run_at: Date | null; last_error: string | null }>('SELECT last_run_at, last_error FROM job_runs WHERE job = $1', [CAP_FEED_JOB]);
    return {
      pollSeconds: ctx.config.capFeeds.pollSeconds,
      lastRunAt: rows[0]?.last_run_at?.toISOString() ?? null,
      lastError: rows[0]?.last_error ?? null,
      feeds: ctx.config.capFeeds.urls.map((url) => lastFeedReports(ctx).find((r) => r.url === url) ?? { url, polledAt: null, ok: null, stored: 0, known: 0, problems: [] }),
    };
  });

  api.get('/api/v1/outside-alerts/:id/people', {
    schema: { tags, summary: 'Approved special-needs registrations and CARE enrollees inside an active alert\'s area, sorted by street (needs a purpose; audited)', params: IdParams, querystring: PurposeQuery },
    config: welfare,
  }, async (req) => {
    const purpose = statedPurpose(req);
    const now = ctx.clock.now();
    const alert = await getActiveOutsideAlert(pool, req.params.id, now);
    if (!alert) throw notFound(`active outside alert ${req.params.id}`);
    const people = alert.geometry ? await peopleInArea(pool, alert.geometry, now) : [];
    const done = await welfareIncidentsFor(pool, alert.id);
    const sn = people.filter((p) => p.kind === 'special-needs').map((p) => p.id);
    const care = people.filter((p) => p.kind === 'care').map((p) => p.id);
    // Audited before anything is sent: one row per person viewed, as the programs' own screens do.
    if (sn.length || !care.length) await auditView(ctx, req, 'special-needs', sn, purpose, { outsideAlert: alert.id });
    if (care.length) await auditView(ctx, req, 'care-enrolment', care, purpose, { outsideAlert: alert.id });
    return {
      alert,
      hasArea: alert.geometry !== null,
      people: people.map(({ lat: _lat, lon: _lon, ...p }) => ({ ...p, welfareIncident: done.get(personKey(p.kind, p.id)) ?? null })),
    };
  });

  api.post('/api/v1/outside-alerts/:id/welfare-checks', {
    schema: { tags, summary: 'Create a WELFARE incident for one person inside the alert\'s area; once per alert and person (a repeat returns the first)', params: IdParams, body: WelfareBody },
    config: welfare,
  }, async (req, reply) => {
    const now = ctx.clock.now();
    const alert = await getActiveOutsideAlert(pool, req.params.id, now);
    if (!alert) throw notFound(`active outside alert ${req.params.id}`);
    if (!alert.geometry) throw invalid('id', 'this alert has no drawn area, so no one can be placed inside it');
    const person = (await peopleInArea(pool, alert.geometry, now)).find((p) => p.kind === req.body.kind && p.id === req.body.personId);
    if (!person) throw invalid('personId', `no ${req.body.kind === 'care' ? 'active CARE enrollee' : 'approved special-needs registration'} ${req.body.personId} inside this alert's area`);
    const out = await createAlertWelfareCheck(ctx, actorFor(req), alert, person);
    reply.code(out.created ? 201 : 200);
    return out;
  });
}
