import { z } from 'zod';
import {
  ANSWER_SECONDS,
  INTERVAL_NAMES,
  PERCENTILE_DIMENSIONS,
  StatisticsFilterSchema,
  VOLUME_DIMENSIONS,
  type IntervalSummary,
} from '@openpsap/contract';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../http/app-context';
import type { Api } from '../../http/route-types';
import { auditView, statedPurpose } from '../../privacy/purpose';
import { statsContext, type StatsContext } from './statistics-context';
import { toCsv } from './statistics-csv';
import { answerTimes, intervalSummaries, percentilesBy, unitUtilisation, volumes, workload } from './statistics.queries';
import { listDatasets } from './statistics-datasets';

const Format = { format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional() };
const FilterQuery = StatisticsFilterSchema.extend(Format).strict();
const VolumesQuery = StatisticsFilterSchema.extend({ ...Format, by: z.enum(VOLUME_DIMENSIONS, { error: `must be one of ${VOLUME_DIMENSIONS.join(', ')}` }) }).strict();
const PercentilesQuery = StatisticsFilterSchema.extend({
  ...Format,
  interval: z.enum(INTERVAL_NAMES, { error: `must be one of ${INTERVAL_NAMES.join(', ')}` }),
  by: z.enum(PERCENTILE_DIMENSIONS, { error: `must be one of ${PERCENTILE_DIMENSIONS.join(', ')}` }),
}).strict();
const WorkloadQuery = StatisticsFilterSchema.extend({ ...Format, purpose: z.string().optional() }).strict();

function csv(reply: FastifyReply, name: string, body: string) {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(body);
}

const flatIntervals = (rows: IntervalSummary[]) =>
  rows.map((r) => ({ ...r, thresholds: r.thresholds.map((t) => `${t.profile} ${t.seconds}s ${Math.round(t.targetShare * 100)}%: ${t.withinShare === null ? '-' : (t.withinShare * 100).toFixed(1) + '%'}`).join('; ') }));

/**
 * Call and response statistics: the same query functions the CLI and the annual report use.
 * Each table route also answers ?format=csv. Supervisors and administrators read them.
 */
export function registerStatisticsRoutes(api: Api, ctx: AppContext): void {
  // Loaded once at start: a bad PSAP_STANDARDS file stops the server with the field named.
  const sc: StatsContext = statsContext(ctx.db.pool, ctx.config.timeZone);
  const access = { access: { permission: 'statistics.read' as const } };
  const tags = ['statistics'];

  api.get('/api/v1/statistics/standards', { schema: { tags, summary: 'The standards profiles in force (built-in and PSAP_STANDARDS), keyed by edition' }, config: access }, async () => sc.standards);

  api.get('/api/v1/statistics/datasets', { schema: { tags, summary: "What can be reported on: 'live', 'all' and each imported dataset" }, config: access }, async () => listDatasets(sc));

  api.get('/api/v1/statistics/intervals', {
    schema: { tags, summary: 'Every interval: count, excluded, p50/p90/p95 and the share within each standard threshold', querystring: FilterQuery },
    config: access,
  }, async (req, reply) => {
    const { format, ...filter } = req.query;
    const rows = await intervalSummaries(sc, filter);
    if (format === 'csv') return csv(reply, 'intervals', toCsv(flatIntervals(rows), ['interval', 'level', 'discipline', 'count', 'excluded', 'negative', 'p50', 'p90', 'p95', 'thresholdSeconds', 'withinThreshold', 'targetShare', 'met', 'thresholds']));
    return rows;
  });

  api.get('/api/v1/statistics/answer-times', {
    schema: { tags, summary: '9-1-1 calls answered within 10, 15, 20, 40 and 60 s, abandoned calls, answer percentiles', querystring: FilterQuery },
    config: access,
  }, async (req, reply) => {
    const { format, ...filter } = req.query;
    const a = await answerTimes(sc, filter);
    if (format === 'csv') {
      const row = { calls: a.calls, answered: a.answered, abandoned: a.abandoned, unresolved: a.unresolved, p50: a.p50, p90: a.p90, p95: a.p95, ...Object.fromEntries(ANSWER_SECONDS.map((s) => [`within${s}s`, a.within[s]])) };
      return csv(reply, 'answer-times', toCsv([row], Object.keys(row) as (keyof typeof row)[]));
    }
    return a;
  });

  api.get('/api/v1/statistics/volumes', {
    schema: { tags, summary: 'Incidents by type, agency, priority, hour, day of week, month, day, zone or discipline (local to the centre)', querystring: VolumesQuery },
    config: access,
  }, async (req, reply) => {
    const { format, by, ...filter } = req.query;
    const rows = await volumes(sc, filter, by);
    return format === 'csv' ? csv(reply, `volumes-by-${by}`, toCsv(rows, ['key', 'label', 'incidents'])) : rows;
  });

  api.get('/api/v1/statistics/percentiles', {
    schema: { tags, summary: "One interval's percentiles by agency, zone, priority, discipline or month", querystring: PercentilesQuery },
    config: access,
  }, async (req, reply) => {
    const { format, by, interval, ...filter } = req.query;
    const rows = await percentilesBy(sc, filter, interval, by);
    return format === 'csv' ? csv(reply, `${interval}-by-${by}`, toCsv(rows, ['key', 'count', 'excluded', 'p50', 'p90', 'p95', 'thresholdSeconds', 'withinThreshold'])) : rows;
  });

  api.get('/api/v1/statistics/utilisation', {
    schema: { tags, summary: 'Share of the period each unit was committed (dispatched to cleared)', querystring: FilterQuery },
    config: access,
  }, async (req, reply) => {
    const { format, ...filter } = req.query;
    const rows = await unitUtilisation(sc, filter);
    return format === 'csv' ? csv(reply, 'unit-utilisation', toCsv(rows, ['dataset', 'unit', 'unitType', 'agency', 'responses', 'committedSeconds', 'share', 'excluded'])) : rows;
  });

  api.get('/api/v1/statistics/workload', {
    schema: { tags, summary: 'Calls answered, incidents created and dispatches per person (states and audits a purpose: it names staff)', querystring: WorkloadQuery },
    config: access,
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const { format, purpose: _p, ...filter } = req.query;
    void _p;
    const rows = await workload(sc, filter);
    await auditView(ctx, req, 'staff-workload', [], purpose, { filter });
    return format === 'csv' ? csv(reply, 'workload', toCsv(rows, ['dataset', 'role', 'person', 'callsAnswered', 'incidentsCreated', 'dispatches'])) : rows;
  });
}
