import { useEffect, useRef, useState } from 'react';
import { Map as MapLibre, NavigationControl, setWorkerUrl, type GeoJSONSource, type MapMouseEvent } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { IncidentSummary, Unit } from '@openpsap/contract';
import { api } from '../api/client';
import { baseStyle, STATUS_COLOURS } from './map-style';
import { useOutsideAlertsLayer } from './outside-alerts-layer';
import { useNg911MapLayer, type Ng911MapInput } from '../ng911/ng911-map-layer';

setWorkerUrl(workerUrl);

interface Jurisdiction {
  name: string;
  version: number;
  center: { lat: number; lon: number } | null;
  boundary: { type: string; coordinates: number[][][][] } | null;
}

interface Station {
  code: string;
  name: string;
  agency: string;
  lat: number | null;
  lon: number | null;
}

type FC = GeoJSON.FeatureCollection;

/** Units at one station would be drawn on top of each other; spread them on a small ring. */
function unitPoint(u: Unit, indexAtStation: number): [number, number] | null {
  if (u.position) return [u.position.lon, u.position.lat];
  if (!u.homeStationPosition) return null;
  const r = indexAtStation === 0 ? 0 : 0.00018;
  const a = (indexAtStation * 2 * Math.PI) / 6;
  return [u.homeStationPosition.lon + r * Math.cos(a) * 1.3, u.homeStationPosition.lat + r * Math.sin(a)];
}

function unitsGeoJson(units: Map<number, Unit>): FC {
  const perStation = new Map<string, number>();
  const features: GeoJSON.Feature[] = [];
  for (const u of [...units.values()].sort((a, b) => a.callSign.localeCompare(b.callSign, undefined, { numeric: true }))) {
    const key = u.homeStationCode ?? '';
    const n = u.position ? 0 : perStation.get(key) ?? 0;
    if (!u.position) perStation.set(key, n + 1);
    const p = unitPoint(u, n);
    if (!p) continue;
    features.push({ type: 'Feature', properties: { id: u.id, label: u.callSign, colour: STATUS_COLOURS[u.status] ?? STATUS_COLOURS.default, avl: u.position ? 1 : 0 }, geometry: { type: 'Point', coordinates: p } });
  }
  return { type: 'FeatureCollection', features };
}

function incidentsGeoJson(incidents: Map<number, IncidentSummary>, selectedId: number | null): FC {
  return {
    type: 'FeatureCollection',
    features: [...incidents.values()]
      .filter((i) => i.location.lat !== null && i.location.lon !== null)
      .map((i) => ({ type: 'Feature', properties: { id: i.id, label: `${i.number.slice(5)} ${i.type}`, priority: i.priority, selected: i.id === selectedId ? 1 : 0, pending: i.status === 'Pending' ? 1 : 0 }, geometry: { type: 'Point', coordinates: [i.location.lon!, i.location.lat!] } })),
  };
}

/**
 * The live map: the jurisdiction's streets and districts as vector tiles from our own server,
 * stations, incidents by priority and units by status (AVL position, else their station).
 * A click on an incident selects it; a click elsewhere sets the location of the call being taken.
 */
export function MapPanel({ incidents, units, selectedId, pick, onSelectIncident, onPickPoint, ng911 }: {
  incidents: Map<number, IncidentSummary>;
  units: Map<number, Unit>;
  selectedId: number | null;
  pick: { lat: number; lon: number } | null;
  onSelectIncident: (id: number) => void;
  onPickPoint: (lat: number, lon: number) => void;
  /** NG9-1-1 callers' location shapes (device, updates, supplemental). */
  ng911?: Ng911MapInput;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const handlers = useRef({ onSelectIncident, onPickPoint });
  handlers.current = { onSelectIncident, onPickPoint };

  useEffect(() => {
    let disposed = false;
    (async () => {
      try {
        const [j, stations] = await Promise.all([api<Jurisdiction>('GET', '/api/v1/jurisdiction'), api<Station[]>('GET', '/api/v1/stations')]);
        if (disposed || !el.current) return;
        const m = new MapLibre({
          container: el.current,
          style: baseStyle(`${location.origin}/api/v1/map/tiles/{z}/{x}/{y}?v=${j.version}`),
          center: j.center ? [j.center.lon, j.center.lat] : [-76.61, 39.29],
          zoom: 11.5,
          attributionControl: { compact: true, customAttribution: 'Street data: Baltimore City; (c) OpenStreetMap contributors where used' },
        });
        map.current = m;
        m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
        m.on('load', () => {
          (m.getSource('stations') as GeoJSONSource).setData({
            type: 'FeatureCollection',
            features: stations.filter((s) => s.lat !== null).map((s) => ({ type: 'Feature', properties: { label: s.code, agency: s.agency }, geometry: { type: 'Point', coordinates: [s.lon!, s.lat!] } })),
          });
          if (j.boundary) {
            const pts = j.boundary.coordinates.flatMap((poly) => poly[0] ?? []);
            const xs = pts.map((p) => p[0]!);
            const ys = pts.map((p) => p[1]!);
            m.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { padding: 20, duration: 0 });
          }
          setReady(true);
        });
        m.on('click', (e: MapMouseEvent) => {
          const hit = m.queryRenderedFeatures(e.point, { layers: ['incidents'] })[0];
          if (hit) handlers.current.onSelectIncident(Number(hit.properties.id));
          else handlers.current.onPickPoint(e.lngLat.lat, e.lngLat.lng);
        });
        // A tile that fails to load (network hiccup) is retried by the map; the connection banner
        // already tells the dispatcher the network is down.
        m.on('error', () => undefined);
        m.on('mouseenter', 'incidents', () => (m.getCanvas().style.cursor = 'pointer'));
        m.on('mouseleave', 'incidents', () => (m.getCanvas().style.cursor = ''));
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

  useOutsideAlertsLayer(ready ? map.current : null, ready);
  useNg911MapLayer(ready ? map.current : null, ready, ng911);

  useEffect(() => {
    if (!ready) return;
    (map.current?.getSource('units') as GeoJSONSource | undefined)?.setData(unitsGeoJson(units));
    if (el.current) el.current.dataset.units = String(units.size);
  }, [ready, units]);

  useEffect(() => {
    if (!ready) return;
    (map.current?.getSource('incidents') as GeoJSONSource | undefined)?.setData(incidentsGeoJson(incidents, selectedId));
  }, [ready, incidents, selectedId]);

  useEffect(() => {
    if (!ready || !map.current) return;
    (map.current.getSource('pick') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: pick ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [pick.lon, pick.lat] } }] : [] });
    if (pick) map.current.easeTo({ center: [pick.lon, pick.lat], zoom: Math.max(map.current.getZoom(), 15), duration: 400 });
  }, [ready, pick]);

  useEffect(() => {
    if (!ready || !map.current || selectedId === null) return;
    const i = incidents.get(selectedId);
    if (i?.location.lat != null && i.location.lon != null) map.current.easeTo({ center: [i.location.lon, i.location.lat], zoom: Math.max(map.current.getZoom(), 14), duration: 400 });
    // Only when the selection changes, not on every update of the incident.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, selectedId]);

  return (
    <section className="panel map" aria-label="Map">
      {error && <p role="alert" className="error">Map unavailable: {error}</p>}
      <div ref={el} className="map-canvas" data-ready={ready ? 'true' : 'false'} />
    </section>
  );
}
