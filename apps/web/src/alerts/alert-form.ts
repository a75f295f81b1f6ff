import type { Alert, AlertPatchBody, CriterionAnswer } from '@openpsap/contract';

/** The composer's fields as the inputs hold them (text), and back to the API's shape. */
export interface AlertForm {
  event: string;
  sameCode: string;
  headline: string;
  description: string;
  instruction: string;
  weaShort: string;
  weaLong: string;
  lastSeen: string;
  vehicle: string;
  areaDesc: string;
  lat: string;
  lon: string;
  radiusKm: string;
  polygon: string;
  sameGeocodes: string;
  expiresAt: string;
  incidentId: string;
  criteria: Record<string, CriterionAnswer>;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** An instant as a datetime-local value in this browser's zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formOf(a: Alert): AlertForm {
  return {
    event: a.event,
    sameCode: a.sameCode,
    headline: a.headline,
    description: a.description,
    instruction: a.instruction,
    weaShort: a.weaShort,
    weaLong: a.weaLong,
    lastSeen: a.lastSeen,
    vehicle: a.vehicle,
    areaDesc: a.area.areaDesc,
    lat: a.area.circle ? String(a.area.circle.lat) : '',
    lon: a.area.circle ? String(a.area.circle.lon) : '',
    radiusKm: a.area.circle ? String(a.area.circle.radiusKm) : '',
    polygon: (a.area.polygon ?? []).map(([la, lo]) => `${la},${lo}`).join('\n'),
    sameGeocodes: a.area.sameGeocodes.join(', '),
    expiresAt: toLocalInput(a.expiresAt),
    incidentId: a.incidentId ? String(a.incidentId) : '',
    criteria: { ...a.criteria },
  };
}

/** The body to save, or the fields that cannot be read (keyed as the server names them). */
export function bodyOf(f: AlertForm): { body: AlertPatchBody; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let circle: { lat: number; lon: number; radiusKm: number } | null = null;
  if (f.lat.trim() || f.lon.trim() || f.radiusKm.trim()) {
    const [lat, lon, radiusKm] = [Number(f.lat), Number(f.lon), Number(f.radiusKm)];
    if (!f.lat.trim() || !f.lon.trim() || !Number.isFinite(lat) || !Number.isFinite(lon)) errors['area.circle'] = 'give the centre as latitude and longitude (or pick it on the map)';
    else if (!(radiusKm > 0)) errors['area.circle'] = 'give a radius in kilometres';
    else circle = { lat, lon, radiusKm };
  }
  let polygon: Array<[number, number]> | null = null;
  const lines = f.polygon.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length) {
    const pts = lines.map((l) => l.split(/[ ,]+/).map(Number));
    if (pts.some((p) => p.length !== 2 || p.some((n) => !Number.isFinite(n)))) errors['area.polygon'] = 'one "latitude,longitude" point per line';
    else if (pts.length < 3) errors['area.polygon'] = 'a polygon needs at least 3 points';
    else polygon = pts.map((p) => [p[0]!, p[1]!]);
  }
  const sameGeocodes = f.sameGeocodes.split(/[\s,]+/).filter(Boolean);
  const expires = f.expiresAt ? new Date(f.expiresAt) : null;
  if (expires && Number.isNaN(expires.getTime())) errors.expiresAt = 'not a date and time';
  return {
    errors,
    body: {
      event: f.event,
      sameCode: f.sameCode,
      headline: f.headline,
      description: f.description,
      instruction: f.instruction,
      weaShort: f.weaShort,
      weaLong: f.weaLong,
      lastSeen: f.lastSeen,
      vehicle: f.vehicle,
      area: { areaDesc: f.areaDesc, polygon, circle, sameGeocodes },
      expiresAt: expires && !Number.isNaN(expires.getTime()) ? expires.toISOString() : null,
      criteria: f.criteria,
      incidentId: f.incidentId ? Number(f.incidentId) : null,
    },
  };
}
