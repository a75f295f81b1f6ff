import type pg from 'pg';
import type { HmhMatch } from '@openpsap/contract';
import { ageOn } from './hmh-describe';
import { describeRow, fullName, type PersonRow } from './hmh.queries';

const EARTH_M = 6_371_008.8;
function metres(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((bLat - aLat) * rad) / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(((bLon - aLon) * rad) / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Words of a description as prefix terms joined by OR: "grey jack" finds "grey jacket", and any word counts. */
export function tsQueryOf(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.filter((w) => w.length >= 2) ?? [];
  return words.length ? [...new Set(words)].map((w) => `${w}:*`).join(' | ') : null;
}

export interface SearchInput {
  q: string | null;
  near: { lat: number; lon: number } | null;
  sex: string | null;
  minAge: number | null;
  maxAge: number | null;
  state: string;
  limit: number;
}

/**
 * "Someone was found at X, an older man in a grey jacket": candidates ranked by how well the
 * description matches and by distance from X to their home or the places they tend to go.
 * The registry is small (hundreds), so distance is computed here for every candidate.
 */
export async function searchPeople(db: pg.Pool, s: SearchInput): Promise<HmhMatch[]> {
  const tsq = s.q ? tsQueryOf(s.q) : null;
  const args: unknown[] = [];
  const where: string[] = [];
  if (s.state !== 'all') where.push(`p.state = $${args.push(s.state)}`);
  if (s.sex) where.push(`p.sex = $${args.push(s.sex)}`);
  let rank = 'NULL::real';
  if (tsq) {
    const i = args.push(tsq);
    rank = `ts_rank(p.search, to_tsquery('simple', $${i}))`;
    where.push(`p.search @@ to_tsquery('simple', $${i})`);
  }
  const { rows } = await db.query<PersonRow & { rank: number | null; places: Array<{ label: string; lat: number | null; lon: number | null }> }>(
    `SELECT p.id, p.state, p.first_name, p.last_name, p.preferred_name, to_char(p.date_of_birth, 'YYYY-MM-DD') AS dob, p.sex, p.height_cm, p.weight_kg,
            p.hair, p.eyes, p.build, p.features, p.photo IS NOT NULL AS has_photo, p.home_lat, p.home_lon, ${rank} AS rank,
            coalesce((SELECT json_agg(json_build_object('label', d.label, 'lat', d.lat, 'lon', d.lon)) FROM hmh_destinations d WHERE d.person_id = p.id), '[]') AS places
       FROM hmh_people p ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    args,
  );
  const now = new Date();
  const matches: HmhMatch[] = [];
  for (const r of rows) {
    const age = ageOn(r.dob, now);
    if (s.minAge !== null && (age === null || age < s.minAge)) continue;
    if (s.maxAge !== null && (age === null || age > s.maxAge)) continue;
    let distanceM: number | null = null;
    let nearestPlace: string | null = null;
    if (s.near) {
      const places = [{ label: 'home', lat: r.home_lat, lon: r.home_lon }, ...r.places];
      for (const p of places) {
        if (p.lat === null || p.lon === null) continue;
        const d = metres(s.near.lat, s.near.lon, p.lat, p.lon);
        if (distanceM === null || d < distanceM) {
          distanceM = Math.round(d);
          nearestPlace = p.label;
        }
      }
    }
    matches.push({ id: r.id, name: fullName(r), age, sex: r.sex, state: r.state, summary: describeRow(r, now), hasPhoto: r.has_photo, distanceM, nearestPlace, textRank: r.rank });
  }
  // Missing people first (that is who a found person most likely is), then nearest, then best text match.
  matches.sort(
    (a, b) =>
      Number(b.state === 'missing') - Number(a.state === 'missing') ||
      (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity) ||
      (b.textRank ?? 0) - (a.textRank ?? 0) ||
      a.name.localeCompare(b.name),
  );
  return matches.slice(0, s.limit);
}
