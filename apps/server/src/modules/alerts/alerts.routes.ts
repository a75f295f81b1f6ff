import { z } from 'zod';
import { ALERT_CRITERIA_SETS, ALERT_KINDS, AlertCreateSchema, AlertPhotoBodySchema, AlertPatchSchema, AlertReasonSchema, AlertUpdateSchema, SAME_CODES } from '@openpsap/contract';
import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { auditView, statedPurpose } from '../../privacy/purpose';
import { capAlertFor } from './alerts.cap';
import { alertPublisherOf, capCentreOf } from './alerts.centre';
import { approveAlert, cancelAlert, createAlert, importAlertDraft, patchAlert, returnAlert, setAlertPhoto, submitAlert, updateIssuedAlert } from './alerts.commands';
import { criteriaSetFor } from './alerts.criteria';
import { getAlert, listAlerts, pendingImports } from './alerts.queries';
import { capXmlFor } from './alerts.xml';
import { registerPublicAlertRoutes } from './alerts-public.routes';

const tags = ['alerts'];
const draft = { access: { permission: 'alert.draft' as const } };
const approve = { access: { permission: 'alert.approve' as const } };
const PurposeQuery = z.object({ purpose: z.string().optional() }).strict();

/** The alert composer: drafts, criteria, approval by a second supervisor, Update and Cancel; and the public's view of issued alerts. */
export function registerAlertRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;
  registerPublicAlertRoutes(api, ctx);

  api.get('/api/v1/alerts/criteria', {
    schema: { tags, summary: 'The criteria each kind is judged by here, and the SAME event codes on offer' },
    config: draft,
  }, async () => ({ kinds: ALERT_KINDS.map((k) => ({ kind: k, criteriaSet: criteriaSetFor(k, ctx.config.alerts.silverCriteria) })), allSets: ALERT_CRITERIA_SETS, sameCodes: SAME_CODES }));

  api.get('/api/v1/alerts', {
    schema: { tags, summary: 'Alerts being drafted or awaiting approval first, then issued ones; and drafts from Help Me Home to open (needs a purpose; audited)', querystring: PurposeQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict() },
    config: draft,
  }, async (req) => {
    const purpose = statedPurpose(req);
    const [alerts, imports] = await Promise.all([listAlerts(pool, req.query.limit), pendingImports(pool)]);
    await auditView(ctx, req, 'alert', alerts.map((a) => a.id), purpose, { list: true, imports: imports.map((i) => i.id) });
    return { alerts, imports };
  });

  api.post('/api/v1/alerts', {
    schema: { tags, summary: 'Start a draft', body: AlertCreateSchema },
    config: draft,
  }, async (req, reply) => {
    reply.code(201);
    return createAlert(pool, actorFor(req), req.body, ctx.config.alerts.silverCriteria);
  });

  api.post('/api/v1/alerts/import/:id', {
    schema: { tags, summary: 'Open a draft made by Help Me Home in the composer, prefilled (photo, description, last seen, incident)', params: IdParams },
    config: draft,
  }, async (req) => importAlertDraft(pool, actorFor(req), req.params.id, ctx.config.timeZone, ctx.config.alerts.silverCriteria));

  api.get('/api/v1/alerts/:id', {
    schema: { tags, summary: 'One alert with its CAP messages (needs a purpose; audited)', params: IdParams, querystring: PurposeQuery },
    config: draft,
  }, async (req) => {
    const purpose = statedPurpose(req);
    const a = await getAlert(pool, req.params.id);
    if (!a) throw notFound(`alert ${req.params.id}`);
    await auditView(ctx, req, 'alert', [a.id], purpose);
    return a;
  });

  api.get('/api/v1/alerts/:id/preview', {
    schema: { tags, summary: 'The CAP 1.2 message this alert would be issued as now (needs a purpose)', params: IdParams, querystring: PurposeQuery },
    config: draft,
  }, async (req, reply) => {
    statedPurpose(req);
    const a = await getAlert(pool, req.params.id);
    if (!a) throw notFound(`alert ${req.params.id}`);
    const centre = capCentreOf(ctx);
    const xml = capXmlFor(capAlertFor(a, { identifier: `${centre.host}-alert-${a.id}-preview`, sent: ctx.clock.now(), msgType: 'Alert', references: [] }, centre));
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'no-store').send(xml);
  });

  api.get('/api/v1/alerts/:id/photo', {
    // v: the alert's version, so a screen shows a replaced picture rather than the one it loaded before.
    schema: { tags, summary: "The alert's photo before it is public (needs a purpose; audited)", params: IdParams, querystring: PurposeQuery.extend({ v: z.string().max(40).optional() }).strict() },
    config: draft,
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const { rows } = await pool.query<{ photo: Buffer | null }>('SELECT photo FROM alerts WHERE id = $1', [req.params.id]);
    if (!rows[0]?.photo) throw notFound('photo');
    await auditView(ctx, req, 'alert', [req.params.id], purpose, { photo: true });
    return reply.type('image/jpeg').header('cache-control', 'private, no-store').send(rows[0].photo);
  });

  api.put('/api/v1/alerts/:id/photo', {
    schema: { tags, summary: "Set or remove a draft's photo (JPEG, base64; its drafter only)", params: IdParams, body: AlertPhotoBodySchema },
    config: draft,
    bodyLimit: 4 * 1024 * 1024,
  }, async (req) => setAlertPhoto(pool, actorFor(req), req.params.id, req.body.photo ? Buffer.from(req.body.photo.data, 'base64') : null));

  api.patch('/api/v1/alerts/:id', {
    schema: { tags, summary: 'Edit a draft (its drafter only)', params: IdParams, body: AlertPatchSchema },
    config: draft,
  }, async (req) => patchAlert(pool, actorFor(req), req.params.id, req.body, ctx.config.alerts.silverCriteria));

  api.post('/api/v1/alerts/:id/submit', {
    schema: { tags, summary: 'Send for approval; refused until every criterion is answered and met and the message is complete', params: IdParams },
    config: draft,
  }, async (req) => submitAlert(pool, actorFor(req), req.params.id));

  api.post('/api/v1/alerts/:id/return', {
    schema: { tags, summary: 'Send back to the drafter with what to fix', params: IdParams, body: AlertReasonSchema },
    config: approve,
  }, async (req) => returnAlert(pool, actorFor(req), req.params.id, req.body.reason));

  api.post('/api/v1/alerts/:id/approve', {
    schema: { tags, summary: 'Approve and issue (a supervisor other than the drafter): CAP Alert published, BOLO to units', params: IdParams },
    config: approve,
  }, async (req) => approveAlert(pool, actorFor(req), req.params.id, capCentreOf(ctx), alertPublisherOf(ctx)));

  api.post('/api/v1/alerts/:id/update', {
    schema: { tags, summary: 'Change an issued alert: a CAP Update referencing the earlier messages', params: IdParams, body: AlertUpdateSchema },
    config: approve,
  }, async (req) => updateIssuedAlert(pool, actorFor(req), req.params.id, req.body, capCentreOf(ctx), alertPublisherOf(ctx)));

  api.post('/api/v1/alerts/:id/cancel', {
    schema: { tags, summary: 'Withdraw a draft, or cancel an issued alert (supervisor): a CAP Cancel, and its BOLO comes off units', params: IdParams, body: AlertReasonSchema },
    config: draft,
  }, async (req) => cancelAlert(pool, actorFor(req), req.params.id, req.body.reason, capCentreOf(ctx), alertPublisherOf(ctx)));
}
