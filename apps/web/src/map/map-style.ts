import type { StyleSpecification } from 'maplibre-gl';

/** Unit colours by status, the same on the map as on the board (see styles.css). */
export const STATUS_COLOURS: Record<string, string> = {
  InService: '#3fb950',
  Cleared: '#3fb950',
  Station: '#3fb950',
  Dispatched: '#d9a520',
  AcknowledgedTransmission: '#d9a520',
  EnRoute: '#f0883e',
  OnScene: '#f85149',
  PatientContact: '#f85149',
  Transporting: '#bc8cff',
  Hospital: '#bc8cff',
  OutofService: '#6e7681',
  default: '#8b949e',
};

const PRIORITY_COLOURS = ['match', ['get', 'priority'], 1, '#ff5a5a', 2, '#ff9f43', 3, '#ffd43b', 4, '#74c0fc', '#adb5bd'] as unknown as string;

/**
 * A dark, quiet base map drawn from our own vector tiles (no tile server, no internet): streets by
 * class, police districts, the city boundary. No glyph server either: labels use the browser's
 * fonts (MapLibre renders them locally when the style names no glyph URL).
 */
export function baseStyle(tileUrl: string): StyleSpecification {
  const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };
  return {
    version: 8,
    sources: {
      city: { type: 'vector', tiles: [tileUrl], minzoom: 0, maxzoom: 16 },
      stations: empty,
      incidents: empty,
      units: empty,
      pick: empty,
    },
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': '#0b1016' } },
      { id: 'districts-fill', type: 'fill', source: 'city', 'source-layer': 'zones', filter: ['==', ['get', 'set'], 'police-district'], paint: { 'fill-color': '#1f6feb', 'fill-opacity': 0.04 } },
      { id: 'districts-line', type: 'line', source: 'city', 'source-layer': 'zones', filter: ['==', ['get', 'set'], 'police-district'], paint: { 'line-color': '#388bfd', 'line-opacity': 0.55, 'line-width': 1.2, 'line-dasharray': [3, 2] } },
      { id: 'boundary', type: 'line', source: 'city', 'source-layer': 'boundary', paint: { 'line-color': '#8b949e', 'line-width': 1.5 } },
      { id: 'streets-alley', type: 'line', source: 'city', 'source-layer': 'streets', minzoom: 14, filter: ['==', ['get', 'c'], 'alley'], paint: { 'line-color': '#2d333b', 'line-width': 0.6 } },
      { id: 'streets-local', type: 'line', source: 'city', 'source-layer': 'streets', filter: ['==', ['get', 'c'], 'local'], paint: { 'line-color': '#3d444d', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.4, 16, 3] } },
      { id: 'streets-arterial', type: 'line', source: 'city', 'source-layer': 'streets', filter: ['==', ['get', 'c'], 'arterial'], paint: { 'line-color': '#6e7681', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.9, 16, 5] } },
      { id: 'streets-highway', type: 'line', source: 'city', 'source-layer': 'streets', filter: ['in', ['get', 'c'], ['literal', ['highway', 'ramp']]], paint: { 'line-color': '#9e7b3b', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.2, 16, 6] } },
      {
        id: 'street-labels',
        type: 'symbol',
        source: 'city',
        'source-layer': 'streets',
        minzoom: 15,
        filter: ['!=', ['get', 'c'], 'alley'],
        layout: { 'symbol-placement': 'line', 'text-field': ['get', 'n'], 'text-font': ['sans-serif'], 'text-size': 11 },
        paint: { 'text-color': '#9aa7b4', 'text-halo-color': '#0b1016', 'text-halo-width': 1.5 },
      },
      { id: 'stations', type: 'circle', source: 'stations', paint: { 'circle-radius': 3, 'circle-color': '#0b1016', 'circle-stroke-color': '#9aa7b4', 'circle-stroke-width': 1.2 } },
      { id: 'pick', type: 'circle', source: 'pick', paint: { 'circle-radius': 9, 'circle-color': 'rgba(79,163,255,0.25)', 'circle-stroke-color': '#4fa3ff', 'circle-stroke-width': 2 } },
      {
        id: 'units',
        type: 'circle',
        source: 'units',
        paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 3, 15, 6], 'circle-color': ['get', 'colour'], 'circle-stroke-color': '#0b1016', 'circle-stroke-width': 1 },
      },
      {
        id: 'unit-labels',
        type: 'symbol',
        source: 'units',
        minzoom: 13,
        layout: { 'text-field': ['get', 'label'], 'text-font': ['sans-serif'], 'text-size': 10, 'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-allow-overlap': false },
        paint: { 'text-color': '#e6edf3', 'text-halo-color': '#0b1016', 'text-halo-width': 1.5 },
      },
      {
        id: 'incidents',
        type: 'circle',
        source: 'incidents',
        paint: {
          'circle-radius': ['case', ['==', ['get', 'selected'], 1], 11, 8],
          'circle-color': PRIORITY_COLOURS,
          'circle-stroke-color': ['case', ['==', ['get', 'selected'], 1], '#ffffff', '#0b1016'],
          'circle-stroke-width': ['case', ['==', ['get', 'selected'], 1], 3, 1.5],
        },
      },
      {
        id: 'incident-labels',
        type: 'symbol',
        source: 'incidents',
        layout: { 'text-field': ['get', 'label'], 'text-font': ['sans-serif'], 'text-size': 12, 'text-offset': [0, -1.4], 'text-anchor': 'bottom', 'text-allow-overlap': true },
        paint: { 'text-color': '#ffffff', 'text-halo-color': '#0b1016', 'text-halo-width': 2 },
      },
    ],
  };
}
