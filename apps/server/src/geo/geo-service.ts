import pg from 'pg';
import { AppError } from '../errors/app-error';
import { dataVersion } from '../modules/jurisdiction/jurisdiction.queries';
import { buildGeoEngine, type GeoBuildOptions, type GeoEngine } from './geo-engine';
import { MapTiles } from './map-tiles';

const POLL_MS = 10_000;

/**
 * Holds the current geography and replaces it when an import changes the data (an import
 * notifies 'psap_geo'; a poll covers a missed notification). Requests keep using the old build
 * until the new one is complete.
 */
export class GeoService {
  private engine: GeoEngine | null = null;
  private building: Promise<GeoEngine> | null = null;
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Vector tiles for the console's map, following the same data version as the engine. */
  readonly tiles: MapTiles;

  constructor(
    private readonly pool: pg.Pool,
    private readonly clientConfig: pg.ClientConfig,
    private readonly opts: GeoBuildOptions,
  ) {
    this.tiles = new MapTiles(pool);
  }

  /** Builds the first engine and starts following changes. */
  async start(): Promise<void> {
    await this.rebuild();
    this.timer = setInterval(() => void this.checkVersion(), POLL_MS);
    this.timer.unref();
    try {
      const c = new pg.Client({ ...this.clientConfig, application_name: 'psap-geo' });
      c.on('notification', () => void this.checkVersion());
      c.on('error', () => undefined); // the poll carries on if the listener drops
      await c.connect();
      await c.query('LISTEN psap_geo');
      this.listener = c;
    } catch (e) {
      this.opts.log(`geography change listener unavailable (${(e as Error).message}); polling instead`);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.listener?.end().catch(() => undefined);
    await this.building?.catch(() => undefined);
  }

  get ready(): boolean {
    return this.engine !== null;
  }

  /** The current engine; 503 while the first build is still running. */
  get current(): GeoEngine {
    if (!this.engine) throw new AppError(503, 'unavailable', 'the map data is still loading; try again in a few seconds', undefined, { 'Retry-After': '5' });
    return this.engine;
  }

  /** The current engine, waiting for the first build if it is under way. */
  async whenReady(): Promise<GeoEngine> {
    if (this.engine) return this.engine;
    if (this.building) return this.building;
    return this.rebuild();
  }

  /** Rebuilds now (an import in this process calls it to see its own data at once). */
  rebuild(): Promise<GeoEngine> {
    this.building ??= buildGeoEngine(this.pool, this.opts)
      .then(async (e) => {
        this.engine = e;
        await this.syncStationZones(e).catch((err: Error) => this.opts.log(`station zones not updated: ${err.message}`));
        return e;
      })
      .finally(() => {
        this.building = null;
      });
    return this.building;
  }

  /** Records each station's police district, for grouping units by zone. */
  private async syncStationZones(e: GeoEngine): Promise<void> {
    const { rows } = await this.pool.query<{ id: number; lat: number; lon: number; zone: string | null }>('SELECT id, lat, lon, zone FROM stations WHERE lat IS NOT NULL');
    for (const s of rows) {
      const zone = e.zonesAt(s.lat, s.lon).police;
      if (zone !== s.zone) await this.pool.query('UPDATE stations SET zone = $2 WHERE id = $1', [s.id, zone]);
    }
  }

  private async checkVersion(): Promise<void> {
    if (this.stopped || this.building) return;
    try {
      const v = await dataVersion(this.pool);
      if (this.engine && v !== this.engine.version) await this.rebuild();
    } catch (e) {
      this.opts.log(`geography rebuild failed: ${(e as Error).message}`);
    }
  }
}
