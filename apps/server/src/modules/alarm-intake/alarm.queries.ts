import type pg from 'pg';
import type { AlarmEvent } from '@openpsap/contract';

type Queryable = pg.Pool | pg.PoolClient;

export interface AlarmCompanyRow {
  id: number;
  name: string;
  callback_url: string;
  disabled_at: Date | null;
}

export interface AlarmEventRow {
  id: number;
  company_id: number;
  external_id: string;
  account: string;
  event_type: string;
  address: string;
  lat: number;
  lon: number;
  call_id: number;
  incident_id: number | null;
  incident_status: string | null;
  received_at: Date;
  cancelled_at: Date | null;
}

export async function findCompanyByKeyHash(db: Queryable, hash: string): Promise<AlarmCompanyRow | null> {
  const { rows } = await db.query<AlarmCompanyRow>('SELECT id, name, callback_url, disabled_at FROM alarm_companies WHERE key_hash = $1', [hash]);
  return rows[0] ?? null;
}

const EVENT_SELECT = `SELECT e.id, e.company_id, e.external_id, e.account, e.event_type, e.address, e.lat, e.lon, e.call_id, c.incident_id, i.status AS incident_status,
  e.received_at, e.cancelled_at FROM alarm_events e JOIN calls c ON c.id = e.call_id LEFT JOIN incidents i ON i.id = c.incident_id`;

export async function getAlarmEvent(db: Queryable, where: { id: number } | { companyId: number; externalId: string }): Promise<AlarmEventRow | null> {
  const { rows } =
    'id' in where
      ? await db.query<AlarmEventRow>(`${EVENT_SELECT} WHERE e.id = $1`, [where.id])
      : await db.query<AlarmEventRow>(`${EVENT_SELECT} WHERE e.company_id = $1 AND e.external_id = $2`, [where.companyId, where.externalId]);
  return rows[0] ?? null;
}

/** The stage the company last heard of, or would hear of next. */
export function toAlarmEvent(r: AlarmEventRow, delivered: Set<string>): AlarmEvent {
  const status: AlarmEvent['status'] = r.cancelled_at
    ? 'cancelled'
    : r.incident_status === 'Closed' || delivered.has('closed')
      ? 'closed'
      : delivered.has('arrived') || r.incident_status === 'OnScene'
        ? 'arrived'
        : delivered.has('dispatched') || (r.incident_status && r.incident_status !== 'Pending')
          ? 'dispatched'
          : 'accepted';
  return { id: r.id, alarmId: r.external_id, callId: r.call_id, incidentId: r.incident_id, status, location: { text: r.address, lat: r.lat, lon: r.lon }, receivedAt: r.received_at.toISOString() };
}

export async function deliveredStages(db: Queryable, alarmEventId: number): Promise<Set<string>> {
  const { rows } = await db.query<{ stage: string }>('SELECT stage FROM alarm_deliveries WHERE alarm_event_id = $1', [alarmEventId]);
  return new Set(rows.map((r) => r.stage));
}
