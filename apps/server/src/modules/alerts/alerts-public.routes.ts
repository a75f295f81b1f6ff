import { z } from 'zod';
import { notFound } from '../../errors/app-error';
import type { Access } from '../../http/auth-hook';
import type { AppContext } from '../../http/app-context';
import type { Api } from '../../http/route-types';
import { atomFeed } from './alerts.atom';
import { capCentreOf } from './alerts.centre';
import { activePublicAlerts } from './alerts.queries';

const tags = ['alerts (public)'];
const access: Access = { public: true };
const IdParams = z.object({ id: z.coerce.number({ error: 'must be a number' }).int().positive().max(2 ** 31 - 1) }).strict();

/**
 * What the public sees: the centre's active alerts, as a list, an Atom feed and each CAP message.
 * Never served from a cache unchecked: a cancelled alert must disappear at the next look.
 */
export function registerPublicAlertRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;
  const base = () => capCentreOf(ctx).publicBase;

  api.get('/api/v1/public/alerts', {
    schema: { tags, summary: "The centre's active public alerts" },
    config: { access },
  }, async (_req, reply) => {
    reply.header('cache-control', 'no-cache');
    return activePublicAlerts(pool, ctx.clock.now(), base());
  });

  api.get('/api/v1/public/alerts.atom', {
    schema: { tags, summary: 'Atom feed of active alerts; each entry links to its CAP 1.2 message' },
    config: { access },
  }, async (_req, reply) => {
    const centre = capCentreOf(ctx);
    const alerts = await activePublicAlerts(pool, ctx.clock.now(), centre.publicBase);
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'no-cache').send(atomFeed(alerts, centre, ctx.clock.now()));
  });

  api.get('/api/v1/public/alerts/:id/cap.xml', {
    schema: { tags, summary: 'The latest CAP message of an issued alert (Alert, Update or Cancel)', params: IdParams },
    config: { access },
  }, async (req, reply) => {
    const { rows } = await pool.query<{ xml: string }>('SELECT xml FROM alert_messages WHERE alert_id = $1 ORDER BY id DESC LIMIT 1', [req.params.id]);
    if (!rows[0]) throw notFound(`alert ${req.params.id}`);
    return reply.type('application/cap+xml; charset=utf-8').header('cache-control', 'no-cache').send(rows[0].xml);
  });

  api.get('/api/v1/public/alerts/:id/photo', {
    schema: { tags, summary: "An active alert's photo", params: IdParams },
    config: { access },
  }, async (req, reply) => {
    // The picture is public only while the alert is: once cancelled or expired it is withdrawn.
    const { rows } = await pool.query<{ photo: Buffer | null }>(
      `SELECT photo FROM alerts WHERE id = $1 AND state IN ('issued', 'updated') AND (expires_at IS NULL OR expires_at > $2)`,
      [req.params.id, ctx.clock.now()],
    );
    if (!rows[0]?.photo) throw notFound('photo');
    return reply.type('image/jpeg').header('cache-control', 'public, max-age=60').send(rows[0].photo);
  });
}
