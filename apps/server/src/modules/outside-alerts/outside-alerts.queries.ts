/**
 * Reads of outside alerts (table external_alerts) for the floor: which are active now, as GeoJSON
 * for the map, and who of the registered vulnerable people lives inside one's area.
 *
 *   activeOutsideAlerts(pool, now): Promise<OutsideAlertCollection>
 *   getActiveOutsideAlert(pool, id, now): Promise<OutsideAlertFeature | null>
 *   peopleInArea(pool, shape, now): Promise<PersonInArea[]>
 */
import type pg from 'pg';
import type { OutsideAlertCollection, OutsideAlertFeature, OutsideAlertProps } from '@openpsap/contract';
import type { CapAlert } from '../../cap/cap-model';
import { capAreaGeoJson, type GeoJsonGeometry } from '../../cap/cap-geometry';
import { boundsOf, insideShape } from './point-in-area';

export type { OutsideAlertCollection, OutsideAlertFeature, OutsideAlertProps };

// A message without any expiry is taken as active for a day after it arrived, not for ever.
const ACTIVE_WHERE = `superseded_by IS NULL AND msg_type IN ('Alert', 'Update') AND status = 'Actual'
  AND coalesce(expires_at, received_at + interval '1 day') > $1`;

interface Row {
  id: string;
  msg_type: string;
  sender: string;
  sent: string;
  parsed: CapAlert;
  area_geojson: GeoJsonGeometry | null;
  expires_at: Date | null;
}

const SEVERITY_RANK: Record<string, number> = { Extreme: 0, Severe: 1, Moderate: 2, Minor: 3, Unknown: 4 };
const oneLine = (s: string | undefined | null) => (s ? s.trim().replace(/\s+/g, ' ') : null);

/**
 * Every area of every info as one shape (the store keeps only the first). Infos in other languages
 * repeat the same areas; identical rings are kept once.
 */
export function allAreasGeoJson(alert: CapAlert, first: GeoJsonGeometry | null): GeoJsonGeometry | null {
  const rings = new Map<string, number[][][]>();
  for (const info of alert.info ?? []) {
    for (const area of info.area ?? []) {
      const g = capAreaGeoJson(area);
      if (!g) continue;
      for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) rings.set(JSON.stringify(poly), poly);
    }
  }
  if (rings.size === 0) return first;
  const polys = [...rings.values()];
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys };
}

function toFeature(r: Row): OutsideAlertFeature {
  const info = r.parsed.info[0];
  const area = info?.area ?? [];
  const geometry = allAreasGeoJson(r.parsed, r.area_geojson);
  return {
    type: 'Feature',
    id: Number(r.id),
    properties: {
      id: Number(r.id),
      event: oneLine(info?.event) ?? '(no event named)',
      headline: oneLine(info?.headline),
      severity: info?.severity ?? 'Unknown',
      urgency: info?.urgency ?? 'Unknown',
      certainty: info?.certainty ?? 'Unknown',
      msgType: r.msg_type,
      sender: r.sender,
      senderName: oneLine(info?.senderName),
      areaDesc: area.map((a) => oneLine(a.areaDesc)).filter(Boolean).join('; ').slice(0, 500),
      sent: r.sent,
      expiresAt: r.expires_at?.toISOString() ?? null,
      instruction: oneLine(info?.instruction)?.slice(0, 500) ?? null,
      hasArea: geometry !== null,
    },
    geometry,
  };
}

/** Active now (by the caller's clock): Actual alerts and updates, not expired, not replaced or cancelled. */
export async function activeOutsideAlerts(pool: pg.Pool, now: Date): Promise<OutsideAlertCollection> {
  const { rows } = await pool.query<Row>(`SELECT id, msg_type, sender, sent, parsed, area_geojson, expires_at FROM external_alerts WHERE ${ACTIVE_WHERE} ORDER BY id DESC LIMIT 500`, [now]);
  const features = rows.map(toFeature).sort((a, b) => (SEVERITY_RANK[a.properties.severity] ?? 5) - (SEVERITY_RANK[b.properties.severity] ?? 5) || b.id - a.id);
  return { type: 'FeatureCollection', features };
}

export async function getActiveOutsideAlert(pool: pg.Pool, id: number, now: Date): Promise<OutsideAlertFeature | null> {
  const { rows } = await pool.query<Row>(`SELECT id, msg_type, sender, sent, parsed, area_geojson, expires_at FROM external_alerts WHERE id = $2 AND ${ACTIVE_WHERE}`, [now, id]);
  return rows[0] ? toFeature(rows[0]) : null;
}

/** The least a welfare check needs to know about one person. */
export interface PersonInArea {
  kind: 'special-needs' | 'care';
  id: number;
  name: string;
  address: string;
  phone: string | null;
  /** Whose phone it is when not the person's own (an emergency contact). */
  phoneOf: string | null;
  need: string;
  /** CARE only: today's check-in window has opened and no check-in came yet. */
  checkInDue: boolean | null;
  lat: number;
  lon: number;
}

/** "1200 N Charles St" sorts under Charles, then by house number. */
export function streetKey(address: string): [string, number] {
  const m = /^\s*(\d+)[A-Za-z-]*\s+(.*)$/.exec(address);
  return m ? [m[2]!.toLowerCase(), Number(m[1])] : [address.toLowerCase(), 0];
}

export function byStreet(a: { address: string; name: string }, b: { address: string; name: string }): number {
  const [sa, na] = streetKey(a.address);
  const [sb, nb] = streetKey(b.address);
  return sa.localeCompare(sb) || na - nb || a.name.localeCompare(b.name);
}

/**
 * Approved special-needs registrations (at their caution's confirmed point, else the geocoded
 * address) and active CARE enrollees (their address point) inside the shape, sorted by street.
 * People without a position cannot be placed and are not listed.
 */
export async function peopleInArea(pool: pg.Pool, shape: GeoJsonGeometry, now: Date): Promise<PersonInArea[]> {
  const b = boundsOf(shape);
  const box = [b.minLat, b.maxLat, b.minLon, b.maxLon];
  const [sn, care] = await Promise.all([
    pool.query<{ id: number; person_name: string; address_text: string; form: { contacts?: { name: string; phone: string }[] }; lat: number; lon: number; summary: string | null }>(
      `SELECT n.id, n.person_name, n.address_text, n.form, coalesce(c.lat, n.lat) AS lat, coalesce(c.lon, n.lon) AS lon, c.summary
         FROM special_needs_notices n LEFT JOIN premise_cautions c ON c.id = n.caution_id AND c.removed_at IS NULL
        WHERE n.state = 'approved' AND coalesce(c.lat, n.lat) BETWEEN $1 AND $2 AND coalesce(c.lon, n.lon) BETWEEN $3 AND $4`,
      box,
    ),
    pool.query<{ id: number; person_name: string; address_text: string; phone: string | null; lat: number; lon: number; window_start: string; window_end: string; due: boolean }>(
      `SELECT e.id, e.person_name, e.address_text, e.phone, e.lat, e.lon, to_char(e.window_start, 'HH24:MI') AS window_start, to_char(e.window_end, 'HH24:MI') AS window_end,
              EXISTS (SELECT 1 FROM care_days d WHERE d.enrolment_id = e.id AND d.checked_in_at IS NULL
                        AND d.window_start_at <= $5 AND d.window_start_at > $5::timestamptz - interval '1 day') AS due
         FROM care_enrolments e
        WHERE e.active AND e.lat BETWEEN $1 AND $2 AND e.lon BETWEEN $3 AND $4`,
      [...box, now],
    ),
  ]);
  const out: PersonInArea[] = [];
  for (const r of sn.rows) {
    if (!insideShape(shape, r.lon, r.lat)) continue;
    const contact = r.form.contacts?.[0];
    out.push({ kind: 'special-needs', id: r.id, name: r.person_name, address: r.address_text, phone: contact?.phone ?? null, phoneOf: contact ? contact.name : null, need: r.summary ?? 'Special needs registration', checkInDue: null, lat: r.lat, lon: r.lon });
  }
  for (const r of care.rows) {
    if (!insideShape(shape, r.lon, r.lat)) continue;
    out.push({ kind: 'care', id: r.id, name: r.person_name, address: r.address_text, phone: r.phone, phoneOf: null, need: `CARE: lives alone, daily check-in ${r.window_start}-${r.window_end}`, checkInDue: r.due, lat: r.lat, lon: r.lon });
  }
  return out.sort(byStreet);
}
