import { useEffect, useRef, useState } from 'react';
import { Map as MapLibre, NavigationControl, setWorkerUrl, type ExpressionSpecification, type GeoJSONSource, type MapMouseEvent, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { EvaluationSite, HotspotResult } from '@openpsap/contract';
import { api } from '../api/client';
import { baseStyle } from '../map/map-style';
import { CLASS_COLOURS, placeName } from './hotspot-format';

setWorkerUrl(workerUrl);

type FC = GeoJSON.FeatureCollection;
const EMPTY: FC = { type: 'FeatureCollection', features: [] };

/** A circle on the ground as a 64-sided polygon (metres around a point). */
export function circlePolygon(lat: number, lon: number, radiusM: number): GeoJSON.Polygon {
  const ring: [number, number][] = [];
  const dLat = radiusM / 111_320;
  const dLon = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
  for (let i = 0; i <= 64; i++) {
    const a = (i / 64) * 2 * Math.PI;
    ring.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

/** Fill colour by count: one colour per legend class, the busiest class brightest. */
function fillColour(breaks: number[]): ExpressionSpecification | string {
  const colours = CLASS_COLOURS.slice(CLASS_COLOURS.length - Math.max(1, breaks.length));
  if (breaks.length <= 1) return colours[0]!;
  const expr: unknown[] = ['step', ['get', 'count'], colours[0]];
  breaks.slice(0, -1).forEach((b, i) => expr.push(b + 1, colours[i + 1]));
  return expr as ExpressionSpecification;
}

/** Without the centre's street tiles: a plain background, with the empty layer others are placed under. */
function plainStyle(): StyleSpecification {
  return {
    version: 8,
    sources: { incidents: { type: 'geojson', data: EMPTY } },
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': '#0b1016' } },
      { id: 'incidents', type: 'circle', source: 'incidents', paint: { 'circle-radius': 0 } },
    ],
  };
}

/**
 * One label per place named in the result, at its busiest hexagon (features come busiest first):
 * the analyst's bearings where no street map lies under the calls.
 */
function placeLabels(hexes: HotspotResult | null): FC {
  const seen = new Set<string>();
  const features: GeoJSON.Feature[] = [];
  for (const f of hexes?.features ?? []) {
    const name = f.properties.label;
    // A neighbouring county named as the area is a handed-over call, not a place inside the map.
    if (!name || seen.has(name) || /\bcounty$/i.test(name)) continue;
    seen.add(name);
    features.push({ type: 'Feature', properties: { name: placeName(name) }, geometry: { type: 'Point', coordinates: [f.properties.lon, f.properties.lat] } });
  }
  return { type: 'FeatureCollection', features };
}

type Bounds = [[number, number], [number, number]];
function boundsOf(coords: number[][]): Bounds {
  const xs = coords.map((p) => p[0]!);
  const ys = coords.map((p) => p[1]!);
  return [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
}
const overlaps = (a: Bounds, b: Bounds) => a[0][0] <= b[1][0] && b[0][0] <= a[1][0] && a[0][1] <= b[1][1] && b[0][1] <= a[1][1];

export interface MapAreas {
  /** Treated circle and comparison area(s), drawn as outlines. */
  treated: GeoJSON.Polygon | null;
  comparison: GeoJSON.Polygon[];
}

/**
 * The analysis map: our own street tiles (the centre's jurisdiction) under hexagons coloured by
 * calls, the sites an evaluation can centre on, and an evaluation's areas. A dataset from
 * elsewhere has no streets under it; the hexagons and sites still place it.
 */
export function AnalysisMap({ label, hexes, sites, areas, focus, selectedSite, selectedCell, busy, onSelectCell, onSelectSite, onPickPoint }: {
  label: string;
  selectedCell?: string | null;
  busy?: boolean;
  hexes: HotspotResult | null;
  sites: EvaluationSite[];
  areas?: MapAreas | null;
  focus?: { lat: number; lon: number; zoom?: number } | null;
  selectedSite?: string | null;
  onSelectCell?: (cell: string) => void;
  onSelectSite?: (ref: string) => void;
  onPickPoint?: (lat: number, lon: number) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The centre's street map: its name and extent, or null when this server has none. */
  const [streets, setStreets] = useState<{ name: string; bounds: Bounds | null } | null | undefined>(undefined);
  const handlers = useRef({ onSelectCell, onSelectSite, onPickPoint });
  handlers.current = { onSelectCell, onSelectSite, onPickPoint };
  const fittedTo = useRef<string | null>(null);

  useEffect(() => {
    let disposed = false;
    (async () => {
      try {
        // Hot spots need no street map: a server without one (or a dataset from elsewhere) still
        // gets its hexagons, on a plain background with place names from the calls.
        type Jurisdiction = { name: string; version: number; center: { lat: number; lon: number } | null; boundary: GeoJSON.Geometry | null };
        const j = await api<Jurisdiction>('GET', '/api/v1/jurisdiction').catch(() => null);
        if (disposed || !el.current) return;
        const ring = j?.boundary ? (j.boundary.type === 'Polygon' ? j.boundary.coordinates.flat() : j.boundary.type === 'MultiPolygon' ? j.boundary.coordinates.flat(2) : []) : [];
        setStreets(j ? { name: j.name, bounds: ring.length ? boundsOf(ring) : null } : null);
        const m = new MapLibre({
          container: el.current,
          style: j ? baseStyle(`${location.origin}/api/v1/map/tiles/{z}/{x}/{y}?v=${j.version}`) : plainStyle(),
          center: j?.center ? [j.center.lon, j.center.lat] : [-76.61, 39.29],
          zoom: 10,
          attributionControl: { compact: true, customAttribution: j ? `Street data: ${j.name}; hexagons: H3` : 'Hexagons: H3' },
        });
        map.current = m;
        m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
        m.on('load', () => {
          m.addSource('hexes', { type: 'geojson', data: EMPTY });
          m.addSource('areas', { type: 'geojson', data: EMPTY });
          m.addSource('sites', { type: 'geojson', data: EMPTY });
          m.addSource('places', { type: 'geojson', data: EMPTY });
          m.addLayer({ id: 'hexes-fill', type: 'fill', source: 'hexes', paint: { 'fill-color': CLASS_COLOURS[0]!, 'fill-opacity': 0.72 } }, 'incidents');
          m.addLayer({ id: 'hexes-line', type: 'line', source: 'hexes', paint: { 'line-color': '#0b1016', 'line-width': 0.4, 'line-opacity': 0.6 } }, 'incidents');
          m.addLayer({ id: 'hexes-selected', type: 'line', source: 'hexes', filter: ['==', ['get', 'cell'], ''], paint: { 'line-color': '#ffffff', 'line-width': 3 } }, 'incidents');
          m.addLayer({ id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': ['case', ['==', ['get', 'kind'], 'treated'], '#ffffff', '#58a6ff'], 'line-width': 2, 'line-dasharray': [2, 1] } }, 'incidents');
          m.addLayer({
            id: 'sites',
            type: 'circle',
            source: 'sites',
            paint: {
              'circle-radius': ['case', ['==', ['get', 'selected'], 1], 7, 3.5],
              'circle-color': ['case', ['==', ['get', 'selected'], 1], '#ffffff', '#9ecbff'],
              'circle-stroke-color': '#0b1016',
              'circle-stroke-width': 1,
            },
          }, 'incidents');
          m.addLayer({
            id: 'places',
            type: 'symbol',
            source: 'places',
            layout: { 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 12, 'text-padding': 6 },
            paint: { 'text-color': '#e6edf3', 'text-halo-color': '#0b1016', 'text-halo-width': 1.8 },
          });
          setReady(true);
        });
        m.on('click', (e: MapMouseEvent) => {
          const site = m.queryRenderedFeatures(e.point, { layers: ['sites'] })[0];
          if (site && handlers.current.onSelectSite) return handlers.current.onSelectSite(String(site.properties.ref));
          const hex = m.queryRenderedFeatures(e.point, { layers: ['hexes-fill'] })[0];
          if (hex && handlers.current.onSelectCell) return handlers.current.onSelectCell(String(hex.properties.cell));
          handlers.current.onPickPoint?.(e.lngLat.lat, e.lngLat.lng);
        });
        m.on('error', () => undefined);
      } catch (e) {
        setError((e as Error).message);
      }
    })();
    return () => {
      disposed = true;
      map.current?.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!ready || !m) return;
    (m.getSource('hexes') as GeoJSONSource).setData((hexes as unknown as FC) ?? EMPTY);
    (m.getSource('places') as GeoJSONSource).setData(placeLabels(hexes));
    m.setPaintProperty('hexes-fill', 'fill-color', fillColour(hexes?.meta.breaks ?? []));
    if (el.current) el.current.dataset.cells = String(hexes?.features.length ?? 0);
    // Fit once per source, so changing a filter does not move the analyst's view.
    if (hexes && hexes.features.length && fittedTo.current !== hexes.meta.source) {
      fittedTo.current = hexes.meta.source;
      m.fitBounds(boundsOf(hexes.features.flatMap((f) => f.geometry.coordinates[0]!)), { padding: 30, duration: 0 });
    }
  }, [ready, hexes]);

  useEffect(() => {
    const m = map.current;
    if (!ready || !m) return;
    (m.getSource('sites') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: sites.map((s) => ({ type: 'Feature', properties: { ref: s.ref, name: s.name, selected: s.ref === selectedSite ? 1 : 0 }, geometry: { type: 'Point', coordinates: [s.lon, s.lat] } })),
    });
    if (!hexes && sites.length && fittedTo.current !== `sites:${sites[0]!.ref}`) {
      fittedTo.current = `sites:${sites[0]!.ref}`;
      const xs = sites.map((s) => s.lon);
      const ys = sites.map((s) => s.lat);
      m.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { padding: 30, maxZoom: 14, duration: 0 });
    }
  }, [ready, sites, selectedSite, hexes]);

  useEffect(() => {
    const m = map.current;
    if (!ready || !m) return;
    const features: GeoJSON.Feature[] = [];
    if (areas?.treated) features.push({ type: 'Feature', properties: { kind: 'treated' }, geometry: areas.treated });
    for (const c of areas?.comparison ?? []) features.push({ type: 'Feature', properties: { kind: 'comparison' }, geometry: c });
    (m.getSource('areas') as GeoJSONSource).setData({ type: 'FeatureCollection', features });
  }, [ready, areas]);

  useEffect(() => {
    if (ready) map.current?.setFilter('hexes-selected', ['==', ['get', 'cell'], selectedCell ?? '']);
  }, [ready, selectedCell]);

  useEffect(() => {
    if (ready && focus) map.current?.easeTo({ center: [focus.lon, focus.lat], zoom: focus.zoom ?? Math.max(map.current.getZoom(), 13), duration: 400 });
  }, [ready, focus]);

  // Say why there are no streets under the hexagons, so a blank background is not taken for a fault.
  const placed = hexes?.features.length ? boundsOf(hexes.features.map((f) => [f.properties.lon, f.properties.lat])) : sites.length ? boundsOf(sites.map((s) => [s.lon, s.lat])) : null;
  const what = hexes?.features.length ? 'These calls lie' : 'These sites lie';
  const after = hexes?.features.length ? ': place names come from the calls.' : '.';
  const note = streets === null
    ? `No street map on this server${after}`
    : streets && placed && streets.bounds && !overlaps(placed, streets.bounds)
      ? `${what} outside ${streets.name}'s street map${after}`
      : null;
  return (
    <section className="panel map analysis-map" aria-label={label} aria-busy={busy || undefined}>
      {error && <p role="alert" className="error">Map unavailable: {error}</p>}
      <div ref={el} className="map-canvas" data-ready={ready ? 'true' : 'false'} />
      {note && <p className="analysis-map-note small">{note}</p>}
      {areas?.treated && (
        <p className="analysis-map-key small">
          <span className="key-treated" aria-hidden="true" /> near the site <span className="key-comparison" aria-hidden="true" /> comparison area
        </p>
      )}
      {busy && <p className="analysis-map-busy" role="status">Counting calls…</p>}
    </section>
  );
}
