import type { Alert, AlertKind } from '@openpsap/contract';
import type { CapAlert, CapCategory, CapInfo, CapResponseType, CapValue } from '../../cap/cap-model';

/** Who the centre is on its CAP messages and where the public reads them. */
export interface CapCentre {
  /** Host name of the centre's public address; the sender is alerts@ this host. */
  host: string;
  senderName: string;
  /** Absolute base URL of the public site (no trailing slash). */
  publicBase: string;
  timeZone: string;
}

export interface CapEnvelope {
  identifier: string;
  sent: Date;
  msgType: 'Alert' | 'Update' | 'Cancel';
  /** Earlier messages as "sender,identifier,sent". */
  references: string[];
}

const CATEGORY: Record<AlertKind, CapCategory> = { amber: 'Rescue', silver: 'Rescue', blue: 'Security', 'local-emergency': 'Safety', 'severe-weather': 'Met' };
// What the public is asked to do: look out for the person or vehicle, or act on a local danger.
const RESPONSE: Record<AlertKind, CapResponseType> = { amber: 'Monitor', silver: 'Monitor', blue: 'Monitor', 'local-emergency': 'Execute', 'severe-weather': 'Prepare' };

/** A CAP time: local wall time in the centre's zone with its UTC offset ("2026-11-21T09:05:00-05:00"); IPAWS refuses "Z". */
export function capTime(d: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

export const capSender = (c: CapCentre) => `alerts@${c.host}`;

/** The description the public reads: the composer keeps last-seen and vehicle apart so the BOLO can use them too. */
export function publicDescription(a: Pick<Alert, 'description' | 'lastSeen' | 'vehicle'>): string {
  const has = (s: string) => s && !a.description.includes(s);
  return [a.description, has(a.lastSeen) && `Last seen: ${a.lastSeen}.`, has(a.vehicle) && `Vehicle: ${a.vehicle}.`].filter(Boolean).join('\n');
}
export const capReference = (sender: string, identifier: string, sent: string) => `${sender},${identifier},${sent}`;

/** Closes the ring and writes it as CAP wants it: "lat,lon lat,lon ...", first point repeated last. */
function polygonText(points: Array<[number, number]>): string {
  const ring = [...points];
  const [first, last] = [ring[0]!, ring[ring.length - 1]!];
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first);
  return ring.map(([lat, lon]) => `${lat},${lon}`).join(' ');
}

/**
 * The seam between an alert as the centre keeps it and the CAP message the public receives: the
 * IPAWS profile (code IPAWSv1.0, one SAME event code, expiry, WEA texts as CMAMtext and
 * CMAMlongtext, times with an offset). The XML is written from this by the shared CAP writer.
 */
export function capAlertFor(a: Alert, env: CapEnvelope, centre: CapCentre): CapAlert {
  const sender = capSender(centre);
  const parameter: CapValue[] = [{ valueName: 'EAS-ORG', value: 'CIV' }];
  if (a.weaShort) parameter.push({ valueName: 'CMAMtext', value: a.weaShort });
  if (a.weaLong) parameter.push({ valueName: 'CMAMlongtext', value: a.weaLong });
  const cancelled = env.msgType === 'Cancel';
  const info: CapInfo = {
    language: 'en-US',
    category: [CATEGORY[a.kind]],
    event: a.event,
    responseType: [cancelled ? 'AllClear' : RESPONSE[a.kind]],
    urgency: cancelled ? 'Past' : 'Immediate',
    severity: cancelled ? 'Minor' : 'Severe',
    certainty: cancelled ? 'Observed' : 'Likely',
    eventCode: [{ valueName: 'SAME', value: a.sameCode }],
    effective: capTime(env.sent, centre.timeZone),
    ...(a.expiresAt ? { expires: capTime(new Date(a.expiresAt), centre.timeZone) } : {}),
    senderName: centre.senderName,
    headline: cancelled ? `CANCELLED: ${a.headline}`.slice(0, 160) : a.headline,
    description: cancelled && a.cancelReason ? `${a.cancelReason}\n\n${publicDescription(a)}` : publicDescription(a),
    ...(a.instruction ? { instruction: a.instruction } : {}),
    web: `${centre.publicBase}/alerts`,
    parameter,
    resource: a.hasPhoto ? [{ resourceDesc: 'Photo', mimeType: 'image/jpeg', uri: `${centre.publicBase}/api/v1/public/alerts/${a.id}/photo` }] : [],
    area: [
      {
        areaDesc: a.area.areaDesc || 'Centre service area',
        polygon: a.area.polygon ? [polygonText(a.area.polygon)] : [],
        circle: a.area.circle ? [`${a.area.circle.lat},${a.area.circle.lon} ${a.area.circle.radiusKm}`] : [],
        geocode: a.area.sameGeocodes.map((value) => ({ valueName: 'SAME', value })),
      },
    ],
  };
  return {
    version: '1.2',
    identifier: env.identifier,
    sender,
    sent: capTime(env.sent, centre.timeZone),
    status: 'Actual',
    msgType: env.msgType,
    scope: 'Public',
    code: ['IPAWSv1.0'],
    references: env.references,
    info: [info],
  };
}
