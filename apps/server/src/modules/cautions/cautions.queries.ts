import type pg from 'pg';
import type { Role } from '@openpsap/contract';

export interface Caution {
  id: number;
  kind: string;
  summary: string;
  /** Null when the viewer's role gets only the summary. */
  details: string | null;
  address: string | null;
  distanceM: number;
  source: string;
  /** The record behind the caution (a special-needs notice's id), for auditing who saw it. */
  sourceId: string | null;
  /** A picture of the person, for roles that will meet them. */
  photoUrl: string | null;
  expiresAt: string | null;
  expired: boolean;
}

/** Per-role content of a caution from a program (special needs); plain premise cautions have none. */
interface RoleTiers {
  details: Partial<Record<Role, string>>;
  photoUrl: string | null;
  photoRoles: Role[];
}

const EARTH_M = 6_371_008.8;
function metres(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

// Roles that act on details (medications, how to calm someone); others see the one-line summary.
const DETAIL_ROLES: readonly Role[] = ['call-taker', 'dispatcher', 'supervisor', 'responder'];

/**
 * Cautions whose radius covers a point, nearest first. Expired ones are still returned, flagged,
 * so a stale entry prompts a check instead of silently vanishing from a call.
 */
export async function cautionsNear(db: pg.Pool | pg.PoolClient, lat: number, lon: number, role: Role): Promise<Caution[]> {
  // A box of 500 m (the largest radius) narrows the rows; the exact distance decides.
  const dLat = 500 / 111_320;
  const dLon = 500 / (111_320 * Math.cos((lat * Math.PI) / 180));
  const { rows } = await db.query(
    `SELECT id, lat, lon, radius_m, address, kind, summary, details, details_by_role, source, source_id, expires_at, expires_at IS NOT NULL AND expires_at < now() AS expired
       FROM premise_cautions WHERE removed_at IS NULL AND lat BETWEEN $1 AND $2 AND lon BETWEEN $3 AND $4`,
    [lat - dLat, lat + dLat, lon - dLon, lon + dLon],
  );
  return rows
    .map((r) => ({ r, d: metres(lat, lon, r.lat, r.lon) }))
    .filter(({ r, d }) => d <= r.radius_m)
    .sort((a, b) => a.d - b.d)
    .map(({ r, d }) => {
      const tiers = r.details_by_role as RoleTiers | null;
      return {
        id: r.id,
        kind: r.kind,
        summary: r.summary,
        details: tiers ? (tiers.details[role] ?? null) : DETAIL_ROLES.includes(role) ? r.details : null,
        address: r.address,
        distanceM: Math.round(d),
        source: r.source,
        sourceId: r.source_id,
        photoUrl: tiers && tiers.photoRoles.includes(role) ? tiers.photoUrl : null,
        expiresAt: r.expires_at?.toISOString() ?? null,
        expired: r.expired,
      };
    });
}
