import type pg from 'pg';
import type { AddressPoint, CommonPlace, StreetSegment, ZoneSetDefinition } from '@openpsap/geo';

/** Street segments as the geocoder wants them; ids are the table's ids, so routes can name them. */
export async function loadStreetSegments(pool: pg.Pool): Promise<(StreetSegment & { oneway: string; speedKph: number; source: string })[]> {
  const { rows } = await pool.query(
    `SELECT id, source, prefix, name, suffix_type, suffix_dir, from_left, to_left, from_right, to_right, zip_left, zip_right, road_class, oneway, speed_kph, coords
       FROM street_segments ORDER BY id`,
  );
  return rows.map((r) => {
    const s: StreetSegment & { oneway: string; speedKph: number; source: string } = {
      id: r.id,
      source: r.source,
      prefix: r.prefix,
      name: r.name,
      suffixType: r.suffix_type,
      suffixDir: r.suffix_dir,
      fromLeft: r.from_left,
      toLeft: r.to_left,
      fromRight: r.from_right,
      toRight: r.to_right,
      coords: r.coords,
      oneway: r.oneway,
      speedKph: r.speed_kph ?? 40,
    };
    if (r.zip_left) s.zipLeft = r.zip_left;
    if (r.zip_right) s.zipRight = r.zip_right;
    if (r.road_class) s.class = r.road_class;
    return s;
  });
}

export async function loadAddressPoints(pool: pg.Pool): Promise<AddressPoint[]> {
  const { rows } = await pool.query('SELECT number, street, unit, lat, lon FROM address_points');
  return rows.map((r) => (r.unit ? { number: r.number, street: r.street, unit: r.unit, lat: r.lat, lon: r.lon } : { number: r.number, street: r.street, lat: r.lat, lon: r.lon }));
}

export async function loadPlaces(pool: pg.Pool): Promise<CommonPlace[]> {
  const { rows } = await pool.query('SELECT name, aliases, lat, lon FROM places ORDER BY id');
  return rows.map((r) => ({ name: r.name, aliases: r.aliases, lat: r.lat, lon: r.lon }));
}

export interface ZoneSetRow {
  code: string;
  name: string;
  role: 'police' | 'fire' | 'ems' | 'other';
  derived: boolean;
}

/** Zone sets drawn as polygons, ready for the zone index (keyed by set code). */
export async function loadPolygonZoneSets(pool: pg.Pool): Promise<{ sets: ZoneSetRow[]; definitions: ZoneSetDefinition[] }> {
  const { rows: sets } = await pool.query<ZoneSetRow & { id: number }>('SELECT id, code, name, role, derived FROM zone_sets ORDER BY id');
  const { rows: zones } = await pool.query<{ zone_set_id: number; code: string; name: string; geometry: unknown }>(
    'SELECT zone_set_id, code, name, geometry FROM zones WHERE geometry IS NOT NULL ORDER BY zone_set_id, code',
  );
  const definitions: ZoneSetDefinition[] = sets
    .filter((s) => !s.derived)
    .map((s) => ({
      name: s.code,
      idProperty: 'code',
      zones: { type: 'FeatureCollection', features: zones.filter((z) => z.zone_set_id === s.id).map((z) => ({ type: 'Feature', properties: { code: z.code, name: z.name }, geometry: z.geometry as never })) },
    }));
  return { sets: sets.map(({ code, name, role, derived }) => ({ code, name, role, derived })), definitions };
}

export async function loadJurisdiction(pool: pg.Pool): Promise<{ name: string; boundary: unknown; center: { lat: number; lon: number } | null; version: number; routingSource: string | null } | null> {
  const { rows } = await pool.query('SELECT name, boundary, center_lat, center_lon, data_version, routing_source FROM jurisdiction WHERE id = 1');
  const r = rows[0];
  if (!r) return null;
  return { name: r.name, boundary: r.boundary, center: r.center_lat !== null ? { lat: r.center_lat, lon: r.center_lon } : null, version: r.data_version, routingSource: r.routing_source };
}

/** Turn restrictions with the street segment ids of their ways (as the road graph needs them). */
export async function loadTurnRestrictions(pool: pg.Pool): Promise<{ from: number; to: number; via: [number, number]; kind: 'no' | 'only' }[]> {
  const { rows } = await pool.query(
    `SELECT f.id AS from_id, t.id AS to_id, r.via_lon, r.via_lat, r.kind
       FROM turn_restrictions r
       JOIN street_segments f ON f.source = r.source AND f.source_id = r.from_way
       JOIN street_segments t ON t.source = r.source AND t.source_id = r.to_way`,
  );
  return rows.map((r) => ({ from: r.from_id, to: r.to_id, via: [r.via_lon, r.via_lat], kind: r.kind.startsWith('only') ? 'only' : 'no' }));
}
