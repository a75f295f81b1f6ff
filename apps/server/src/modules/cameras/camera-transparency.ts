import type pg from 'pg';
import type { CameraTransparency, PortalLang } from '@openpsap/contract';
import { addDays, localDateOf } from '../care/care-time';
import { SUPERSEDED_REASON } from '../camera-owners/camera-owners.queries';

const RULES: Record<PortalLang, string[]> = {
  en: [
    'No facial recognition: the centre has no face matching of any kind, on any camera.',
    "Private cameras are used only as far as their owner's written consent allows, and the owner can revoke it at any time; access stops at once.",
    'Live view is for RTCC analysts working a specific incident, who record the incident and the reason every time.',
    'Recorded footage from a private camera is asked for, never taken: at most two hours per request, linked to an incident, and the owner may decline.',
    'Every view, refusal and footage request is recorded, and owners see every use of their cameras.',
    'These figures are counts only: no names, addresses or camera locations are published.',
  ],
  es: [
    'Sin reconocimiento facial: el centro no tiene ninguna comparación de rostros, en ninguna cámara.',
    'Las cámaras privadas se usan solo en la medida en que lo permite el consentimiento escrito de su dueño, que puede revocarlo cuando quiera; el acceso termina de inmediato.',
    'La vista en vivo es para analistas del RTCC que atienden un incidente concreto y registran cada vez el incidente y el motivo.',
    'Las grabaciones de una cámara privada se piden, nunca se toman: hasta dos horas por petición, vinculadas a un incidente, y el dueño puede negarse.',
    'Cada visualización, rechazo y petición de grabación queda registrada, y los dueños ven cada uso de sus cámaras.',
    'Estas cifras son solo conteos: no se publican nombres, direcciones ni ubicaciones de cámaras.',
  ],
};

/**
 * The public figures about the camera registry: how many cameras by kind of owner, the state of
 * consents, and how often cameras were watched or footage asked for per month. Counts only.
 */
export async function cameraTransparency(db: pg.Pool, now: Date, timeZone: string, lang: PortalLang): Promise<CameraTransparency> {
  const thisMonth = localDateOf(now, timeZone).slice(0, 7);
  const months: string[] = [];
  let d = `${thisMonth}-01`;
  for (let i = 0; i < 12; i++) {
    months.unshift(d.slice(0, 7));
    d = addDays(d, -1).slice(0, 7) + '-01';
  }
  const [cams, consents, usage] = await Promise.all([
    db.query<{ owner_kind: 'city' | 'business' | 'resident'; n: number }>("SELECT owner_kind, count(*)::int AS n FROM cameras WHERE status <> 'removed' GROUP BY owner_kind"),
    // A consent replaced by a newer one for the same camera is not counted as revoked: it was renewed.
    db.query<{ active: number; revoked: number; expired: number; registry: number; footage: number; live: number }>(
      `SELECT count(*) FILTER (WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()))::int AS active,
              count(*) FILTER (WHERE revoked_at IS NOT NULL AND revoked_reason IS DISTINCT FROM $1)::int AS revoked,
              count(*) FILTER (WHERE revoked_at IS NULL AND expires_at <= now())::int AS expired,
              count(*) FILTER (WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) AND level = 'registry')::int AS registry,
              count(*) FILTER (WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) AND level = 'footage')::int AS footage,
              count(*) FILTER (WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) AND level = 'live')::int AS live
         FROM camera_consents`,
      [SUPERSEDED_REASON],
    ),
    db.query<{ month: string; views: number; refused: number; requests: number }>(
      `SELECT to_char(at AT TIME ZONE $1, 'YYYY-MM') AS month,
              count(*) FILTER (WHERE action = 'view-start' AND (detail->>'step') IS NULL)::int AS views,
              count(*) FILTER (WHERE action = 'view-denied')::int AS refused,
              count(*) FILTER (WHERE action = 'footage-request' AND detail->>'step' = 'requested')::int AS requests
         FROM camera_access WHERE to_char(at AT TIME ZONE $1, 'YYYY-MM') >= $2 GROUP BY 1`,
      [timeZone, months[0]],
    ),
  ]);
  const byKind = Object.fromEntries(cams.rows.map((r) => [r.owner_kind, r.n])) as Record<string, number>;
  const c = consents.rows[0]!;
  const byMonth = new Map(usage.rows.map((r) => [r.month, r]));
  return {
    generatedAt: now.toISOString(),
    cameras: { city: byKind.city ?? 0, business: byKind.business ?? 0, resident: byKind.resident ?? 0, total: (byKind.city ?? 0) + (byKind.business ?? 0) + (byKind.resident ?? 0) },
    consents: { active: c.active, revoked: c.revoked, expired: c.expired, activeByLevel: { registry: c.registry, footage: c.footage, live: c.live } },
    months: months.map((m) => ({ month: m, liveViews: byMonth.get(m)?.views ?? 0, viewsRefused: byMonth.get(m)?.refused ?? 0, footageRequests: byMonth.get(m)?.requests ?? 0 })),
    rules: RULES[lang],
    facialRecognition: false,
  };
}
