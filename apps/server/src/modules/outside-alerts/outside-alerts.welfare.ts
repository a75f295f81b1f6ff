/**
 * A proactive welfare check for one person inside an outside alert's area: a WELFARE incident at
 * their address, created through the same command a call-taker uses, once per alert and person.
 *
 *   welfareMarker(alertId, kind, personId): string
 *   welfareIncidentsFor(pool, alertId): Promise<Map<string, { id: number; number: string }>>  (the alert and the versions it updated)
 *   createAlertWelfareCheck(ctx, actor, alert, person): Promise<{ created: boolean; incidentId: number; number: string }>
 */
import type pg from 'pg';
import type { AppContext } from '../../http/app-context';
import type { Actor } from '../../events/actor';
import { withTransaction } from '../../db/transaction';
import { createIncident } from '../incidents/incidents.commands';
import { locate } from '../incidents/locate';
import type { OutsideAlertFeature, PersonInArea } from './outside-alerts.queries';

// The first narrative line names the alert and the person: it is written in the incident's own
// transaction, so it is the record that a check was already sent for this pair.
export const welfareMarker = (alertId: number, kind: PersonInArea['kind'], personId: number) => `Outside alert #${alertId} (${kind} #${personId}):`;
const MARKER_RE = /^Outside alert #(\d+) \((special-needs|care) #(\d+)\):/;

export const personKey = (kind: PersonInArea['kind'], id: number) => `${kind}:${id}`;

/**
 * Welfare incidents already created for an alert, by personKey, including those created for the
 * earlier versions it updated: a sender's Update of a warning does not call for a second check.
 */
export async function welfareIncidentsFor(db: pg.Pool | pg.PoolClient, alertId: number): Promise<Map<string, { id: number; number: string }>> {
  const { rows: chain } = await db.query<{ id: string }>(
    `WITH RECURSIVE chain(id) AS (
       SELECT $1::bigint
       UNION SELECT e.id FROM external_alerts e JOIN chain c ON e.superseded_by = c.id AND e.superseded_how = 'Update'
     ) SELECT id FROM chain LIMIT 100`,
    [alertId],
  );
  const ids = new Set(chain.map((r) => Number(r.id)));
  const { rows } = await db.query<{ id: string; number: string; text: string }>(
    `SELECT i.id, i.number, n.text FROM incident_narrative n JOIN incidents i ON i.id = n.incident_id
      WHERE i.type_code = 'WELFARE' AND n.text LIKE ANY($1::text[]) ORDER BY i.id`,
    [[...ids].map((id) => `Outside alert #${id} (%`)],
  );
  const out = new Map<string, { id: number; number: string }>();
  for (const r of rows) {
    const m = MARKER_RE.exec(r.text);
    if (m && ids.has(Number(m[1]))) {
      const key = personKey(m[2] as PersonInArea['kind'], Number(m[3]));
      if (!out.has(key)) out.set(key, { id: Number(r.id), number: r.number });
    }
  }
  return out;
}

function narrative(alert: OutsideAlertFeature, p: PersonInArea, timeZone: string): string {
  const a = alert.properties;
  const until = a.expiresAt ? ` until ${new Date(a.expiresAt).toLocaleString('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' })}` : '';
  return [
    `${welfareMarker(a.id, p.kind, p.id)} proactive welfare check. ${a.event} (${a.severity}, ${a.urgency})${until}, from ${a.senderName ?? a.sender}.`,
    a.areaDesc && `Area: ${a.areaDesc}.`,
    `Person: ${p.name}. Address: ${p.address}.${p.phone ? ` Phone: ${p.phone}${p.phoneOf ? ` (${p.phoneOf})` : ''}.` : ''}`,
    `Need: ${p.need}.`,
    a.instruction && `Alert instruction: ${a.instruction}`,
  ]
    .filter(Boolean)
    .join('\n')
    .slice(0, 8000);
}

/**
 * Creates the welfare incident unless one exists for this alert and person. A transaction-scoped
 * advisory lock on the pair makes a double click (or two dispatchers at once) wait for the first
 * and then find its incident; the incident itself is written on another connection by createIncident.
 */
export async function createAlertWelfareCheck(ctx: AppContext, actor: Actor, alert: OutsideAlertFeature, p: PersonInArea): Promise<{ created: boolean; incidentId: number; number: string }> {
  return withTransaction(ctx.db.pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`outside-alert-welfare:${alert.id}:${personKey(p.kind, p.id)}`]);
    const existing = (await welfareIncidentsFor(tx, alert.id)).get(personKey(p.kind, p.id));
    if (existing) return { created: false, incidentId: existing.id, number: existing.number };
    const location = { text: p.address, lat: p.lat, lon: p.lon, verified: false };
    const engine = ctx.geo?.ready ? ctx.geo.current : null;
    const { result } = await createIncident(ctx.db.pool, actor, { type: 'WELFARE', location, narrative: narrative(alert, p, ctx.config.timeZone) }, locate(engine, location));
    return { created: true, incidentId: result.id, number: result.number };
  });
}
