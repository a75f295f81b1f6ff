import { useEffect } from 'react';
import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import { ApiError } from '../api/client';
import { loadActiveOutsideAlerts, onOutsideAlertsChanged, OUTSIDE_ALERTS_REFRESH_MS, SEVERITY_COLOURS, type OutsideAlertFeature } from '../outside-alerts/outside-alerts-api';

const SOURCE = 'outside-alerts';
const BELOW = 'stations';
// The name above unit dots (which would cut letters out of it), under incidents.
const LABEL_BELOW = 'incidents';
const colourBySeverity = ['match', ['get', 'severity'], ...Object.entries(SEVERITY_COLOURS).filter(([k]) => k !== 'Unknown').flat(), SEVERITY_COLOURS.Unknown] as unknown as string;

/** A label point inside the box of the first ring: one label per alert rather than one per tile. */
function labelPoint(g: NonNullable<OutsideAlertFeature['geometry']>): [number, number] {
  const ring = g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates[0]![0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

function toMapData(features: OutsideAlertFeature[]): GeoJSON.FeatureCollection {
  const out: GeoJSON.Feature[] = [];
  for (const f of features) {
    if (!f.geometry) continue;
    const props = { id: f.id, event: f.properties.event, severity: f.properties.severity };
    out.push({ type: 'Feature', properties: { ...props, role: 'area' }, geometry: f.geometry });
    out.push({ type: 'Feature', properties: { ...props, role: 'label' }, geometry: { type: 'Point', coordinates: labelPoint(f.geometry) } });
  }
  return { type: 'FeatureCollection', features: out };
}

function addLayers(m: MapLibre): void {
  if (m.getSource(SOURCE)) return;
  m.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const before = m.getLayer(BELOW) ? BELOW : undefined;
  // Beneath stations, units and incidents: the warning is context, not something to click.
  m.addLayer({ id: 'outside-alerts-fill', type: 'fill', source: SOURCE, filter: ['==', ['get', 'role'], 'area'], paint: { 'fill-color': colourBySeverity, 'fill-opacity': 0.08 } }, before);
  m.addLayer({ id: 'outside-alerts-line', type: 'line', source: SOURCE, filter: ['==', ['get', 'role'], 'area'], paint: { 'line-color': colourBySeverity, 'line-width': 1.6, 'line-opacity': 0.85, 'line-dasharray': [4, 2] } }, before);
  m.addLayer({
    id: 'outside-alerts-label',
    type: 'symbol',
    source: SOURCE,
    filter: ['==', ['get', 'role'], 'label'],
    layout: { 'text-field': ['get', 'event'], 'text-font': ['sans-serif'], 'text-size': 12, 'text-allow-overlap': false },
    paint: { 'text-color': colourBySeverity, 'text-halo-color': '#0b1016', 'text-halo-width': 1.5 },
  }, m.getLayer(LABEL_BELOW) ? LABEL_BELOW : undefined);
}

/**
 * Draws the active alerts received from other senders (weather warnings and the like) on the live
 * map: a faint fill and a dashed outline coloured by severity, with the event's name. Re-read on an
 * interval; the container's data-outside-alerts says how many are drawn.
 */
export function useOutsideAlertsLayer(map: MapLibre | null, ready: boolean): void {
  useEffect(() => {
    if (!ready || !map) return;
    let stopped = false;
    addLayers(map);
    const refresh = async () => {
      try {
        const fc = await loadActiveOutsideAlerts();
        if (stopped) return;
        (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData(toMapData(fc.features));
        map.getContainer().dataset.outsideAlerts = String(fc.features.filter((f) => f.geometry).length);
      } catch (e) {
        // A network hiccup: the next round tries again. A role without access: stop asking.
        if (e instanceof ApiError && e.status === 403) clearInterval(t);
      }
    };
    void refresh();
    const t = setInterval(() => void refresh(), OUTSIDE_ALERTS_REFRESH_MS);
    const off = onOutsideAlertsChanged(() => void refresh());
    return () => {
      stopped = true;
      clearInterval(t);
      off();
    };
  }, [map, ready]);
}
