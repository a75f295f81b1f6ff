import type pg from 'pg';
import type { Unit, UnitRef } from '@openpsap/contract';

type Queryable = pg.Pool | pg.PoolClient;

export interface UnitRow {
  id: number;
  agency_id: number;
  agency_code: string;
  call_sign: string;
  unit_type: string;
  capabilities: string[];
  home_station: string | null;
  home_station_code: string | null;
  home_zone: string | null;
  station_lat: number | null;
  station_lon: number | null;
  status: string;
  primary_status: string;
  status_changed_at: Date;
  current_incident_id: number | null;
  last_lat: number | null;
  last_lon: number | null;
  last_position_at: Date | null;
  active: boolean;
}

const SELECT = `SELECT u.id, u.agency_id, a.code AS agency_code, u.call_sign, u.unit_type, u.capabilities, s.name AS home_station, s.code AS home_station_code, s.zone AS home_zone, s.lat AS station_lat, s.lon AS station_lon,
  u.status, u.primary_status, u.status_changed_at, u.current_incident_id, u.last_lat, u.last_lon, u.last_position_at, u.active
  FROM units u JOIN agencies a ON a.id = u.agency_id LEFT JOIN stations s ON s.id = u.home_station_id`;

export function toUnit(r: UnitRow): Unit {
  return {
    id: r.id,
    callSign: r.call_sign,
    agencyId: r.agency_id,
    agencyCode: r.agency_code,
    type: r.unit_type,
    capabilities: r.capabilities,
    homeStation: r.home_station,
    homeStationCode: r.home_station_code,
    homeZone: r.home_zone,
    homeStationPosition: r.station_lat !== null && r.station_lon !== null ? { lat: r.station_lat, lon: r.station_lon } : null,
    status: r.status,
    primaryStatus: r.primary_status,
    statusChangedAt: r.status_changed_at.toISOString(),
    incidentId: r.current_incident_id,
    position: r.last_lat !== null && r.last_lon !== null && r.last_position_at ? { lat: r.last_lat, lon: r.last_lon, at: r.last_position_at.toISOString() } : null,
    active: r.active,
  };
}

export async function listUnits(db: Queryable, filter: { agencyId?: number; status?: string; includeInactive?: boolean } = {}): Promise<UnitRow[]> {
  const { rows } = await db.query<UnitRow>(
    `${SELECT} WHERE ($1::int IS NULL OR u.agency_id = $1) AND ($2::text IS NULL OR u.status = $2 OR u.primary_status = $2) AND ($3 OR u.active)
     ORDER BY a.code, u.call_sign`,
    [filter.agencyId ?? null, filter.status ?? null, filter.includeInactive ?? false],
  );
  return rows;
}

export async function getUnitsByIds(db: Queryable, ids: number[]): Promise<UnitRow[]> {
  const { rows } = await db.query<UnitRow>(`${SELECT} WHERE u.id = ANY($1::int[]) ORDER BY u.id`, [ids]);
  return rows;
}

export async function getUnit(db: Queryable, id: number): Promise<UnitRow | null> {
  return (await getUnitsByIds(db, [id]))[0] ?? null;
}

/** Resolves ids and call signs ("e-45" matches "E-45") to unit ids; unknown refs come back as null. */
export async function resolveUnitRefs(db: Queryable, refs: UnitRef[]): Promise<(number | null)[]> {
  const ids = refs.map((r) => (typeof r === 'number' ? r : /^\d+$/.test(r) ? Number(r) : null));
  const signs = refs.map((r) => (typeof r === 'string' && !/^\d+$/.test(r) ? r.toUpperCase() : null));
  const { rows } = await db.query<{ id: number; sign: string }>(
    'SELECT id, upper(call_sign) AS sign FROM units WHERE id = ANY($1::int[]) OR upper(call_sign) = ANY($2::text[])',
    [ids.filter((x) => x !== null && x <= 2_147_483_647), signs.filter((x) => x !== null)],
  );
  const byId = new Set(rows.map((r) => r.id));
  const bySign = new Map(rows.map((r) => [r.sign, r.id]));
  return refs.map((_, i) => (ids[i] !== null ? (byId.has(ids[i]!) ? ids[i]! : null) : (bySign.get(signs[i]!) ?? null)));
}

/** Locks units in id order (a fixed order, so two dispatchers cannot deadlock) and returns them. */
export async function lockUnits(tx: pg.PoolClient, ids: number[]): Promise<UnitRow[]> {
  await tx.query('SELECT id FROM units WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE', [ids]);
  return getUnitsByIds(tx, ids);
}

export async function insertStatusHistory(
  tx: pg.PoolClient,
  h: { unitId: number; status: string; primary: string; incidentId: number | null; at: Date; actorUserId: number | null; note?: string | null },
): Promise<void> {
  await tx.query(
    'INSERT INTO unit_status_history (unit_id, status, primary_status, incident_id, at, actor_user_id, note) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [h.unitId, h.status, h.primary, h.incidentId, h.at, h.actorUserId, h.note ?? null],
  );
}

export async function setUnitStatus(tx: pg.PoolClient, unitId: number, status: string, primary: string, at: Date, incidentId: number | null): Promise<void> {
  await tx.query('UPDATE units SET status = $2, primary_status = $3, status_changed_at = $4, current_incident_id = $5 WHERE id = $1', [unitId, status, primary, at, incidentId]);
}
