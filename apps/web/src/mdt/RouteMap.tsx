import { useEffect, useRef } from 'react';
import { Map as MapLibre, type GeoJSONSource } from 'maplibre-gl';
import type { RouteResult } from '@openpsap/contract';
import { api } from '../api/client';
import { baseStyle } from '../map/map-style';

/** The route line from the unit to the incident, on the same base map as the console. */
export function RouteMap({ route, lat, lon }: { route: RouteResult | null; lat: number | null; lon: number | null }) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const loaded = useRef(false);
  // The map's load callback runs later than the render that created it: it must read the latest props.
  const latest = useRef({ route, lat, lon });
  latest.current = { route, lat, lon };

  useEffect(() => {
    let disposed = false;
    void api<{ version: number }>('GET', '/api/v1/jurisdiction').then((j) => {
      if (disposed || !el.current) return;
      const style = baseStyle(`${location.origin}/api/v1/map/tiles/{z}/{x}/{y}?v=${j.version}`);
      style.sources.route = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
      style.layers.push({ id: 'route', type: 'line', source: 'route', paint: { 'line-color': '#4fa3ff', 'line-width': 5, 'line-opacity': 0.85 } });
      const m = new MapLibre({ container: el.current, style, center: [-76.61, 39.29], zoom: 13, attributionControl: false });
      m.on('load', () => {
        loaded.current = true;
        draw();
      });
      // Tiles that fail while the device is offline are fetched again later; nothing to report.
      m.on('error', () => undefined);
      map.current = m;
    });
    return () => {
      disposed = true;
      map.current?.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function draw() {
    const m = map.current;
    if (!m || !loaded.current) return;
    const { route, lat, lon } = latest.current;
    (m.getSource('route') as GeoJSONSource).setData({ type: 'FeatureCollection', features: route ? [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: route.geometry } }] : [] });
    (m.getSource('incidents') as GeoJSONSource).setData({ type: 'FeatureCollection', features: lat !== null && lon !== null ? [{ type: 'Feature', properties: { priority: 1, selected: 1, label: '' }, geometry: { type: 'Point', coordinates: [lon, lat] } }] : [] });
    if (route && route.geometry.length > 1) {
      const xs = route.geometry.map((p) => p[0]);
      const ys = route.geometry.map((p) => p[1]);
      m.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { padding: 30, duration: 0 });
    } else if (lat !== null && lon !== null) m.jumpTo({ center: [lon, lat], zoom: 15 });
  }

  useEffect(draw, [route, lat, lon]);
  return <div ref={el} className="route-map" aria-label="Route to the incident" />;
}
