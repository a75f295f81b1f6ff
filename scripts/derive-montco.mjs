#!/usr/bin/env node
// Derives the hot-spot and camera-evaluation demo data (data/jurisdictions/montco) from
// ../shared/data: Montgomery County PA 9-1-1 calls (Dec 2015 - Aug 2016) and the PennDOT District 6
// camera list (2013). Committed output; rerun only when the sources change.
// Usage: node scripts/derive-montco.mjs [path/to/shared]
//
// Kept per call: the row's line number in the original file (its id at import), lat and lng as
// published, title, timeStamp and township. Dropped: the street address and the free-text
// description (which repeat the address and the dispatching station) and the ZIP code: hot spots
// and evaluations need a point, a time and a type, nothing that reads like a record of a person.
// Kept per camera: PennDOT's id, name, road and position. Dropped: the snapshot URL (never fetched).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { parseCsv } from './csv.mjs';

const shared = resolve(process.argv[2] ?? '../shared');
const out = resolve('data/jurisdictions/montco');
mkdirSync(out, { recursive: true });

const quote = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const line = (values) => values.map((v) => quote(String(v))).join(',');

const calls = parseCsv(readFileSync(join(shared, 'data/cfs/montco_pa_911_2015-12_2016-08.csv'), 'utf8'));
const rows = [line(['id', 'lat', 'lng', 'title', 'timeStamp', 'twp'])];
// Line 1 is the header and the file has no quoted newlines, so row i is on line i + 2.
calls.forEach((c, i) => rows.push(line([i + 2, c.lat, c.lng, c.title, c.timeStamp, c.twp])));
const csv = `${rows.join('\n')}\n`;
writeFileSync(join(out, 'calls.csv.gz'), gzipSync(csv, { level: 9 }));

// Cameras inside the county's box (the montco preset's bounds); the importer further keeps only
// those with calls around them.
const [south, west, north, east] = [39.93, -75.72, 40.46, -74.99];
const cams = parseCsv(readFileSync(join(shared, 'data/cameras_stations/penndot_d6_traffic_cameras_2013.csv'), 'utf8'))
  .map((c) => ({ id: c.id, name: c.name.trim(), road: c.road.trim(), lat: Number(c.lat), lon: Number(c.lng) }))
  .filter((c) => c.lat >= south && c.lat <= north && c.lon >= west && c.lon <= east);
writeFileSync(join(out, 'cameras.csv'), `${[line(['id', 'name', 'detail', 'lat', 'lon']), ...cams.map((c) => line([c.id, c.name, c.road, c.lat, c.lon]))].join('\n')}\n`);

process.stdout.write(`${calls.length} calls (${(csv.length / 1e6).toFixed(1)} MB, gzip ${(gzipSync(csv, { level: 9 }).length / 1e6).toFixed(2)} MB), ${cams.length} cameras in the county's box\n`);
