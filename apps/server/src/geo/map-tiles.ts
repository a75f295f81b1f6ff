import type pg from 'pg';
import geojsonvt, { type GeoJsonVt } from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';

/** Which map layer a street is drawn in, from its class: the console styles them by this. */
function streetCategory(roadClass: string | null, speed: number | null): string {
  const c = (roadClass ?? '').toLowerCase();
  if (c.includes('limited') || c === 'motorway' || c === 'trunk' || c.includes('interstate')) return 'highway';
  if (c.includes('ramp') || c.endsWith('_link')) return 'ramp';
  if (c.includes('alley') || c === 'service') return 'alley';
  if ((speed ?? 0) >= 48 || c === 'primary' || c === 'secondary') return 'arterial';
  return 'local';
}

const CACHE_LIMIT = 4_000;

/**
 * Vector tiles of the jurisdiction (streets with names and classes, police districts, the
 * boundary) made from the database, so the console's map needs no tile server or internet.
 * The index is built on first use for each data version; tiles are cached after first request.
 */
export class MapTiles {
  private index: Promise<{ streets: GeoJsonVt; zones: GeoJsonVt; boundary: GeoJsonVt }> | null = null;
  private indexVersion = -1;
  private readonly cache = new Map<string, Uint8Array>();

  constructor(private readonly pool: pg.Pool) {}

  async tile(version: number, z: number, x: number, y: number): Promise<Uint8Array> {
    if (version !== this.indexVersion) {
      this.indexVersion = version;
      this.cache.clear();
      this.index = this.build();
    }
    const key = `${z}/${x}/${y}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const idx = await this.index!;
    const layers: Record<string, unknown> = {};
    for (const [name, vt] of Object.entries(idx)) {
      const t = vt.getTile(z, x, y);
      if (t && t.features.length) layers[name] = t;
    }
    const pbf = fromGeojsonVt(layers, { version: 2, extent: 4096 });
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, pbf);
    return pbf;
  }

  private async build() {
    const [streets, zones, j] = await Promise.all([
      this.pool.query('SELECT prefix, name, suffix_type, suffix_dir, road_class, speed_kph, coords FROM street_segments'),
      this.pool.query(`SELECT z.code, z.name, s.code AS set_code, z.geometry FROM zones z JOIN zone_sets s ON s.id = z.zone_set_id WHERE z.geometry IS NOT NULL`),
      this.pool.query('SELECT boundary FROM jurisdiction WHERE id = 1'),
    ]);
    const streetFc = {
      type: 'FeatureCollection',
      features: streets.rows.map((r) => ({
        type: 'Feature',
        properties: { n: [r.prefix, r.name, r.suffix_type, r.suffix_dir].filter(Boolean).join(' '), c: streetCategory(r.road_class, r.speed_kph) },
        geometry: { type: 'LineString', coordinates: r.coords },
      })),
    };
    const zoneFc = { type: 'FeatureCollection', features: zones.rows.map((r) => ({ type: 'Feature', properties: { code: r.code, name: r.name, set: r.set_code }, geometry: r.geometry })) };
    const boundary = j.rows[0]?.boundary;
    const boundaryFc = { type: 'FeatureCollection', features: boundary ? [{ type: 'Feature', properties: {}, geometry: boundary }] : [] };
    const opts = { maxZoom: 16, indexMaxZoom: 6, tolerance: 2, buffer: 64 };
    return { streets: geojsonvt(streetFc, opts), zones: geojsonvt(zoneFc, opts), boundary: geojsonvt(boundaryFc, opts) };
  }
}
