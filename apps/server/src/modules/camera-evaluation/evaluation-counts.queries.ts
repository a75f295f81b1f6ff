import type pg from 'pg';
import { LIVE_SOURCE } from '@openpsap/contract';
import { callsFrom, SqlParams, type CallFilter, type CallTable } from '../hotspots/call-filter';
import type { WeeklyCounts } from './did-estimate';
import type { EvaluationWindow } from './evaluation-window';

type Db = pg.Pool | pg.PoolClient;

export interface Point {
  lat: number;
  lon: number;
}

/** The areas compared: a circle round the site, and either a ring round it or circles round other sites. */
export interface EvaluationAreas {
  site: Point;
  radiusM: number;
  comparison: { kind: 'ring'; outerRadiusM: number } | { kind: 'sites'; sites: Point[] };
}

const EARTH_M = 6_371_008.8;
const M_PER_DEG_LAT = 111_320;

export function metresBetween(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Which area a call falls in: the site's circle wins over the comparison area where they overlap. */
export function areaOf(p: Point, a: EvaluationAreas): 'treated' | 'comparison' | null {
  if (metresBetween(p, a.site) <= a.radiusM) return 'treated';
  if (a.comparison.kind === 'ring') return metresBetween(p, a.site) <= a.comparison.outerRadiusM ? 'comparison' : null;
  return a.comparison.sites.some((s) => metresBetween(p, s) <= a.radiusM) ? 'comparison' : null;
}

/**
 * Calls per week near the site and in the comparison area, before and after. Reads only the
 * calls inside the bounding boxes of the circles (the position index), classifies them by exact
 * distance here, and leaves out the gap days between the periods.
 */
export async function weeklyCounts(db: Db, t: CallTable, f: CallFilter, w: EvaluationWindow, a: EvaluationAreas): Promise<WeeklyCounts> {
  const p = new SqlParams();
  const { from, where, local } = callsFrom(t, { ...f, from: w.before.from, to: w.after.to, days: null, hourFrom: null, hourTo: null }, p);
  const circles: { centre: Point; r: number }[] =
    a.comparison.kind === 'ring' ? [{ centre: a.site, r: a.comparison.outerRadiusM }] : [{ centre: a.site, r: a.radiusM }, ...a.comparison.sites.map((s) => ({ centre: s, r: a.radiusM }))];
  const boxes = circles.map(({ centre, r }) => {
    const dLat = r / M_PER_DEG_LAT;
    const dLon = r / (M_PER_DEG_LAT * Math.cos((centre.lat * Math.PI) / 180));
    return `(lat BETWEEN ${p.add(centre.lat - dLat)} AND ${p.add(centre.lat + dLat)} AND lon BETWEEN ${p.add(centre.lon - dLon)} AND ${p.add(centre.lon + dLon)})`;
  });
  const start = p.add(w.before.from);
  const { rows } = await db.query<{ lat: number; lon: number; day: number }>(
    `SELECT lat, lon, floor(extract(epoch FROM ${local} - (${start}::date)::timestamp) / 86400)::int AS day
       FROM ${from} WHERE ${where} AND lat IS NOT NULL AND (${boxes.join(' OR ')})`,
    p.values,
  );
  const weeks = w.weeks;
  const counts: WeeklyCounts = {
    treatedBefore: new Array<number>(weeks).fill(0),
    treatedAfter: new Array<number>(weeks).fill(0),
    comparisonBefore: new Array<number>(weeks).fill(0),
    comparisonAfter: new Array<number>(weeks).fill(0),
  };
  const len = weeks * 7;
  const afterStart = len + w.gapDays;
  for (const r of rows) {
    const area = areaOf(r, a);
    if (!area) continue;
    let series: 'Before' | 'After';
    let week: number;
    if (r.day >= 0 && r.day < len) {
      series = 'Before';
      week = Math.floor(r.day / 7);
    } else if (r.day >= afterStart && r.day < afterStart + len) {
      series = 'After';
      week = Math.floor((r.day - afterStart) / 7);
    } else continue;
    counts[`${area}${series}`][week]!++;
  }
  return counts;
}

/** Wall-clock times of a source's first and last call, in its zone, for the coverage check. */
export async function coverageLocal(db: Db, t: CallTable): Promise<{ first: string; last: string; today: string } | null> {
  const sql =
    t.source === LIVE_SOURCE
      ? `SELECT to_char(min(received_at) AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI:SS') AS first, to_char(max(received_at) AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI:SS') AS last,
                to_char(now() AT TIME ZONE $1, 'YYYY-MM-DD') AS today FROM incidents`
      : `SELECT to_char(min(received_at) AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI:SS') AS first, to_char(max(received_at) AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI:SS') AS last,
                to_char(now() AT TIME ZONE $1, 'YYYY-MM-DD') AS today FROM analysis_calls WHERE dataset = $2`;
  const { rows } = await db.query<{ first: string | null; last: string | null; today: string }>(sql, t.source === LIVE_SOURCE ? [t.timeZone] : [t.timeZone, t.source]);
  const r = rows[0];
  return r?.first && r.last ? { first: r.first, last: r.last, today: r.today } : null;
}
