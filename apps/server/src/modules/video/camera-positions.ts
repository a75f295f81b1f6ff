import { CameraIndex, fieldOfViewRing } from '@openpsap/geo';
import type { CameraSighting, RtccCamera } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { CAMERA_COLUMNS, CURRENT_CONSENT, toCamera, type CameraRow } from '../cameras/cameras.queries';

/** How stale the in-memory index may get before the registry is asked whether it changed. */
const CHECK_MS = 2000;

/** Geometry of every camera not removed; its digest tells whether the index must be rebuilt. */
const GEOMETRY_SQL = `SELECT id, lat, lon, direction_deg, fov_deg, range_m FROM cameras WHERE status <> 'removed' ORDER BY id`;
const DIGEST_SQL = `SELECT md5(coalesce(string_agg(concat_ws(':', id, lat, lon, direction_deg, fov_deg, range_m), ',' ORDER BY id), '')) AS digest FROM cameras WHERE status <> 'removed'`;

interface Held {
  index: CameraIndex;
  digest: string;
  checkedAt: number;
}

const held = new WeakMap<AppContext, Held>();
const building = new WeakMap<AppContext, Promise<Held>>();

/**
 * The camera index of this server: built from the registry on first use and rebuilt when the
 * cameras' positions, directions or ranges change (checked at most every 2 s, by a digest the
 * database computes), so a camera added in the registry is offered within seconds.
 */
async function cameraIndex(ctx: AppContext): Promise<CameraIndex> {
  const h = held.get(ctx);
  const now = Date.now();
  if (h && now - h.checkedAt < CHECK_MS) return h.index;
  let p = building.get(ctx);
  if (!p) {
    p = (async () => {
      const { rows } = await ctx.db.pool.query<{ digest: string }>(DIGEST_SQL);
      const digest = rows[0]!.digest;
      const cur = held.get(ctx);
      if (cur && cur.digest === digest) return { ...cur, checkedAt: Date.now() };
      const geo = await ctx.db.pool.query<{ id: number; lat: number; lon: number; direction_deg: number | null; fov_deg: number | null; range_m: number }>(GEOMETRY_SQL);
      const index = new CameraIndex(geo.rows.map((r) => ({ id: r.id, lat: r.lat, lon: r.lon, directionDeg: r.direction_deg, fovDeg: r.fov_deg, rangeM: r.range_m })));
      return { index, digest, checkedAt: Date.now() };
    })();
    building.set(ctx, p);
    p.then((x) => held.set(ctx, x)).finally(() => building.delete(ctx)).catch(() => undefined);
  }
  return (await p).index;
}

async function cameraRows(ctx: AppContext, ids: number[] | null): Promise<CameraRow[]> {
  const where = ids ? 'c.id = ANY($1)' : "c.status <> 'removed'";
  const { rows } = await ctx.db.pool.query<CameraRow>(`SELECT ${CAMERA_COLUMNS} FROM cameras c ${CURRENT_CONSENT} WHERE ${where} ORDER BY c.id`, ids ? [ids] : []);
  return rows;
}

/**
 * Cameras that can see a point (within range and inside their sector), nearest first; with
 * `nearM`, also those standing that close whatever they face (marked sees: false).
 */
export async function camerasSeeing(ctx: AppContext, lat: number, lon: number, nearM?: number): Promise<CameraSighting[]> {
  const index = await cameraIndex(ctx);
  const seeing = index.seeing(lat, lon);
  const seen = new Set(seeing.map((s) => s.id));
  const near = nearM ? index.near(lat, lon, nearM).filter((s) => !seen.has(s.id)) : [];
  const hits = [...seeing.map((s) => ({ ...s, sees: true })), ...near.map((s) => ({ ...s, sees: false }))];
  if (!hits.length) return [];
  const rows = new Map((await cameraRows(ctx, hits.map((h) => h.id))).map((r) => [r.id, r]));
  const out: CameraSighting[] = [];
  for (const h of hits) {
    const r = rows.get(h.id);
    if (!r || r.status === 'removed') continue;
    const c = toCamera(r);
    out.push({
      camera: { id: c.id, name: c.name, ownerKind: c.ownerKind, lat: c.lat, lon: c.lon, directionDeg: c.directionDeg, fovDeg: c.fovDeg, rangeM: c.rangeM, health: c.health, status: c.status, hasStream: c.hasStream, consent: c.consent },
      distanceM: Math.round(h.distanceM * 10) / 10,
      bearingDeg: Math.round(h.bearingDeg),
      sees: h.sees,
    });
  }
  return out;
}

/** Every camera in the registry for the RTCC map, with the outline of what it sees. */
export async function rtccCameras(ctx: AppContext, relayed: Set<number>): Promise<RtccCamera[]> {
  return (await cameraRows(ctx, null)).map((r) => {
    const c = toCamera(r);
    const ring = fieldOfViewRing({ lat: c.lat, lon: c.lon, directionDeg: c.directionDeg, fovDeg: c.fovDeg, rangeM: c.rangeM }, 10);
    return { ...c, sector: ring.map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6] as [number, number]), relayed: relayed.has(c.id) };
  });
}
