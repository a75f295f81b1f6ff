import { useEffect, useRef, useState } from 'react';
import { Map as MapLibre, NavigationControl, setWorkerUrl, type GeoJSONSource, type MapMouseEvent } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { IncidentSummary, RtccCamera } from '@openpsap/contract';
import { api } from '../api/client';
import { baseStyle } from '../map/map-style';

setWorkerUrl(workerUrl);

type FC = GeoJSON.FeatureCollection;

/** Colour of a camera by what may be done with it: city cameras, private with live consent, private without. */
function cameraColour(c: RtccCamera): string {
  if (c.ownerKind === 'city') return '#58a6ff';
  return c.consent === 'live' ? '#3fb950' : '#8b949e';
}

function sectorsGeoJson(cameras: RtccCamera[], seeing: Set<number>): FC {
  return {
    type: 'FeatureCollection',
    features: cameras.map((c) => ({ type: 'Feature', properties: { id: c.id, colour: cameraColour(c), seeing: seeing.has(c.id) ? 1 : 0 }, geometry: { type: 'Polygon', coordinates: [c.sector] } })),
  };
}

function camerasGeoJson(cameras: RtccCamera[], selectedId: number | null): FC {
  return {
    type: 'FeatureCollection',
    features: cameras.map((c) => ({
      type: 'Feature',
      properties: { id: c.id, label: c.name, colour: cameraColour(c), relayed: c.relayed ? 1 : 0, selected: c.id === selectedId ? 1 : 0, offline: c.health === 'offline' ? 1 : 0 },
      geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
    })),
  };
}

/**
 * The RTCC map: our own street tiles, every camera with the wedge it sees (green: private with
 * live consent, blue: the city's, grey: private without live consent; brighter when it sees the
 * selected incident), cameras being relayed ringed in red, and the selected incident.
 */
export function RtccMap({ cameras, incident, seeing, selectedCameraId, active, onSelectCamera }: {
  cameras: RtccCamera[];
  incident: IncidentSummary | null;
  seeing: Set<number>;
  selectedCameraId: number | null;
  active: boolean;
  onSelectCamera: (id: number) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSelect = useRef(onSelectCamera);
  onSelect.current = onSelectCamera;
  const fitted = useRef(false);

  useEffect(() => {
    let disposed = false;
    (async () => {
      try {
        const j = await api<{ version: number; center: { lat: number; lon: number } | null }>('GET', '/api/v1/jurisdiction');
        if (disposed || !el.current) return;
        const m = new MapLibre({
          container: el.current,
          style: baseStyle(`${location.origin}/api/v1/map/tiles/{z}/{x}/{y}?v=${j.version}`),
          center: j.center ? [j.center.lon, j.center.lat] : [-76.61, 39.29],
          zoom: 12,
          attributionControl: { compact: true, customAttribution: 'Street data: Baltimore City; (c) OpenStreetMap contributors where used' },
        });
        map.current = m;
        m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
        m.on('load', () => {
          const empty: FC = { type: 'FeatureCollection', features: [] };
          m.addSource('cam-sectors', { type: 'geojson', data: empty });
          m.addSource('cams', { type: 'geojson', data: empty });
          m.addLayer({ id: 'cam-sectors-fill', type: 'fill', source: 'cam-sectors', paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': ['case', ['==', ['get', 'seeing'], 1], 0.32, 0.12] } }, 'incidents');
          m.addLayer({ id: 'cam-sectors-line', type: 'line', source: 'cam-sectors', paint: { 'line-color': ['get', 'colour'], 'line-opacity': 0.7, 'line-width': ['case', ['==', ['get', 'seeing'], 1], 1.6, 0.7] } }, 'incidents');
          m.addLayer({
            id: 'cams',
            type: 'circle',
            source: 'cams',
            paint: {
              'circle-radius': ['case', ['==', ['get', 'selected'], 1], 8, 5],
              'circle-color': ['get', 'colour'],
              'circle-stroke-color': ['case', ['==', ['get', 'relayed'], 1], '#ff5a5a', ['==', ['get', 'selected'], 1], '#ffffff', '#0b1016'],
              'circle-stroke-width': ['case', ['==', ['get', 'relayed'], 1], 3, ['==', ['get', 'selected'], 1], 2, 1],
              'circle-opacity': ['case', ['==', ['get', 'offline'], 1], 0.45, 1],
            },
          }, 'incidents');
          m.addLayer({
            id: 'cam-labels',
            type: 'symbol',
            source: 'cams',
            minzoom: 15,
            layout: { 'text-field': ['get', 'label'], 'text-font': ['sans-serif'], 'text-size': 10, 'text-offset': [0, 1.1], 'text-anchor': 'top' },
            paint: { 'text-color': '#e6edf3', 'text-halo-color': '#0b1016', 'text-halo-width': 1.5 },
          });
          setReady(true);
        });
        m.on('click', (e: MapMouseEvent) => {
          const hit = m.queryRenderedFeatures(e.point, { layers: ['cams'] })[0];
          if (hit) onSelect.current(Number(hit.properties.id));
        });
        m.on('mouseenter', 'cams', () => (m.getCanvas().style.cursor = 'pointer'));
        m.on('mouseleave', 'cams', () => (m.getCanvas().style.cursor = ''));
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

  // Drawn while hidden (another screen), the canvas has no size: measure again when shown.
  useEffect(() => {
    if (active) map.current?.resize();
  }, [active]);

  useEffect(() => {
    if (!ready || !map.current) return;
    (map.current.getSource('cam-sectors') as GeoJSONSource).setData(sectorsGeoJson(cameras, seeing));
    (map.current.getSource('cams') as GeoJSONSource).setData(camerasGeoJson(cameras, selectedCameraId));
    if (el.current) el.current.dataset.cameras = String(cameras.length);
    if (!fitted.current && cameras.length) {
      fitted.current = true;
      const xs = cameras.map((c) => c.lon);
      const ys = cameras.map((c) => c.lat);
      map.current.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { padding: 40, maxZoom: 16, duration: 0 });
    }
  }, [ready, cameras, seeing, selectedCameraId]);

  useEffect(() => {
    if (!ready || !map.current) return;
    const has = incident && incident.location.lat !== null && incident.location.lon !== null;
    (map.current.getSource('incidents') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: has ? [{ type: 'Feature', properties: { id: incident.id, label: `${incident.number.slice(5)} ${incident.type}`, priority: incident.priority, selected: 1 }, geometry: { type: 'Point', coordinates: [incident.location.lon!, incident.location.lat!] } }] : [],
    });
    if (has) map.current.easeTo({ center: [incident.location.lon!, incident.location.lat!], zoom: Math.max(map.current.getZoom(), 16), duration: 400 });
  }, [ready, incident]);

  return (
    <section className="panel map rtcc-map" aria-label="Camera map">
      {error && <p role="alert" className="error">Map unavailable: {error}</p>}
      <div ref={el} className="map-canvas" data-ready={ready ? 'true' : 'false'} />
    </section>
  );
}
