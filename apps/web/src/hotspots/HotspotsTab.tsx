import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AnalysisSource, EvaluationSite, HotspotResult } from '@openpsap/contract';
import { ApiError } from '../api/client';
import type { RtccTabProps } from '../rtcc/rtcc-tabs';
import { AnalysisMap } from './AnalysisMap';
import { CallFilterFields } from './CallFilterFields';
import { HourOfWeekGrid } from './HourOfWeekGrid';
import { count, DAY_SHORT, describeCounted, hourLabel, legendRows, placeName, RESOLUTIONS } from './hotspot-format';
import { loadHotspots, loadSites, loadSources, type HotspotRequest } from './hotspots-api';
import { NothingToCount } from './NothingToCount';
import './hotspots.css';

const TOP = 10;

/** The first thing shown: the live incidents when there are some, else the first imported dataset. */
function defaultSource(sources: AnalysisSource[]): AnalysisSource | undefined {
  const live = sources.find((s) => s.kind === 'live');
  return live && live.total > 0 ? live : sources.find((s) => s.kind === 'dataset' && s.total > 0) ?? live;
}

function requestFor(s: AnalysisSource): HotspotRequest {
  return { source: s.id, categories: [], types: [], from: s.first ?? '', to: s.last ?? '', resolution: 8, days: [1, 2, 3, 4, 5, 6, 7], hourFrom: null, hourTo: null };
}

/** Hot spots: where calls concentrate, for the types, dates and hours of the week chosen. */
export function HotspotsTab(_: RtccTabProps) {
  const [sources, setSources] = useState<AnalysisSource[] | null>(null);
  const [req, setReq] = useState<HotspotRequest | null>(null);
  const [result, setResult] = useState<HotspotResult | null>(null);
  const [sites, setSites] = useState<EvaluationSite[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ lat: number; lon: number; zoom?: number } | null>(null);

  async function run(r: HotspotRequest) {
    setBusy(true);
    setError(null);
    try {
      setResult(await loadHotspots(r));
      setSelected(null);
    } catch (e) {
      setError({ message: (e as Error).message, fields: e instanceof ApiError ? e.fields : {} });
    } finally {
      setBusy(false);
    }
  }

  const [checking, setChecking] = useState(false);
  function refreshSources() {
    setChecking(true);
    setError(null);
    loadSources()
      .then((s) => {
        setSources(s);
        const first = defaultSource(s);
        if (first && first.total > 0) {
          const r = requestFor(first);
          setReq(r);
          void run(r);
        }
      })
      .catch((e) => setError({ message: (e as Error).message, fields: {} }))
      .finally(() => setChecking(false));
  }
  useEffect(refreshSources, []);

  useEffect(() => {
    if (!req) return;
    loadSites(req.source).then(setSites, () => setSites([]));
  }, [req?.source]);

  const source = sources?.find((s) => s.id === req?.source);
  const legend = useMemo(() => legendRows(result?.meta.breaks ?? []), [result]);
  if (!sources) {
    return error ? <p role="alert" className="error">Hot spots unavailable: {error.message}</p> : <p className="muted" role="status">Loading the sources of calls…</p>;
  }
  if (!req || !source) return <NothingToCount checking={checking} onCheck={refreshSources} />;
  const set = (patch: Partial<HotspotRequest>) => setReq({ ...req, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(req);
  };
  const field = (name: string) => (error?.fields[name] ? { 'aria-invalid': true as const, 'aria-describedby': `hs-err-${name}` } : {});
  const fieldError = (name: string) => error?.fields[name] && <p id={`hs-err-${name}`} className="error small">{error.fields[name]}</p>;
  const cell = result?.features.find((f) => f.properties.cell === selected);

  return (
    <div className="hs-layout">
      <form className="panel hs-filters" onSubmit={submit} aria-label="Hot-spot filters">
        <h2>Hot spots</h2>
        <label htmlFor="hs-source">Calls counted</label>
        <select id="hs-source" value={req.source} onChange={(e) => {
          const s = sources.find((x) => x.id === e.currentTarget.value)!;
          setReq(requestFor(s));
        }}>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>{s.name} ({count(s.total)})</option>
          ))}
        </select>
        {source.kind === 'dataset' && <p className="muted small">Historical calls imported for analysis, not this centre's incidents{source.first ? `: ${source.first} to ${source.last}` : ''}.</p>}
        <CallFilterFields idPrefix="hs" source={source} categories={req.categories} types={req.types} onChange={(c) => set(c)} />
        <div className="hs-row">
          <div>
            <label htmlFor="hs-from">From</label>
            <input id="hs-from" type="date" value={req.from} min={source.first ?? undefined} max={source.last ?? undefined} onChange={(e) => set({ from: e.currentTarget.value })} {...field('from')} />
          </div>
          <div>
            <label htmlFor="hs-to">To</label>
            <input id="hs-to" type="date" value={req.to} min={source.first ?? undefined} max={source.last ?? undefined} onChange={(e) => set({ to: e.currentTarget.value })} {...field('to')} />
          </div>
        </div>
        {fieldError('from')}
        {fieldError('to')}
        <fieldset className="hs-fieldset">
          <legend>Days of the week</legend>
          <div className="hs-days">
            {DAY_SHORT.map((d, i) => (
              <label key={d} className="hs-check">
                <input type="checkbox" checked={req.days.includes(i + 1)} onChange={() => set({ days: req.days.includes(i + 1) ? req.days.filter((x) => x !== i + 1) : [...req.days, i + 1].sort() })} /> {d}
              </label>
            ))}
          </div>
        </fieldset>
        {fieldError('days')}
        <div className="hs-row">
          <div>
            <label htmlFor="hs-hour-from">Hours from</label>
            <select id="hs-hour-from" value={req.hourFrom ?? ''} onChange={(e) => set({ hourFrom: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}>
              <option value="">All day</option>
              {Array.from({ length: 24 }, (_, h) => <option key={h} value={h}>{hourLabel(h)}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="hs-hour-to">to (inclusive)</label>
            <select id="hs-hour-to" value={req.hourTo ?? ''} onChange={(e) => set({ hourTo: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}>
              <option value="">All day</option>
              {Array.from({ length: 24 }, (_, h) => <option key={h} value={h}>{hourLabel(h).replace(':00', ':59')}</option>)}
            </select>
          </div>
        </div>
        <label htmlFor="hs-resolution">Hexagon size</label>
        <select id="hs-resolution" value={req.resolution} onChange={(e) => set({ resolution: Number(e.currentTarget.value) })}>
          {RESOLUTIONS.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
        </select>
        <button type="submit" disabled={busy || req.days.length === 0}>{busy ? 'Counting…' : 'Show hot spots'}</button>
        {req.days.length === 0 && <p className="error small">Choose at least one day.</p>}
        {error && !Object.keys(error.fields).length && <p role="alert" className="error">{error.message}</p>}
        {error && Object.keys(error.fields).length > 0 && <p role="alert" className="error">Check the fields marked above.</p>}
        <p className="muted small hs-note">Counts only: no call, person or address is shown. Each run is recorded with your name and the filters.</p>
      </form>

      <div className="hs-main">
        <AnalysisMap
          label="Hot-spot map"
          busy={busy}
          hexes={result}
          selectedCell={selected}
          sites={sites}
          focus={focus}
          onSelectCell={(c) => setSelected(c)}
        />
        {result && (
          <aside className="panel hs-legend" aria-label="Legend">
            <h3>Calls per hexagon</h3>
            <p className="muted small">about {result.meta.cellAreaKm2 < 0.1 ? result.meta.cellAreaKm2.toFixed(3) : result.meta.cellAreaKm2.toFixed(2)} km² each</p>
            {legend.length === 0 && <p className="muted">No calls match these filters.</p>}
            <ul>
              {[...legend].reverse().map((l) => (
                <li key={l.label}><span className="hs-swatch" style={{ background: l.colour }} aria-hidden="true" /> {l.label}</li>
              ))}
              {legend.length > 0 && <li className="muted"><span className="hs-swatch hs-swatch-none" aria-hidden="true" /> no hexagon: no calls</li>}
            </ul>
            {sites.length > 0 && <p className="small"><span className="hs-dot" aria-hidden="true" /> camera sites ({sites.length})</p>}
          </aside>
        )}
      </div>

      <div className="hs-side">
        {result && (
          <section className="panel" aria-label="Summary">
            <p role="status">
              <strong>{count(result.meta.total)}</strong> calls in <strong>{count(result.meta.cells)}</strong> hexagons
              {result.meta.drawn < result.meta.cells ? ` (busiest ${count(result.meta.drawn)} drawn)` : ''}
              {result.meta.withoutLocation ? `; ${count(result.meta.withoutLocation)} without a location are not on the map` : ''}.
            </p>
            <p className="muted small">{result.meta.sourceName}: {describeCounted(result.meta)}.</p>
            {cell && (
              <p className="hs-selected">
                Selected hexagon: <strong>{count(cell.properties.count)}</strong> calls, rank {cell.properties.rank}
                {cell.properties.label ? `, mostly ${placeName(cell.properties.label)}` : ''}.
              </p>
            )}
          </section>
        )}
        {result && result.features.length > 0 && (
          <section className="panel" aria-labelledby="hs-top-title">
            <h3 id="hs-top-title">Top hexagons</h3>
            <table className="hs-top" aria-labelledby="hs-top-title">
              <thead>
                <tr><th scope="col">Rank</th><th scope="col">Calls</th><th scope="col">Share</th><th scope="col">Area</th><th scope="col"><span className="sr-only">Map</span></th></tr>
              </thead>
              <tbody>
                {result.features.slice(0, TOP).map((f) => (
                  <tr key={f.id} className={f.id === selected ? 'selected' : undefined}>
                    <td>{f.properties.rank}</td>
                    <td>{count(f.properties.count)}</td>
                    <td>{(f.properties.share * 100).toFixed(1)}%</td>
                    <td>{f.properties.label ? placeName(f.properties.label) : <span className="muted">n/a</span>}</td>
                    <td>
                      <button type="button" className="link small-btn" aria-label={`Show hexagon ranked ${f.properties.rank} on the map`} onClick={() => {
                        setSelected(f.id);
                        setFocus({ lat: f.properties.lat, lon: f.properties.lon, zoom: Math.min(15, result.meta.resolution + 4.5) });
                      }}>Show</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {result && result.meta.total > 0 && (
          <section className="panel">
            <HourOfWeekGrid values={result.meta.hourOfWeek} timeZone={result.meta.timeZone} />
          </section>
        )}
        {source.attribution && <p className="muted small hs-attribution">Data: {source.attribution}</p>}
      </div>
    </div>
  );
}
