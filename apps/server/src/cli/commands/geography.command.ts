import { join } from 'node:path';
import { IncidentTypeCodeSchema, LatLonTextSchema } from '@openpsap/contract';
import { withDatabase } from '../cli-context';
import { UsageError, type Command } from '../command';
import { buildGeoEngine, type GeoEngine } from '../../geo/geo-engine';
import { geocodeText, reverseGeocode, routeBetween } from '../../modules/geography/geography.queries';
import { recommendFor } from '../../modules/recommendation/recommendation.service';
import type pg from 'pg';

function latLon(v: string | undefined, flag: string): { lat: number; lon: number } {
  const r = LatLonTextSchema.safeParse(v ?? '');
  if (!r.success) throw new UsageError(`${flag}: ${r.error.issues[0]?.message ?? 'must be "lat,lon"'}`);
  return r.data;
}

/** Runs `fn` with the geography built from the database (the same engine the server uses). */
function withGeography<T>(fn: (engine: GeoEngine, pool: pg.Pool) => Promise<T>): Promise<T> {
  return withDatabase(async (db, config) => {
    const engine = await buildGeoEngine(db.pool, { cacheDir: join(config.dataDir, 'cache'), log: () => undefined });
    return fn(engine, db.pool);
  });
}

function print(value: unknown, json: boolean, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text()}\n`);
}

export const geocodeCommand: Command = {
  path: ['geocode'],
  summary: 'find an address, intersection, block or place; or the address at a point',
  usage: 'psap geocode "<text>" [--limit N] [--json]  |  psap geocode --reverse LAT,LON [--json]',
  options: { reverse: { type: 'string' }, limit: { type: 'string' }, near: { type: 'string' }, json: { type: 'boolean' } },
  flagHelp: [['--reverse LAT,LON', 'the address and nearest intersection at a point'], ['--limit N', 'candidates to show (default 5)'], ['--near LAT,LON', 'prefer candidates near here'], ['--json', 'print the candidate array, best first']],
  allowPositionals: true,
  async run({ values, positionals }) {
    const reverse = values.reverse as string | undefined;
    if (!reverse && positionals.length !== 1) throw new UsageError('give the text to find in quotes, or --reverse LAT,LON');
    const limit = values.limit ? Number(values.limit) : 5;
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new UsageError('--limit must be 1 to 50');
    const point = reverse ? latLon(reverse, '--reverse') : null;
    const near = values.near ? latLon(values.near as string, '--near') : undefined;
    return withGeography(async (engine) => {
      const out = point ? reverseGeocode(engine, point.lat, point.lon) : geocodeText(engine, positionals[0]!, { limit, ...(near ? { near } : {}) });
      print(out, values.json === true, () =>
        out.length === 0 ? 'no match' : out.map((c) => `${c.score.toFixed(2)}  ${c.matchType.padEnd(12)} ${c.label}  (${c.lat.toFixed(6)}, ${c.lon.toFixed(6)})${c.zoneIds ? `  ${Object.entries(c.zoneIds).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}${c.distanceM !== undefined ? `  ${c.distanceM} m away` : ''}`).join('\n'),
      );
      return out.length ? 0 : 1;
    });
  },
};

export const routeCommand: Command = {
  path: ['route'],
  summary: 'fastest drive between two points: seconds, metres and the street geometry',
  usage: 'psap route LAT,LON LAT,LON [--json]',
  options: { json: { type: 'boolean' } },
  flagHelp: [['--json', 'print {seconds, meters, geometry, from, to}']],
  allowPositionals: true,
  async run({ values, positionals }) {
    if (positionals.length !== 2) throw new UsageError('give two points: FROM_LAT,FROM_LON TO_LAT,TO_LON');
    const from = latLon(positionals[0], 'from');
    const to = latLon(positionals[1], 'to');
    return withGeography(async (engine) => {
      const r = routeBetween(engine, from, to);
      print(r, values.json === true, () => `${Math.floor(r.seconds / 60)} min ${Math.round(r.seconds % 60)} s, ${(r.meters / 1000).toFixed(2)} km, ${r.geometry.length} points`);
      return 0;
    });
  },
};

export const recommendCommand: Command = {
  path: ['recommend'],
  summary: 'units for an incident type at a point, by the response plan, ranked by drive time',
  usage: 'psap recommend --type CODE --at LAT,LON [--alarm N] [--json]',
  options: { type: { type: 'string' }, at: { type: 'string' }, alarm: { type: 'string' }, json: { type: 'boolean' } },
  flagHelp: [['--type CODE', 'APCO incident type, e.g. FSTRU'], ['--at LAT,LON', 'where'], ['--alarm N', 'alarm level (default 1)'], ['--json', 'print the recommendation as JSON']],
  async run({ values }) {
    const type = IncidentTypeCodeSchema.safeParse(values.type ?? '');
    if (!type.success) throw new UsageError(`--type: ${values.type ? `"${values.type}" is not an APCO 2.103.2 incident type` : 'is required'}`);
    const at = latLon(values.at as string | undefined, '--at');
    const alarm = values.alarm ? Number(values.alarm) : 1;
    if (!Number.isInteger(alarm) || alarm < 1 || alarm > 5) throw new UsageError('--alarm must be 1 to 5');
    return withGeography(async (engine, pool) => {
      const r = await recommendFor(pool, engine, { type: type.data, at, alarmLevel: alarm, incidentId: null });
      print(r, values.json === true, () =>
        [
          `${r.plan.name} (alarm ${r.plan.alarmLevel})`,
          ...r.units.map((u) => `  ${u.callSign.padEnd(8)} ${u.requirement.padEnd(26)} ${u.etaSeconds === null ? '   ?' : `${Math.floor(u.etaSeconds / 60)}:${String(u.etaSeconds % 60).padStart(2, '0')}`}  ${((u.distanceMeters ?? 0) / 1000).toFixed(1)} km  from ${u.from}${u.substitution ? `  [${u.substitution}]` : ''}`),
          ...r.unfilled.map((f) => `  MISSING ${f.missing} x ${f.requirement}`),
        ].join('\n'),
      );
      return 0;
    });
  },
};
