import { cliActor, withDatabase } from '../cli-context';
import { UsageError, type Command } from '../command';
import { lazyGeocoder } from '../../seed/demo-jurisdiction';
import type { ImportContext } from '../../modules/jurisdiction/importers/import-context';
import { formatReport, progressReporter, type ImportReport } from '../../modules/jurisdiction/importers/import-report';
import { ImportInputError } from '../../modules/jurisdiction/importers/read-input';
import { importStreets } from '../../modules/jurisdiction/importers/streets.importer';
import { importOsm } from '../../modules/jurisdiction/importers/osm.importer';
import { importZones } from '../../modules/jurisdiction/importers/zones.importer';
import { importStations } from '../../modules/jurisdiction/importers/stations.importer';
import { importAddresses } from '../../modules/jurisdiction/importers/addresses.importer';
import { importPlaces } from '../../modules/jurisdiction/importers/places.importer';
import { importBoundary } from '../../modules/jurisdiction/importers/boundary.importer';
import { importCallsForService } from '../../modules/hotspots/cfs.importer';
import { importAnalysisSites } from '../../modules/hotspots/sites.importer';
import { importCameras } from '../../modules/cameras/cameras.importer';
import { importCalls } from '../../modules/statistics/import/calls.importer';
import { formatCallsReport, type CallsImportReport } from '../../modules/statistics/import/import-summary';

const KINDS = ['streets', 'osm', 'zones', 'stations', 'addresses', 'places', 'boundary', 'cameras', 'cfs', 'analysis-sites', 'calls'] as const;
type Kind = (typeof KINDS)[number];

const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

export const importCommand: Command = {
  path: ['import'],
  summary: 'load jurisdiction data: streets, osm, zones, stations, addresses, places, boundary, cameras; calls for analysis: cfs, analysis-sites; CAD history for statistics: calls',
  usage: 'psap import <streets|osm|zones|stations|addresses|places|boundary|cameras|cfs|analysis-sites|calls> FILE [options]',
  options: {
    source: { type: 'string' },
    preset: { type: 'string' },
    map: { type: 'string' },
    routing: { type: 'boolean' },
    set: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    'code-field': { type: 'string' },
    'name-field': { type: 'string' },
    agency: { type: 'string' },
    'code-column': { type: 'string' },
    'name-column': { type: 'string' },
    'address-column': { type: 'string' },
    json: { type: 'boolean' },
    dataset: { type: 'string' },
    'time-zone': { type: 'string' },
    profile: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  flagHelp: [
    ['streets FILE', 'GeoJSON centerlines; Baltimore, NENA NG9-1-1, TIGER and OSM-GeoJSON fields are recognised'],
    ['  --preset P', 'force a field preset: baltimore, nena, tiger, osm-geojson'],
    ['  --map f=col,...', 'map fields yourself: name, prefix, type, suffix, fullName, fromLeft, toLeft, fromRight, toRight, zipLeft, zipRight, roadClass, oneway, speed, id'],
    ['  --routing', 'route only on this source from now on (streets and osm)'],
    ['osm FILE.osm.pbf', 'OpenStreetMap drivable roads, one-ways, speeds and turn restrictions'],
    ['zones FILE --set CODE --role R', 'GeoJSON polygons as a zone set; R is police, fire, ems or other'],
    ['  --code-field F --name-field F', 'properties holding the zone code and name (guessed when omitted)'],
    ['stations FILE --agency CODE', 'CSV with lat/lon columns, a "(lat, lon)" location field, or addresses to geocode'],
    ['addresses FILE', 'OpenAddresses CSV (LON, LAT, NUMBER, STREET, UNIT, CITY, POSTCODE, HASH)'],
    ['places FILE', 'CSV of name, aliases (; separated), and lat/lon or address'],
    ['boundary FILE [--name N]', 'GeoJSON polygon of the jurisdiction'],
    ['cameras FILE.csv', 'city cameras; Baltimore CitiWatch and Austin traffic camera lists are recognised'],
    ['  --map f=col,...', 'camera fields: id, name, lat, lon, location, address, direction, fov, range, kind, stream, status, health, healthAt, installed, tags'],
    ['  --preset P', 'force a camera preset: baltimore-citiwatch, austin'],
    ['cfs FILE --preset P', 'historical calls for service for hot spots and camera evaluations; P is montco, sf-fire or generic'],
    ['  --dataset CODE --name N', 'the analysis dataset to fill (default: the preset name) and its display name'],
    ['  --time-zone Z', 'the zone of the file\'s local times (presets know theirs)'],
    ['  --map f=col,...', 'generic cfs preset: id, time, type, category, area, lat, lon'],
    ['analysis-sites FILE --dataset CODE', 'CSV of places to evaluate (id, name, lat, lon/lng, detail, installed_on)'],
    ['calls FILE.csv --profile P', 'a CAD export into the statistics history; P is a built-in profile (montgomery-county, sf-fire, south-metro-fire, lancaster-county) or a PROFILE.json (docs/cad-import-profiles.md)'],
    ['  --dataset CODE --name N', 'the history dataset to fill (default: the profile\'s name); re-running a file updates its incidents in place'],
    ['  --dry-run', 'read and check every row, write nothing; lists rejected rows by reason with their lines'],
    ['--source NAME', 'what re-runs replace (default: from the file name); re-running the same file changes nothing'],
    ['--json', 'print the report as JSON'],
  ],
  allowPositionals: true,
  async run({ values, positionals }) {
    const [kind, file] = positionals as [Kind | undefined, string | undefined];
    if (!kind || !KINDS.includes(kind)) throw new UsageError(`say what to import: ${KINDS.join(', ')}`);
    if (!file || positionals.length !== 2) throw new UsageError('give exactly one FILE');
    return withDatabase(async (db) => {
      const actor = cliActor();
      const progress = (phase: string, total: number) => progressReporter(`${kind} ${phase}`, total);
      const ctx: ImportContext = { pool: db.pool, actor, geocoder: lazyGeocoder(db.pool), progress };
      let report: ImportReport;
      let callsReport: CallsImportReport | null = null;
      try {
        switch (kind) {
          case 'streets':
            report = await importStreets(db.pool, actor, file, { source: str(values.source), preset: str(values.preset), map: str(values.map), routing: values.routing === true, progress });
            break;
          case 'osm':
            report = await importOsm(ctx, file, { source: str(values.source), routing: values.routing === true });
            break;
          case 'zones': {
            const role = str(values.role) ?? 'other';
            if (!values.set) throw new UsageError('zones need --set CODE (e.g. police-district, police-post, ems-zone)');
            if (!['police', 'fire', 'ems', 'other'].includes(role)) throw new UsageError('--role must be police, fire, ems or other');
            report = await importZones(db.pool, actor, file, { set: String(values.set), role: role as 'police', setName: str(values.name), codeField: str(values['code-field']), nameField: str(values['name-field']) });
            break;
          }
          case 'stations':
            if (!values.agency) throw new UsageError('stations need --agency CODE (e.g. BCFD)');
            report = await importStations(ctx, file, { agency: String(values.agency), codeColumn: str(values['code-column']), nameColumn: str(values['name-column']), addressColumn: str(values['address-column']) });
            break;
          case 'addresses':
            report = await importAddresses(ctx, file, { source: str(values.source) });
            break;
          case 'places':
            report = await importPlaces(ctx, file);
            break;
          case 'boundary':
            report = await importBoundary(ctx, file, { name: str(values.name) });
            break;
          case 'cfs':
            if (!values.preset) throw new UsageError('cfs needs --preset montco, sf-fire or generic');
            report = await importCallsForService(ctx, file, { preset: String(values.preset), dataset: str(values.dataset), name: str(values.name), timeZone: str(values['time-zone']), map: str(values.map) });
            break;
          case 'analysis-sites':
            if (!values.dataset) throw new UsageError('analysis-sites need --dataset CODE (the dataset of calls they belong to)');
            report = await importAnalysisSites(ctx, file, { dataset: String(values.dataset) });
            break;
          case 'calls':
            if (!values.profile) throw new UsageError('calls need --profile NAME or --profile PROFILE.json');
            report = callsReport = await importCalls({ pool: db.pool, actor, progress }, file, { profile: String(values.profile), dataset: str(values.dataset), name: str(values.name), timeZone: str(values['time-zone']), dryRun: values['dry-run'] === true });
            break;
          case 'cameras':
            report = await importCameras(db.pool, actor, file, { source: str(values.source), preset: str(values.preset), map: str(values.map), progress });
            break;
        }
      } catch (e) {
        if (e instanceof ImportInputError) throw new Error(e.message); // a bad file, not a bad command line: no usage text
        throw e;
      }
      if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else process.stdout.write(`${callsReport ? formatCallsReport(callsReport) : formatReport(report)}\n`);
      return 0;
    });
  },
};
