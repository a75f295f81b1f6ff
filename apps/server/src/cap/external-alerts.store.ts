/**
 * Keeping CAP messages received from other senders (table external_alerts, migration 0017).
 *
 *   storeExternalAlert(pool, actor, { alert, xml, sourceUrl }): Promise<StoreResult>
 *
 * One message is one row, keyed by (sender, identifier, sent): importing the same message again
 * changes nothing and writes no audit row. An Update or Cancel marks the stored messages it
 * references as superseded; a message that arrives after the Update or Cancel naming it is stored
 * already marked. A message without identifier, sender or sent cannot be told apart from others
 * and is refused (the caller checks with `storableProblem` first).
 */
import type pg from 'pg';
import type { Actor } from '../events/actor';
import { runCommand } from '../events/run-command';
import type { CapAlert } from './cap-model';
import { capTimeProblem } from './cap-checks';
import { firstAreaGeoJson } from './cap-geometry';

export interface StoreResult {
  id: number;
  inserted: boolean;
  /** Ids of stored messages this one marked as updated or cancelled. */
  marked: number[];
  /** Set when a stored Update or Cancel already names this message. */
  supersededBy: number | null;
}

export function storableProblem(alert: CapAlert): string | null {
  const missing = (['identifier', 'sender', 'sent'] as const).filter((k) => !alert[k]?.trim());
  return missing.length ? `it has no ${missing.join(', ')}, so it cannot be told apart from other messages; not stored` : null;
}

/** A time for sorting and expiry; lenient (CAP 1.1 senders write Z and fractions), null when unreadable. */
function instant(t: string | undefined): Date | null {
  if (!t) return null;
  const s = t.trim();
  if (capTimeProblem(s) && !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The latest expiry across the infos: the message is active until its last part expires. */
function latestExpiry(alert: CapAlert): Date | null {
  const times = alert.info.map((i) => instant(i.expires)).filter((d): d is Date => d !== null);
  return times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null;
}

export async function storeExternalAlert(pool: pg.Pool, actor: Actor, input: { alert: CapAlert; xml: string; sourceUrl: string | null }): Promise<StoreResult> {
  const { alert, xml, sourceUrl } = input;
  const why = storableProblem(alert);
  if (why) throw new Error(why);
  const shape = firstAreaGeoJson(alert);
  const { result } = await runCommand<StoreResult>(pool, actor, async (tx, now) => {
    const ins = await tx.query<{ id: string }>(
      `INSERT INTO external_alerts (identifier, sender, sent, sent_at, msg_type, status, cap_version, refs, raw_xml, parsed, area_geojson, expires_at, source_url, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (sender, identifier, sent) DO NOTHING RETURNING id`,
      [alert.identifier, alert.sender, alert.sent, instant(alert.sent), alert.msgType, alert.status, alert.version, alert.references, xml, JSON.stringify(alert), shape === null ? null : JSON.stringify(shape), latestExpiry(alert), sourceUrl, now],
    );
    if (!ins.rows.length) {
      const { rows } = await tx.query<{ id: string; superseded_by: string | null }>('SELECT id, superseded_by FROM external_alerts WHERE sender = $1 AND identifier = $2 AND sent = $3', [alert.sender, alert.identifier, alert.sent]);
      return { result: { id: Number(rows[0]!.id), inserted: false, marked: [], supersededBy: rows[0]!.superseded_by === null ? null : Number(rows[0]!.superseded_by) }, audits: [] };
    }
    const id = Number(ins.rows[0]!.id);
    const marked: number[] = [];
    if (alert.msgType === 'Update' || alert.msgType === 'Cancel') {
      for (const ref of alert.references) {
        const [sender, identifier, sent] = ref.split(',');
        if (!sender || !identifier || !sent) continue;
        // The same instant written another way (-05:00 vs +00:00) is the same message.
        const { rows } = await tx.query<{ id: string }>(
          `UPDATE external_alerts SET superseded_by = $4, superseded_how = $5
            WHERE sender = $1 AND identifier = $2 AND (sent = $3 OR sent_at = $6) AND id <> $4
              AND (superseded_by IS NULL OR superseded_how = 'Update') RETURNING id`,
          [sender, identifier, sent, id, alert.msgType, instant(sent)],
        );
        marked.push(...rows.map((r) => Number(r.id)));
      }
    }
    // An Update or Cancel that came first: this message is already superseded.
    const key = `${alert.sender},${alert.identifier},${alert.sent}`;
    const { rows: later } = await tx.query<{ id: string; msg_type: 'Update' | 'Cancel' }>(
      `SELECT id, msg_type FROM external_alerts WHERE refs @> ARRAY[$1]::text[] AND msg_type IN ('Update', 'Cancel') AND id <> $2 ORDER BY (msg_type = 'Cancel') DESC, id DESC LIMIT 1`,
      [key, id],
    );
    let supersededBy: number | null = null;
    if (later[0]) {
      supersededBy = Number(later[0].id);
      await tx.query('UPDATE external_alerts SET superseded_by = $2, superseded_how = $3 WHERE id = $1', [id, supersededBy, later[0].msg_type]);
    }
    return {
      result: { id, inserted: true, marked, supersededBy },
      // The floor's map and welfare list redraw on this: a warning arrived, or ended by Update/Cancel.
      event: { type: 'outside-alert.received', agencyId: null, rooms: ['centre'], data: { alertId: id, msgType: alert.msgType, event: alert.info[0]?.event ?? '', ended: supersededBy ? [...marked, id] : marked } },
      audits: [
        {
          action: 'cap.import',
          entity: 'external-alert',
          entityId: id,
          after: { identifier: alert.identifier, sender: alert.sender, sent: alert.sent, msgType: alert.msgType, status: alert.status, version: alert.version, source: sourceUrl, marked, supersededBy },
        },
      ],
    };
  });
  return result;
}
