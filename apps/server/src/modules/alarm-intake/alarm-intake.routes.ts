import { z } from 'zod';
import { AlarmCancelBodySchema, AlarmEventBodySchema, AlarmEventSchema, AlarmUpdateBodySchema } from '@openpsap/contract';
import type { FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { IdParams, type Api } from '../../http/route-types';
import { hashAlarmKey } from './alarm-keys';
import { findCompanyByKeyHash } from './alarm.queries';
import { alarmStatus, alarmUpdate, receiveAlarm } from './alarm-intake.commands';

const tags = ['alarm-intake'];

/**
 * Alarm companies (APCO/CSAA ASAP in spirit): alarms in as calls, the company's own updates and
 * cancellation, and its alarm's status. Companies are not users: they present the key they were
 * given at registration (Authorization: Bearer alarm_...), so these routes are public to the
 * sign-in check and authenticate the key here. Staff see the companies and their deliveries.
 */
export function registerAlarmIntakeRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  async function company(req: FastifyRequest) {
    const m = /^Bearer\s+(alarm_[A-Za-z0-9_-]{10,100})$/.exec(req.headers.authorization ?? '');
    if (!m) throw new AppError(401, 'unauthenticated', 'send the alarm company key you were given: Authorization: Bearer alarm_...');
    const c = await findCompanyByKeyHash(pool, hashAlarmKey(m[1]!));
    if (!c || c.disabled_at) throw new AppError(401, 'unauthenticated', 'this alarm company key is not valid or the company was disabled; ask the centre');
    return c;
  }
  // The key is checked before the body is looked at, so a stranger learns nothing from validation.
  const companies = new WeakMap<FastifyRequest, Awaited<ReturnType<typeof company>>>();
  const withKey = { onRequest: async (req: FastifyRequest) => void companies.set(req, await company(req)) };
  const companyOf = (req: FastifyRequest) => companies.get(req)!;

  api.post('/api/v1/alarm-events', {
    schema: { tags, summary: 'An alarm from a registered alarm company becomes a call (201; 200 when the same alarmId was sent before)', body: AlarmEventBodySchema, response: { 200: AlarmEventSchema, 201: AlarmEventSchema } },
    config: { access: { public: true } },
    ...withKey,
  }, async (req, reply) => {
    const c = companyOf(req);
    const engine = ctx.geo?.ready ? ctx.geo.current : null;
    const { alarm, created } = await receiveAlarm(pool, engine, c, req.body, req.ip ?? null);
    reply.code(created ? 201 : 200);
    return alarm;
  });

  api.get('/api/v1/alarm-events/:id', {
    schema: { tags, summary: 'The company\'s alarm: its call, incident and the stage reached', params: IdParams, response: { 200: AlarmEventSchema } },
    config: { access: { public: true } },
    ...withKey,
  }, async (req) => alarmStatus(pool, companyOf(req), req.params.id));

  api.post('/api/v1/alarm-events/:id/updates', {
    schema: { tags, summary: 'More information from the company, added to the incident (or the call while it waits)', params: IdParams, body: AlarmUpdateBodySchema, response: { 200: AlarmEventSchema } },
    config: { access: { public: true } },
    ...withKey,
  }, async (req) => alarmUpdate(pool, companyOf(req), req.params.id, req.body.comments, req.ip ?? null, 'update'));

  api.post('/api/v1/alarm-events/:id/cancel', {
    schema: { tags, summary: 'The company cancels its alarm (e.g. the keyholder gave the code); the floor is told', params: IdParams, body: AlarmCancelBodySchema, response: { 200: AlarmEventSchema } },
    config: { access: { public: true } },
    ...withKey,
  }, async (req) => alarmUpdate(pool, companyOf(req), req.params.id, req.body.reason, req.ip ?? null, 'cancel'));

  api.get('/api/v1/alarm-companies', {
    schema: { tags, summary: 'Registered alarm companies with their alarms and undelivered updates' },
    config: { access: { permission: 'alarm.read' } },
  }, async () => {
    const { rows } = await pool.query(
      `SELECT c.id, c.name, c.key_prefix AS "keyPrefix", c.callback_url AS "callbackUrl", c.created_at AS "createdAt", c.disabled_at AS "disabledAt",
              (SELECT count(*)::int FROM alarm_events e WHERE e.company_id = c.id) AS alarms,
              (SELECT count(*)::int FROM alarm_deliveries d JOIN alarm_events e ON e.id = d.alarm_event_id WHERE e.company_id = c.id AND d.delivered_at IS NULL AND d.given_up_at IS NULL) AS pending,
              (SELECT count(*)::int FROM alarm_deliveries d JOIN alarm_events e ON e.id = d.alarm_event_id WHERE e.company_id = c.id AND d.given_up_at IS NOT NULL) AS "givenUp"
         FROM alarm_companies c ORDER BY c.name`,
    );
    return rows;
  });

  api.get('/api/v1/alarm-events/:id/deliveries', {
    schema: { tags, summary: 'Every update owed to the company for one alarm, with each delivery attempt', params: IdParams, response: { 200: z.array(z.object({ stage: z.string(), payload: z.unknown(), createdAt: z.string(), deliveredAt: z.string().nullable(), givenUpAt: z.string().nullable(), attempts: z.array(z.object({ at: z.string(), httpStatus: z.number().nullable(), error: z.string().nullable() })) })) } },
    config: { access: { permission: 'alarm.read' } },
  }, async (req) => {
    const exists = await pool.query('SELECT 1 FROM alarm_events WHERE id = $1', [req.params.id]);
    if (!exists.rowCount) throw notFound(`alarm event ${req.params.id}`);
    const { rows } = await pool.query(
      `SELECT d.stage, d.payload, d.created_at, d.delivered_at, d.given_up_at,
              coalesce((SELECT json_agg(json_build_object('at', a.at, 'httpStatus', a.http_status, 'error', a.error) ORDER BY a.id) FROM alarm_delivery_attempts a WHERE a.delivery_id = d.id), '[]') AS attempts
         FROM alarm_deliveries d WHERE d.alarm_event_id = $1 ORDER BY d.id`,
      [req.params.id],
    );
    return rows.map((r) => ({
      stage: r.stage,
      payload: r.payload,
      createdAt: r.created_at.toISOString(),
      deliveredAt: r.delivered_at?.toISOString() ?? null,
      givenUpAt: r.given_up_at?.toISOString() ?? null,
      attempts: (r.attempts as { at: string; httpStatus: number | null; error: string | null }[]).map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
    }));
  });
}
