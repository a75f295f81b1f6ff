#!/usr/bin/env node
// Derives the demo jurisdiction's stations and roster (data/jurisdictions/baltimore/*.json) from
// Open Baltimore files in ../shared/data/baltimore. Committed output; rerun only when sources change.
// Usage: node scripts/derive-baltimore.mjs [path/to/shared]
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { parseCsv } from './csv.mjs';

const shared = resolve(process.argv[2] ?? '../shared');
const src = join(shared, 'data/baltimore');
const out = resolve('data/jurisdictions/baltimore');

const districts = JSON.parse(readFileSync(join(src, 'baltimore_police_districts_2023.geojson'), 'utf8')).features.map((f) => f.properties);
const abbByName = new Map(districts.map((d) => [d.name.toUpperCase(), d.name_abb]));

const stations = [];
for (const r of parseCsv(readFileSync(join(src, 'baltimore_police_stations.csv'), 'utf8'))) {
  const m = /\(([-\d.]+),\s*([-\d.]+)\)/.exec(r['Location 1']);
  const isHq = r.type === 'Headquarters';
  stations.push({
    agency: 'BPD',
    code: isHq ? 'HQ' : abbByName.get(r.name.toUpperCase()),
    name: isHq ? 'Police Headquarters' : `${r.name} District Station`,
    district: r.policeDistrict,
    address: null,
    lat: m ? Number(m[1]) : null,
    lon: m ? Number(m[2]) : null,
  });
}

// Company names in the file, e.g. "E-45 T-27 M-14", "E-43 M-18, BC-4", "FB-1 FRB-1".
const TYPE_BY_PREFIX = { E: 'engine', T: 'truck', M: 'medic', BC: 'battalion', R: 'rescue', FB: 'boat', FRB: 'boat', HAZMAT: 'hazmat', AF: 'other' };
const CAPS_BY_TYPE = { engine: ['EMT', 'BLS'], truck: ['AERIAL', 'TECHRESCUE'], medic: ['ALS'], battalion: ['SUPERVISOR'], rescue: ['TECHRESCUE'], boat: ['WATER'], hazmat: ['HAZMAT'], other: [] };
const units = [];
const seen = new Set();
for (const r of parseCsv(readFileSync(join(src, 'baltimore_fire_stations_addresses.csv'), 'utf8'))) {
  const companies = r.name.split(/[\s,]+/).filter((t) => /^[A-Za-z]+-\d+$/.test(t));
  if (companies.length === 0) continue; // headquarters and communications are not fire stations
  const address = r['Location 1'].split('\n')[0].trim();
  const code = companies[0].toUpperCase();
  stations.push({ agency: 'BCFD', code, name: `Fire Station ${companies.join(' ')}`, district: r.policeDistrict, neighborhood: r.neighborhood, address: `${address}, Baltimore, MD ${r.zipCode}`, lat: null, lon: null });
  for (const c of companies) {
    const callSign = c.toUpperCase();
    if (seen.has(callSign)) continue; // BC-6 is listed at two stations; it has one home
    seen.add(callSign);
    const type = TYPE_BY_PREFIX[callSign.split('-')[0]] ?? 'other';
    units.push({ callSign, agency: 'BCFD', type, capabilities: CAPS_BY_TYPE[type], station: code });
  }
}

for (const d of districts) {
  const station = d.name_abb;
  for (const sector of [1, 2, 3]) {
    for (const post of [1, 2]) {
      // One CIT-trained officer per sector, as crisis calls need one on scene.
      units.push({ callSign: `${d.name_abb}-${sector}${post}`, agency: 'BPD', type: 'patrol', capabilities: post === 1 ? ['CIT'] : [], station });
    }
  }
  units.push({ callSign: `${d.name_abb}-S1`, agency: 'BPD', type: 'sergeant', capabilities: ['SUPERVISOR', 'CIT'], station });
}
for (const n of [1, 2]) units.push({ callSign: `K9-${n}`, agency: 'BPD', type: 'k9', capabilities: ['K9'], station: 'HQ' });

const note = 'Derived by scripts/derive-baltimore.mjs from Open Baltimore data (see ATTRIBUTION.md).';
// One record per line: small diffs when a source changes, and still plain JSON.
const lines = (key, rows) => `{\n "note": ${JSON.stringify(note)},\n "${key}": [\n${rows.map((r) => '  ' + JSON.stringify(r)).join(',\n')}\n ]\n}\n`;
writeFileSync(join(out, 'stations.json'), lines('stations', stations));
writeFileSync(join(out, 'roster.json'), lines('units', units));
console.log(`stations ${stations.length}, units ${units.length} (BPD ${units.filter((u) => u.agency === 'BPD').length}, BCFD ${units.filter((u) => u.agency === 'BCFD').length})`);

// Streets, boundary and police districts: the same GeoJSON shape as the city's files (so the
// ordinary importers read them), keeping only the fields the centre uses, coordinates rounded to
// 1e-7 degrees (about 1 cm, the precision the city publishes), gzip-compressed.
const round7 = (x) => Math.round(x * 1e7) / 1e7;
function roundCoords(c) {
  if (typeof c[0] === "number") return [round7(c[0]), round7(c[1])];
  const out = c.map(roundCoords);
  // Rounding can make neighbours equal; drop the repeats (rings keep their closing point).
  return typeof out[0][0] === 'number' ? out.filter((p, i) => i === 0 || i === out.length - 1 || p[0] !== out[i - 1][0] || p[1] !== out[i - 1][1]) : out;
}
const KEEP = ['dirpre', 'feanme', 'featype', 'dirsuf', 'fraddl', 'toaddl', 'fraddr', 'toaddr', 'leftzip', 'rightzip', 'subtype_label', 'sha_class'];
function writeGeoJsonGz(name, fc, keep) {
  const features = fc.features.map((f) => ({
    type: 'Feature',
    properties: keep ? Object.fromEntries(keep.filter((k) => f.properties[k] !== undefined && f.properties[k] !== '' && f.properties[k] !== null).map((k) => [k, f.properties[k]])) : f.properties,
    geometry: f.geometry ? { type: f.geometry.type, coordinates: roundCoords(f.geometry.coordinates) } : null,
  }));
  const text = `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  const gz = gzipSync(text, { level: 9 });
  writeFileSync(join(out, name), gz);
  return { features: features.length, bytes: gz.length };
}
const streets = writeGeoJsonGz('streets.geojson.gz', JSON.parse(readFileSync(join(src, 'baltimore_streets.geojson'), 'utf8')), KEEP);
const districtsOut = writeGeoJsonGz('police-districts.geojson.gz', JSON.parse(readFileSync(join(src, 'baltimore_police_districts_2023.geojson'), 'utf8')), null);
const boundary = writeGeoJsonGz('boundary.geojson.gz', JSON.parse(readFileSync(join(src, 'baltimore_city_boundary.geojson'), 'utf8')), null);
console.log(`streets ${streets.features} (${(streets.bytes / 1e6).toFixed(2)} MB), police districts ${districtsOut.features} (${(districtsOut.bytes / 1e3).toFixed(0)} kB), boundary ${boundary.features} (${(boundary.bytes / 1e3).toFixed(0)} kB)`);
