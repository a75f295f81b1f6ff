import { z } from 'zod';
import {
  CareAlertDetailSchema,
  CareAlertListQuerySchema,
  CareAlertSchema,
  CareCheckInResultSchema,
  CareEnrolmentSchema,
  CareEnrolmentSummarySchema,
  CarePurposeQuerySchema,
  CareTodaySchema,
  CreateCareEnrolmentBodySchema,
  ResolveCareAlertBodySchema,
  StaffCheckInBodySchema,
  UpdateCareEnrolmentBodySchema,
} from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { todayBoard } from './care-board';
import { checkInByStaff, resolveAlert } from './care-checkin.commands';
import { escalateAlert } from './care-escalation.commands';
import { conflict } from '../../errors/app-error';
import { changeEnrolment, createEnrolment, reissueCredentials } from './care-enrolment.commands';
import { locateAddress } from './care-location';
import { readAlertDetail, readEnrolment } from './care-read.commands';
import { listAlerts, listEnrolments, toAlert, toSummary } from './care.queries';

const tags = ['care'];

/** The staff side of CARE: today's board, enrolments, the call-takers' alert queue. */
export function registerCareRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/care/today', {
    schema: { tags, summary: "Today's check-in of every enrolment, most urgent first", response: { 200: CareTodaySchema } },
    config: { access: { permission: 'care.read' } },
  }, async () => todayBoard(ctx));

  api.get('/api/v1/care/enrolments', {
    schema: { tags, summary: 'Every enrolment: name, address, window, days (no contacts, notes or codes)', response: { 200: z.array(CareEnrolmentSummarySchema) } },
    config: { access: { permission: 'care.read' } },
  }, async () => (await listEnrolments(pool)).map(toSummary));

  api.post('/api/v1/care/enrolments', {
    schema: { tags, summary: 'Enrol a senior; the reply carries the check-in code and link to give them', body: CreateCareEnrolmentBodySchema, response: { 201: CareEnrolmentSchema } },
    config: { access: { permission: 'care.manage' } },
  }, async (req, reply) => {
    const { result } = await createEnrolment(ctx, actorFor(req), req.body, locateAddress(ctx.geo, req.body.address));
    reply.code(201);
    return result;
  });

  api.get('/api/v1/care/enrolments/:id', {
    schema: { tags, summary: "A senior's whole record; `purpose` (why you open it) is kept in the audit log", params: IdParams, querystring: CarePurposeQuerySchema, response: { 200: CareEnrolmentSchema } },
    config: { access: { permission: 'care.read' } },
  }, async (req) => readEnrolment(ctx, actorFor(req), req.params.id, req.query.purpose));

  api.patch('/api/v1/care/enrolments/:id', {
    schema: { tags, summary: 'Change an enrolment; `active: false` pauses it (in hospital, away)', params: IdParams, body: UpdateCareEnrolmentBodySchema, response: { 200: CareEnrolmentSchema } },
    config: { access: { permission: 'care.manage' } },
  }, async (req) => {
    const located = req.body.address !== undefined ? locateAddress(ctx.geo, req.body.address) : null;
    return (await changeEnrolment(ctx, actorFor(req), req.params.id, req.body, located)).result;
  });

  api.post('/api/v1/care/enrolments/:id/reissue-code', {
    schema: { tags, summary: 'Replace the check-in code and link (lost, or seen by someone else)', params: IdParams, response: { 200: CareEnrolmentSchema } },
    config: { access: { permission: 'care.manage' } },
  }, async (req) => (await reissueCredentials(ctx, actorFor(req), req.params.id)).result);

  api.post('/api/v1/care/enrolments/:id/check-in', {
    schema: { tags, summary: "Record today's check-in after speaking to the senior by phone", params: IdParams, body: StaffCheckInBodySchema.optional(), response: { 200: CareCheckInResultSchema } },
    config: { access: { permission: 'care.checkin-by-staff' } },
  }, async (req) => checkInByStaff(ctx, actorFor(req), req.params.id, req.body?.note ?? null));

  api.get('/api/v1/care/alerts', {
    schema: { tags, summary: 'CARE alerts, oldest first; `state=open` is the call-takers\' queue', querystring: CareAlertListQuerySchema, response: { 200: z.array(CareAlertSchema) } },
    config: { access: { permission: 'care.read' } },
  }, async (req) => (await listAlerts(pool, { state: req.query.state ?? null, limit: req.query.limit })).map(toAlert));

  api.get('/api/v1/care/alerts/:id', {
    schema: { tags, summary: "An alert with the senior's whole record (contacts, notes); `purpose` is audited", params: IdParams, querystring: CarePurposeQuerySchema, response: { 200: CareAlertDetailSchema } },
    config: { access: { permission: 'care.read' } },
  }, async (req) => readAlertDetail(ctx, actorFor(req), req.params.id, req.query.purpose));

  api.post('/api/v1/care/alerts/:id/resolve', {
    schema: { tags, summary: 'Close an open alert: the senior was reached, or no check is needed (say which in `note`)', params: IdParams, body: ResolveCareAlertBodySchema, response: { 200: CareAlertSchema } },
    config: { access: { permission: 'care.checkin-by-staff' } },
  }, async (req, reply) => {
    const { result, seq } = await resolveAlert(ctx, actorFor(req), req.params.id, req.body.note);
    reply.header('X-Event-Seq', String(seq));
    return result;
  });

  api.post('/api/v1/care/alerts/:id/escalate', {
    schema: { tags, summary: 'Create the welfare check now, without waiting for the escalation delay', params: IdParams, response: { 200: CareAlertSchema } },
    config: { access: { permission: 'care.checkin-by-staff' } },
  }, async (req) => {
    const alert = await escalateAlert(ctx, req.params.id, ctx.clock.now(), { force: true, actor: actorFor(req) });
    if (!alert) throw conflict(`CARE alert ${req.params.id} is not open (already resolved or escalated)`);
    return alert;
  });
}
