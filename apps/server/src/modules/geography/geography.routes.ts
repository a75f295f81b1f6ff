import { z } from 'zod';
import { GeocodeCandidateSchema, GeocodeQuerySchema, RouteQuerySchema, RouteSchema } from '@openpsap/contract';
import { AppError, notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import type { Api } from '../../http/route-types';
import type { GeoService } from '../../geo/geo-service';
import { geocodeText, reverseGeocode, routeBetween } from './geography.queries';

const tags = ['geography'];

export function requireGeo(ctx: AppContext): GeoService {
  if (!ctx.geo) throw new AppError(503, 'unavailable', 'this server runs without map data');
  return ctx.geo;
}

export function registerGeographyRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/geocode', {
    schema: {
      tags,
      summary: 'Find an address, intersection ("A & B"), block ("4900 BLK TODD AVE") or place; or the address at lat/lon',
      querystring: GeocodeQuerySchema,
      response: { 200: z.array(GeocodeCandidateSchema) },
    },
    config: { access: { permission: 'geo.read' } },
  }, async (req) => {
    const engine = requireGeo(ctx).current;
    const q = req.query;
    if (q.q !== undefined) return geocodeText(engine, q.q, { limit: q.limit, ...(q.near ? { near: q.near } : {}), suggest: q.suggest === 'true' });
    return reverseGeocode(engine, q.lat!, q.lon!);
  });

  api.get('/api/v1/route', {
    schema: { tags, summary: 'Fastest drive between two points (from=lat,lon&to=lat,lon)', querystring: RouteQuerySchema, response: { 200: RouteSchema } },
    config: { access: { permission: 'geo.read' } },
  }, async (req) => routeBetween(requireGeo(ctx).current, req.query.from, req.query.to));

  api.get('/api/v1/jurisdiction', {
    schema: { tags, summary: 'The jurisdiction: name, centre, boundary, zone sets and data version' },
    config: { access: { permission: 'geo.read' } },
  }, async () => {
    const e = requireGeo(ctx).current;
    return { name: e.name, version: e.version, center: e.center, boundary: e.boundary, zoneSets: e.zoneSets, stats: e.stats };
  });

  api.get('/api/v1/zones/:set', {
    schema: { tags, summary: 'A zone set as GeoJSON (drive-time sets list their stations)', params: z.object({ set: z.string().regex(/^[a-z0-9-]+$/) }).strict() },
    config: { access: { permission: 'geo.read' } },
  }, async (req) => {
    const { rows: sets } = await ctx.db.pool.query('SELECT id, code, name, role, derived FROM zone_sets WHERE code = $1', [req.params.set]);
    const set = sets[0];
    if (!set) throw notFound(`zone set ${req.params.set}`);
    const { rows } = await ctx.db.pool.query(
      `SELECT z.code, z.name, z.geometry, s.lat, s.lon FROM zones z LEFT JOIN stations s ON s.code = z.code AND z.geometry IS NULL WHERE z.zone_set_id = $1 ORDER BY z.code`,
      [set.id],
    );
    return {
      type: 'FeatureCollection',
      properties: { code: set.code, name: set.name, role: set.role, derived: set.derived },
      features: rows.map((r) => ({
        type: 'Feature',
        properties: { code: r.code, name: r.name },
        geometry: r.geometry ?? (r.lat !== null ? { type: 'Point', coordinates: [r.lon, r.lat] } : null),
      })),
    };
  });

  api.get('/api/v1/map/tiles/:z/:x/:y', {
    schema: {
      tags,
      summary: 'Vector tile (Mapbox Vector Tile 2) of streets, zones and the boundary; add ?v=<data version>',
      params: z.object({ z: z.coerce.number().int().min(0).max(16), x: z.coerce.number().int().min(0), y: z.string().regex(/^\d+(\.pbf)?$/) }).strict(),
      querystring: z.object({ v: z.coerce.number().int().min(0).optional() }).strict(),
    },
    config: { access: { permission: 'geo.read' } },
  }, async (req, reply) => {
    const geo = requireGeo(ctx);
    const y = Number(req.params.y.replace('.pbf', ''));
    const n = 2 ** req.params.z;
    if (req.params.x >= n || y >= n) throw new AppError(404, 'not_found', 'no such tile');
    const pbf = await geo.tiles.tile(geo.current.version, req.params.z, req.params.x, y);
    reply.header('Content-Type', 'application/x-protobuf');
    // The data version is in the URL the console asks for, so a tile can be kept for a day.
    reply.header('Cache-Control', req.query.v === geo.current.version ? 'private, max-age=86400' : 'no-cache');
    return reply.send(Buffer.from(pbf));
  });

  api.post('/api/v1/jurisdiction/rebuild', {
    schema: { tags, summary: 'Rebuild the geography engine now from the database (after direct data edits)' },
    config: { access: { permission: 'geo.manage' } },
  }, async () => {
    const e = await requireGeo(ctx).rebuild();
    return { version: e.version, stats: e.stats };
  });

  api.get('/api/v1/stations', {
    schema: { tags, summary: 'Stations with their positions and how each was placed' },
    config: { access: { permission: 'geo.read' } },
  }, async () => {
    const { rows } = await ctx.db.pool.query(
      `SELECT s.id, a.code AS agency, s.code, s.name, s.address, s.lat, s.lon, s.geocode_match, s.geocode_score
         FROM stations s JOIN agencies a ON a.id = s.agency_id ORDER BY a.code, s.code`,
    );
    return rows.map((r) => ({ id: r.id, agency: r.agency, code: r.code, name: r.name, address: r.address, lat: r.lat, lon: r.lon, placedBy: r.geocode_match ?? (r.lat !== null ? 'coordinates' : null), score: r.geocode_score }));
  });
}
