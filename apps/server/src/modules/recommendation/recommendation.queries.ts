import type pg from 'pg';
import type { CandidateUnit } from './recommend';

/** Every active unit with where it last reported and where its station is. */
export async function loadCandidateUnits(db: pg.Pool | pg.PoolClient): Promise<CandidateUnit[]> {
  const { rows } = await db.query(
    `SELECT u.id, u.call_sign, a.code AS agency_code, u.unit_type, u.capabilities, u.status, u.current_incident_id,
            u.last_lat, u.last_lon, u.last_position_at, s.lat AS station_lat, s.lon AS station_lon
       FROM units u JOIN agencies a ON a.id = u.agency_id LEFT JOIN stations s ON s.id = u.home_station_id
      WHERE u.active`,
  );
  return rows.map((r) => ({
    id: r.id,
    callSign: r.call_sign,
    agencyCode: r.agency_code,
    type: r.unit_type,
    capabilities: r.capabilities,
    status: r.status,
    incidentId: r.current_incident_id,
    avl: r.last_lat !== null && r.last_position_at ? { lat: r.last_lat, lon: r.last_lon, at: r.last_position_at } : null,
    station: r.station_lat !== null ? { lat: r.station_lat, lon: r.station_lon } : null,
  }));
}
