import type pg from 'pg';
import type { RoadRouter, SnappedPoint } from '@openpsap/geo';

/** A zone set defined by drive time: each point belongs to the station that reaches it first. */
export interface DriveTimeZoneSet {
  code: string;
  stations: { code: string; lat: number; lon: number }[];
}

/** Derived zone sets (fire first-due areas, EMS zones) and the stations that define them. */
export async function loadDriveTimeZoneSets(pool: pg.Pool): Promise<DriveTimeZoneSet[]> {
  const { rows } = await pool.query<{ set_code: string; code: string; lat: number; lon: number }>(
    `SELECT zs.code AS set_code, z.code, s.lat, s.lon
       FROM zone_sets zs JOIN zones z ON z.zone_set_id = zs.id JOIN stations s ON s.code = z.code
      WHERE zs.derived AND s.lat IS NOT NULL ORDER BY zs.id, z.code`,
  );
  const sets = new Map<string, DriveTimeZoneSet>();
  for (const r of rows) {
    const set = sets.get(r.set_code) ?? { code: r.set_code, stations: [] };
    set.stations.push({ code: r.code, lat: r.lat, lon: r.lon });
    sets.set(r.set_code, set);
  }
  return [...sets.values()];
}

const CACHE_LIMIT = 100_000;
const ALONG_BUCKET_M = 40;

/**
 * First-due areas as a dispatcher means them: not circles or hand-drawn polygons but "whose
 * engine gets here first", answered on the road network. Answers are cached per stretch of road,
 * since every point along the same 40 m of a street has the same first-due station.
 */
export class DriveTimeZones {
  private readonly snapped: { code: string; stations: { code: string; point: SnappedPoint | null }[] }[];
  private readonly cache = new Map<string, Record<string, string>>();

  constructor(
    private readonly router: RoadRouter,
    sets: DriveTimeZoneSet[],
  ) {
    this.snapped = sets.map((s) => ({ code: s.code, stations: s.stations.map((st) => ({ code: st.code, point: router.snap(st.lon, st.lat, 500) })) }));
  }

  lookup(lat: number, lon: number): Record<string, string> {
    if (this.snapped.length === 0) return {};
    const p = this.router.snap(lon, lat, 1000);
    if (!p) return {};
    const key = `${p.road}:${Math.floor(p.along / ALONG_BUCKET_M)}`;
    const hit = this.cache.get(key);
    if (hit) return { ...hit };
    const out: Record<string, string> = {};
    for (const set of this.snapped) {
      const times = this.router.manyToOne(set.stations.map((s) => s.point), p);
      let best = -1;
      for (let i = 0; i < times.seconds.length; i++) if (times.seconds[i]! < (best < 0 ? Infinity : times.seconds[best]!)) best = i;
      if (best >= 0) out[set.code] = set.stations[best]!.code;
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, out);
    return { ...out };
  }
}
