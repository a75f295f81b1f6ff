import { LiveStaffingSchema, PositionChoiceBodySchema, RosterPositionSchema } from '@openpsap/contract';
import { z } from 'zod';
import { AppError } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, principalOf, type Api } from '../../http/route-types';
import { runCommand } from '../../events/run-command';
import { liveStaffing } from './live-staffing';

const tags = ['staffing'];

/** Live staffing for the supervisor, and the position each person at a console says they work. */
export function registerLiveStaffingRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/staffing/live', {
    schema: { tags, summary: 'Per position now: on shift by the roster, signed in at the position, the minimum for this hour and the shortfall', response: { 200: LiveStaffingSchema } },
    config: { access: { permission: 'staffing.read' } },
  }, async () => liveStaffing(pool, ctx.clock.now(), ctx.config.timeZone, ctx.config.auth.idleLockMinutes));

  api.get('/api/v1/staffing/my-position', {
    schema: { tags, summary: 'The position chosen for this sign-in', response: { 200: z.object({ position: RosterPositionSchema.nullable() }) } },
    config: { access: { permission: 'staffing.position' } },
  }, async (req) => {
    const hash = principalOf(req).sessionHash;
    if (!hash) return { position: null };
    const { rows } = await pool.query('SELECT position FROM console_positions WHERE session_hash = $1', [hash]);
    return { position: rows[0]?.position ?? null };
  });

  api.put('/api/v1/staffing/my-position', {
    schema: { tags, summary: 'Say which position you work from for this sign-in (null: none)', body: PositionChoiceBodySchema, response: { 200: z.object({ position: RosterPositionSchema.nullable() }) } },
    config: { access: { permission: 'staffing.position' } },
  }, async (req) => {
    const p = principalOf(req);
    if (!p.sessionHash) throw new AppError(422, 'validation_failed', 'position: only a signed-in session works at a position, not an API token', { position: 'needs a session' });
    const position = req.body.position;
    await runCommand(pool, actorFor(req), async (tx) => {
      if (position) {
        await tx.query(
          `INSERT INTO console_positions (session_hash, user_id, position) VALUES ($1, $2, $3)
           ON CONFLICT (session_hash) DO UPDATE SET position = EXCLUDED.position, chosen_at = now()`,
          [p.sessionHash, p.user.id, position],
        );
      } else await tx.query('DELETE FROM console_positions WHERE session_hash = $1', [p.sessionHash]);
      return { result: null, audits: [{ action: 'staffing.position', entity: 'user', entityId: p.user.id, after: { position } }] };
    });
    return { position };
  });
}
