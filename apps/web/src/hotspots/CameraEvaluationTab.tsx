import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AnalysisSource, CameraEvaluation, CameraEvaluationBody, CameraEvaluationSummary, EvaluationSite } from '@openpsap/contract';
import { ApiError } from '../api/client';
import type { RtccTabProps } from '../rtcc/rtcc-tabs';
import { AnalysisMap, circlePolygon, type MapAreas } from './AnalysisMap';
import { CallFilterFields } from './CallFilterFields';
import { count, percent } from './hotspot-format';
import { loadEvaluation, loadRecentEvaluations, loadSites, loadSources, runEvaluation } from './hotspots-api';
import { EvaluationResult } from './EvaluationResult';
import { NothingToCount } from './NothingToCount';
import './hotspots.css';

interface FormState {
  source: string;
  place: 'site' | 'point';
  site: string;
  lat: string;
  lon: string;
  date: string;
  weeks: string;
  gapDays: string;
  radiusM: string;
  comparison: 'ring' | 'sites';
  outerRadiusM: string;
  comparisonSites: string[];
  categories: string[];
  types: string[];
  note: string;
}

const metres = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
  const k = Math.PI / 180;
  const x = (b.lon - a.lon) * k * Math.cos(((a.lat + b.lat) / 2) * k);
  const y = (b.lat - a.lat) * k;
  return Math.sqrt(x * x + y * y) * 6_371_008.8;
};

function initialForm(s: AnalysisSource): FormState {
  return { source: s.id, place: 'site', site: '', lat: '', lon: '', date: '', weeks: '12', gapDays: '0', radiusM: '250', comparison: 'ring', outerRadiusM: '750', comparisonSites: [], categories: [], types: [], note: '' };
}

/** The inputs of a kept evaluation, so the form and the map show what the opened result was run with. */
function formFrom(e: CameraEvaluation): FormState {
  return {
    source: e.source,
    place: e.site.ref ? 'site' : 'point',
    site: e.site.ref ?? '',
    lat: e.site.ref ? '' : String(e.site.lat),
    lon: e.site.ref ? '' : String(e.site.lon),
    date: e.date,
    weeks: String(e.weeks),
    gapDays: String(e.gapDays),
    radiusM: String(e.radiusM),
    comparison: e.comparison.kind,
    outerRadiusM: String(e.comparison.outerRadiusM ?? 750),
    comparisonSites: e.comparison.sites.map((s) => s.ref),
    categories: e.categories,
    types: e.types,
    note: e.note ?? '',
  };
}

const VERDICT_SHORT: Record<string, string> = { 'no-evidence': 'no evidence', decrease: 'decrease', increase: 'increase', insufficient: 'not enough data' };

/** Before/after evaluation of a camera, so that a claim ("crime dropped 51% near the new cameras") can be checked. */
export function CameraEvaluationTab(_: RtccTabProps) {
  const [sources, setSources] = useState<AnalysisSource[] | null>(null);
  const [form, setForm] = useState<FormState | null>(null);
  const [sites, setSites] = useState<EvaluationSite[]>([]);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [result, setResult] = useState<CameraEvaluation | null>(null);
  const [recent, setRecent] = useState<CameraEvaluationSummary[]>([]);

  const [checking, setChecking] = useState(false);
  const refreshRecent = () => loadRecentEvaluations().then(setRecent, () => undefined);
  function refreshSources() {
    setChecking(true);
    setError(null);
    loadSources()
      .then((s) => {
        setSources(s);
        // Live incidents when the centre has some; else the first imported dataset (the demo's).
        const live = s.find((x) => x.kind === 'live');
        const first = live && live.total > 0 ? live : s.find((x) => x.kind === 'dataset' && x.total > 0);
        if (first) setForm(initialForm(first));
      })
      .catch((e) => setError({ message: (e as Error).message, fields: {} }))
      .finally(() => setChecking(false));
  }
  useEffect(() => {
    refreshSources();
    void refreshRecent();
  }, []);
  useEffect(() => {
    if (!form) return;
    loadSites(form.source).then(setSites, () => setSites([]));
  }, [form?.source]);

  const site = sites.find((s) => s.ref === form?.site) ?? null;
  const centre = form?.place === 'site' ? site : form && form.lat !== '' && form.lon !== '' && Number.isFinite(Number(form.lat)) && Number.isFinite(Number(form.lon)) ? { lat: Number(form.lat), lon: Number(form.lon) } : null;
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? sites.filter((s) => s.name.toLowerCase().includes(f) || (s.detail ?? '').toLowerCase().includes(f)) : sites;
  }, [sites, filter]);
  const nearest = useMemo(() => (centre ? sites.filter((s) => s.ref !== form?.site).map((s) => ({ s, d: metres(centre, s) })).sort((a, b) => a.d - b.d).slice(0, 30) : []), [sites, centre?.lat, centre?.lon, form?.site]);
  const areas: MapAreas | null = useMemo(() => {
    if (!form || !centre) return null;
    const r = Number(form.radiusM) || 0;
    if (form.comparison === 'ring') return { treated: circlePolygon(centre.lat, centre.lon, r), comparison: [circlePolygon(centre.lat, centre.lon, Number(form.outerRadiusM) || 0)] };
    return { treated: circlePolygon(centre.lat, centre.lon, r), comparison: sites.filter((s) => form.comparisonSites.includes(s.ref)).map((s) => circlePolygon(s.lat, s.lon, r)) };
  }, [form, centre?.lat, centre?.lon, sites]);

  if (!sources) return error ? <p role="alert" className="error">Camera evaluation unavailable: {error.message}</p> : <p className="muted" role="status">Loading the sources of calls…</p>;
  if (!form) return <NothingToCount checking={checking} onCheck={refreshSources} />;
  const source = sources.find((s) => s.id === form.source)!;
  const set = (patch: Partial<FormState>) => setForm({ ...form, ...patch });
  const pickSite = (ref: string) => {
    const s = sites.find((x) => x.ref === ref);
    set({ place: 'site', site: ref, date: s?.installedOn ?? form.date, comparisonSites: form.comparisonSites.filter((c) => c !== ref) });
  };
  const fieldProps = (name: string) => (error?.fields[name] ? { 'aria-invalid': true as const, 'aria-describedby': `ev-err-${name.replace('.', '-')}` } : {});
  const fieldError = (name: string) => error?.fields[name] && <p id={`ev-err-${name.replace('.', '-')}`} className="error small">{error.fields[name]}</p>;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form) return;
    if (form.place === 'site' && !form.site) {
      setError({ message: 'choose a camera', fields: { site: 'choose a camera, or a point on the map' } });
      return;
    }
    const body = {
      source: form.source,
      ...(form.place === 'site' ? { site: form.site } : { point: { lat: Number(form.lat), lon: Number(form.lon) } }),
      ...(form.date ? { date: form.date } : {}),
      weeks: Number(form.weeks),
      gapDays: Number(form.gapDays),
      radiusM: Number(form.radiusM),
      comparison: form.comparison === 'ring' ? { kind: 'ring', outerRadiusM: Number(form.outerRadiusM) } : { kind: 'sites', sites: form.comparisonSites },
      ...(form.categories.length ? { categories: form.categories } : {}),
      ...(form.types.length ? { types: form.types } : {}),
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    } as CameraEvaluationBody;
    setBusy(true);
    setError(null);
    try {
      setResult(await runEvaluation(body));
      void refreshRecent();
    } catch (e) {
      setError({ message: (e as Error).message, fields: e instanceof ApiError ? e.fields : {} });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="ev-layout">
      <form className="panel ev-form" onSubmit={submit} aria-label="Evaluation">
        <h2>Camera evaluation</h2>
        <p className="muted small">Calls near a camera before and after a date, against a comparison area over the same weeks.</p>
        <label htmlFor="ev-source">Calls counted</label>
        <select id="ev-source" value={form.source} onChange={(e) => setForm(initialForm(sources.find((s) => s.id === e.currentTarget.value)!))} {...fieldProps('source')}>
          {sources.map((s) => <option key={s.id} value={s.id}>{s.name} ({count(s.total)})</option>)}
        </select>
        {fieldError('source')}
        <fieldset className="hs-fieldset">
          <legend>Place</legend>
          <label className="hs-check"><input type="radio" name="ev-place" checked={form.place === 'site'} onChange={() => set({ place: 'site' })} /> A camera</label>
          <label className="hs-check"><input type="radio" name="ev-place" checked={form.place === 'point'} onChange={() => set({ place: 'point' })} /> A point (click the map)</label>
        </fieldset>
        {form.place === 'site' ? (
          <>
            <label htmlFor="ev-site-filter">Find a camera</label>
            <input id="ev-site-filter" type="search" value={filter} placeholder="name or road" onChange={(e) => setFilter(e.currentTarget.value)} />
            <label htmlFor="ev-site">Camera</label>
            <select id="ev-site" value={form.site} onChange={(e) => pickSite(e.currentTarget.value)} {...fieldProps('site')}>
              <option value="">Choose a camera ({shown.length})</option>
              {shown.map((s) => <option key={s.ref} value={s.ref}>{s.name}{s.detail ? ` (${s.detail})` : ''}</option>)}
            </select>
            {fieldError('site')}
            {site && <p className="muted small">{site.installedOn ? `Installed on ${site.installedOn} (on record).` : 'No installation date on record: any date you enter makes this a placebo test, where a sound method should find no change.'}</p>}
          </>
        ) : (
          <div className="hs-row">
            <div>
              <label htmlFor="ev-lat">Latitude</label>
              <input id="ev-lat" inputMode="decimal" value={form.lat} onChange={(e) => set({ lat: e.currentTarget.value })} {...fieldProps('point.lat')} />
            </div>
            <div>
              <label htmlFor="ev-lon">Longitude</label>
              <input id="ev-lon" inputMode="decimal" value={form.lon} onChange={(e) => set({ lon: e.currentTarget.value })} {...fieldProps('point.lon')} />
            </div>
          </div>
        )}
        {fieldError('point')}
        {fieldError('point.lat')}
        {fieldError('point.lon')}
        <label htmlFor="ev-date">Installation date (or the date to test)</label>
        <input id="ev-date" type="date" value={form.date} onChange={(e) => set({ date: e.currentTarget.value })} {...fieldProps('date')} />
        {fieldError('date')}
        <div className="hs-row">
          <div>
            <label htmlFor="ev-weeks">Weeks before and after</label>
            <input id="ev-weeks" type="number" min={1} max={104} value={form.weeks} onChange={(e) => set({ weeks: e.currentTarget.value })} {...fieldProps('weeks')} />
          </div>
          <div>
            <label htmlFor="ev-gap">Days left out after</label>
            <input id="ev-gap" type="number" min={0} max={365} value={form.gapDays} onChange={(e) => set({ gapDays: e.currentTarget.value })} {...fieldProps('gapDays')} />
          </div>
        </div>
        {fieldError('weeks')}
        {fieldError('gapDays')}
        <label htmlFor="ev-radius">Radius around the site (m)</label>
        <input id="ev-radius" type="number" min={25} max={2000} step={25} value={form.radiusM} onChange={(e) => set({ radiusM: e.currentTarget.value })} {...fieldProps('radiusM')} />
        {fieldError('radiusM')}
        <fieldset className="hs-fieldset">
          <legend>Comparison area</legend>
          <label className="hs-check"><input type="radio" name="ev-comparison" checked={form.comparison === 'ring'} onChange={() => set({ comparison: 'ring' })} /> A ring around the site</label>
          <label className="hs-check">
            <input type="radio" name="ev-comparison" checked={form.comparison === 'sites'} onChange={() => set({ comparison: 'sites', comparisonSites: form.comparisonSites.length ? form.comparisonSites : nearest.filter((n) => !n.s.installedOn).slice(0, 5).map((n) => n.s.ref) })} /> Other cameras' areas
          </label>
        </fieldset>
        {form.comparison === 'ring' ? (
          <>
            <label htmlFor="ev-outer">Ring out to (m)</label>
            <input id="ev-outer" type="number" min={50} max={10000} step={50} value={form.outerRadiusM} onChange={(e) => set({ outerRadiusM: e.currentTarget.value })} {...fieldProps('comparison.outerRadiusM')} />
            {fieldError('comparison.outerRadiusM')}
          </>
        ) : (
          <>
            <label htmlFor="ev-comparison-sites">Comparison cameras (nearest first)</label>
            <select id="ev-comparison-sites" multiple size={5} value={form.comparisonSites} onChange={(e) => set({ comparisonSites: [...e.currentTarget.selectedOptions].map((o) => o.value) })} {...fieldProps('comparison.sites')}>
              {nearest.map(({ s, d }) => <option key={s.ref} value={s.ref}>{s.name} ({(d / 1000).toFixed(1)} km){s.installedOn ? `, installed ${s.installedOn}` : ''}</option>)}
            </select>
            {fieldError('comparison.sites')}
          </>
        )}
        <CallFilterFields idPrefix="ev" source={source} categories={form.categories} types={form.types} onChange={(c) => set(c)} />
        <label htmlFor="ev-note">Claim being checked (optional)</label>
        <input id="ev-note" value={form.note} maxLength={300} placeholder="e.g. crime dropped 51% near the new cameras" onChange={(e) => set({ note: e.currentTarget.value })} />
        <button type="submit" disabled={busy}>{busy ? 'Evaluating…' : 'Run evaluation'}</button>
        {error && <p role="alert" className="error">{Object.keys(error.fields).length ? 'Check the fields marked above.' : error.message}</p>}
        <p className="muted small hs-note">Counts only. Each evaluation is kept with your name, so a figure can be looked up later by its number.</p>
      </form>

      <div className="ev-main">
        <AnalysisMap
          label="Evaluation map"
          hexes={null}
          sites={sites}
          areas={areas}
          selectedSite={form.place === 'site' ? form.site : null}
          focus={centre ? { lat: centre.lat, lon: centre.lon, zoom: 13 } : null}
          onSelectSite={pickSite}
          onPickPoint={(lat, lon) => form.place === 'point' && set({ lat: lat.toFixed(6), lon: lon.toFixed(6) })}
        />
        {result ? <EvaluationResult e={result} /> : <p className="panel muted">Choose a camera and a date, then run the evaluation. Results show the raw counts, the naive change, the comparison area's change and the estimate with its interval.</p>}
        {recent.length > 0 && (
          <section className="panel" aria-labelledby="ev-recent-title">
            <h3 id="ev-recent-title">Recent evaluations</h3>
            <table className="ev-recent" aria-labelledby="ev-recent-title">
              <thead><tr><th scope="col">No.</th><th scope="col">Place</th><th scope="col">Date</th><th scope="col">Estimate</th><th scope="col">Verdict</th><th scope="col">By</th><th scope="col"><span className="sr-only">Open</span></th></tr></thead>
              <tbody>
                {recent.map((r) => (
                  <tr key={r.id}>
                    <td>{r.id}</td>
                    <td>{r.site.name}</td>
                    <td>{r.date}{r.dateIsInstallation ? '' : ' (placebo)'}</td>
                    <td>{percent(r.change)}{r.interval ? ` [${percent(r.interval[0])}, ${percent(r.interval[1])}]` : ''}</td>
                    <td>{VERDICT_SHORT[r.verdict]}</td>
                    <td>{r.createdBy}</td>
                    <td><button type="button" className="link small-btn" aria-label={`Open evaluation ${r.id}`} onClick={() => void loadEvaluation(r.id).then((e) => {
                      setResult(e);
                      setForm(formFrom(e));
                      setError(null);
                    }, (err: Error) => setError({ message: `evaluation ${r.id} could not be opened: ${err.message}`, fields: {} }))}>Open</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </div>
    </div>
  );
}
