import type pg from 'pg';
import type { Geocoder } from '@openpsap/geo';
import { consentTerms } from '../modules/camera-owners/consent-terms';
import { demoFeedUrl } from '../modules/video/demo-feed.routes';

/** Where the demo's playable cameras come from, so a restart re-points them rather than adding more. */
export const DEMO_FEEDS_SOURCE = 'demo-feeds';

interface DemoFeedCamera {
  feed: number;
  name: string;
  /** Geocoded at start; the fallback position is used when the geocoder is not sure. */
  place: string;
  lat: number;
  lon: number;
  direction: number | null;
  fov: number | null;
  range: number;
  tags: string[];
}

// Downtown corners where the demo's incidents happen; feeds 5 and 6 are left for cameras that a
// visitor registers in the owners' portal.
const CITY_FEEDS: DemoFeedCamera[] = [
  { feed: 1, name: 'Demo feed 1: Light St at Pratt St (test pattern)', place: 'LIGHT ST & PRATT ST', lat: 39.28664, lon: -76.61334, direction: 45, fov: 100, range: 120, tags: ['Demo', 'Inner Harbor'] },
  { feed: 2, name: 'Demo feed 2: Charles St at Baltimore St (test pattern)', place: 'CHARLES ST & BALTIMORE ST', lat: 39.28942, lon: -76.61522, direction: 180, fov: 90, range: 100, tags: ['Demo', 'Downtown'] },
  { feed: 3, name: 'Demo feed 3: City Hall plaza (test pattern)', place: 'CITY HALL', lat: 39.29089, lon: -76.61073, direction: null, fov: null, range: 80, tags: ['Demo', 'Downtown'] },
];
const BUSINESS_FEED: DemoFeedCamera = { feed: 4, name: 'Harbor Bakery door (demo owner, test pattern)', place: 'CALVERT ST & PRATT ST', lat: 39.28685, lon: -76.61240, direction: 270, fov: 70, range: 60, tags: ['Demo'] };
const DEMO_OWNER = { name: 'Alex Baker', organisation: 'Harbor Bakery (demo)', email: 'owner@harbor-bakery.demo.invalid' };

function placed(c: DemoFeedCamera, geocoder: Geocoder | null): { lat: number; lon: number } {
  const best = geocoder?.geocode(c.place)[0];
  return best && best.score >= 0.85 ? { lat: best.lat, lon: best.lon } : { lat: c.lat, lon: c.lon };
}

async function upsertCamera(tx: pg.PoolClient, c: DemoFeedCamera, ownerId: number | null, url: string, geocoder: Geocoder | null): Promise<{ id: number; created: boolean }> {
  const at = placed(c, geocoder);
  const { rows } = await tx.query<{ id: number; created: boolean }>(
    `INSERT INTO cameras (name, owner_kind, owner_id, lat, lon, direction_deg, fov_deg, range_m, stream_url, stream_kind, tags, source, source_id, address)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'mjpeg', $10, $11, $12, $13)
     ON CONFLICT (source, source_id) WHERE source_id IS NOT NULL DO UPDATE SET stream_url = EXCLUDED.stream_url, updated_at = now()
     RETURNING id, (xmax = 0) AS created`,
    [c.name, ownerId === null ? 'city' : 'business', ownerId, at.lat, at.lon, c.direction, c.fov, c.range, url, c.tags, DEMO_FEEDS_SOURCE, `feed-${c.feed}`, c.place],
  );
  return rows[0]!;
}

/**
 * Adds the demo's playable cameras on first start (three city cameras and one business camera
 * whose demo owner signed a live-view consent) and, on every start, points them at this server's
 * demo feeds, whose port may have changed. A consent the visitor revoked stays revoked.
 */
export async function placeDemoFeedCameras(pool: pg.Pool, loopbackBase: string, geocoder: Geocoder | null): Promise<{ created: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    let created = 0;
    for (const c of CITY_FEEDS) if ((await upsertCamera(client, c, null, demoFeedUrl(loopbackBase, c.feed), geocoder)).created) created++;
    const owner = await client.query<{ id: number }>(
      `INSERT INTO camera_owners (kind, name, organisation, email, verified_at) VALUES ('business', $1, $2, $3, now())
       ON CONFLICT ((lower(email))) DO UPDATE SET name = camera_owners.name RETURNING id`,
      [DEMO_OWNER.name, DEMO_OWNER.organisation, DEMO_OWNER.email],
    );
    const ownerId = owner.rows[0]!.id;
    const bakery = await upsertCamera(client, BUSINESS_FEED, ownerId, demoFeedUrl(loopbackBase, BUSINESS_FEED.feed), geocoder);
    if (bakery.created) {
      created++;
      const terms = consentTerms('live', 'en');
      await client.query(
        `INSERT INTO camera_consents (camera_id, owner_id, level, terms_version, terms_text, signed_name, signed_title, signed_date)
         VALUES ($1, $2, 'live', $3, $4, $5, 'Owner', current_date)`,
        [bakery.id, ownerId, terms.version, terms.text, DEMO_OWNER.name],
      );
    }
    await client.query('COMMIT');
    return { created };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
