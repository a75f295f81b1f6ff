import { useEffect, useRef } from 'react';
import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import type { Ng911Call } from '@openpsap/contract';
import { KIND_LABEL, shapeGeometry } from './shape-geometry';

const SOURCE = 'ng911-locations';
const LABEL_BELOW = 'incidents';
const KIND_COLOURS: Record<string, string> = { device: '#58a6ff', update: '#d9a520', supplemental: '#bc8cff' };
const colourByKind = ['match', ['get', 'kind'], ...Object.entries(KIND_COLOURS).flat(), '#58a6ff'] as unknown as string;

export interface Ng911MapInput {
  calls: Map<number, Ng911Call>;
  selectedCallId: number | null;
}

function toMapData({ calls, selectedCallId }: Ng911MapInput): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const c of calls.values()) {
    for (const l of c.locations) {
      const g = shapeGeometry(l.shape, l.uncertaintyM);
      if (!g) continue;
      const props = { callId: c.callId, kind: l.kind, selected: c.callId === selectedCallId ? 1 : 0, label: `Call ${c.callId} · ${l.label ?? KIND_LABEL[l.kind]}` };
      features.push({ type: 'Feature', properties: { ...props, role: g.type === 'Point' ? 'point' : 'area' }, geometry: g });
      if (l.lat !== null && l.lon !== null) features.push({ type: 'Feature', properties: { ...props, role: 'pin' }, geometry: { type: 'Point', coordinates: [l.lon, l.lat] } });
    }
  }
  return { type: 'FeatureCollection', features };
}

function addLayers(m: MapLibre): void {
  if (m.getSource(SOURCE)) return;
  m.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const below = m.getLayer(LABEL_BELOW) ? LABEL_BELOW : undefined;
  const area = ['==', ['get', 'role'], 'area'] as const;
  m.addLayer({ id: 'ng911-fill', type: 'fill', source: SOURCE, filter: area as never, paint: { 'fill-color': colourByKind, 'fill-opacity': ['case', ['==', ['get', 'selected'], 1], 0.22, 0.08] } }, below);
  m.addLayer({ id: 'ng911-line', type: 'line', source: SOURCE, filter: area as never, paint: { 'line-color': colourByKind, 'line-width': ['case', ['==', ['get', 'selected'], 1], 2.5, 1.2], 'line-dasharray': [3, 1.5] } }, below);
  m.addLayer({
    id: 'ng911-pin', type: 'circle', source: SOURCE, filter: ['any', ['==', ['get', 'role'], 'pin'], ['==', ['get', 'role'], 'point']] as never,
    paint: { 'circle-radius': ['case', ['==', ['get', 'selected'], 1], 6, 4], 'circle-color': colourByKind, 'circle-stroke-color': '#0b1016', 'circle-stroke-width': 1.5 },
  }, below);
  m.addLayer({
    id: 'ng911-label', type: 'symbol', source: SOURCE, filter: ['all', ['==', ['get', 'selected'], 1], ['any', ['==', ['get', 'role'], 'pin'], ['==', ['get', 'role'], 'point']]] as never,
    layout: { 'text-field': ['get', 'label'], 'text-font': ['sans-serif'], 'text-size': 12, 'text-offset': [0, 1.2], 'text-anchor': 'top' },
    paint: { 'text-color': colourByKind, 'text-halo-color': '#0b1016', 'text-halo-width': 1.5 },
  });
}

/**
 * Draws where NG9-1-1 callers are: each reported shape as the area it covers (circle, ellipse,
 * arc band, polygon; a point with its uncertainty), coloured by kind so a device location, an
 * update and a supplemental fix are never mistaken for one another; the selected call's labelled.
 */
export function useNg911MapLayer(map: MapLibre | null, ready: boolean, input: Ng911MapInput | undefined): void {
  const flown = useRef<number | null>(null);
  useEffect(() => {
    if (!ready || !map || !input) return;
    addLayers(map);
    const data = toMapData(input);
    (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData(data);
    map.getContainer().dataset.ng911Shapes = String(data.features.filter((f) => f.properties?.['role'] !== 'pin').length);
    const sel = input.selectedCallId !== null ? input.calls.get(input.selectedCallId) : undefined;
    if (sel && flown.current !== sel.callId) {
      const pts = data.features.filter((f) => f.properties?.['callId'] === sel.callId).flatMap((f) => coords(f.geometry));
      if (pts.length) {
        flown.current = sel.callId;
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        map.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { padding: 60, maxZoom: 16, duration: 400 });
      }
    }
    if (!sel) flown.current = null;
  }, [map, ready, input]);
}

function coords(g: GeoJSON.Geometry): [number, number][] {
  if (g.type === 'Point') return [g.coordinates as [number, number]];
  if (g.type === 'Polygon') return g.coordinates[0] as [number, number][];
  return [];
}
