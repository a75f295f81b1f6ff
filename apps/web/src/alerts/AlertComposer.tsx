import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AlertKind } from '@openpsap/contract';
import { ALERT_KIND_LABELS, ALERT_KINDS, SAME_CODES, WEA_LONG_MAX, WEA_SHORT_MAX, type Alert, type IncidentSummary, type Unit } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { MapPanel } from '../map/MapPanel';
import type { AlertsApi } from './alerts-api';
import { bodyOf, formOf, toLocalInput, type AlertForm } from './alert-form';
import { CapPreview } from './CapPreview';
import { CriteriaChecklist } from './CriteriaChecklist';
import { photoToJpeg } from '../shared/photo-to-jpeg';

const NO_INCIDENTS = new Map<number, IncidentSummary>();
const NO_UNITS = new Map<number, Unit>();

function Field({ id, label, error, children, hint }: { id: string; label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="field alert-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint}
      {error && <p className="error small" id={`${id}-err`}>{error}</p>}
    </div>
  );
}

/** Characters used against the WEA limit, said aloud to screen readers only when it changes materially. */
function Count({ id, n, max }: { id: string; n: number; max: number }) {
  return <p id={id} className={`small wea-count${n > max ? ' over' : ''}`}>{n} / {max} characters{n > max ? ` — ${n - max} too many` : ''}</p>;
}

/** The drafter's form: texts, WEA texts with live counts, area on the map, expiry, criteria; save and send for approval. */
export function AlertComposer({ alert, api, onChanged }: { alert: Alert; api: AlertsApi; onChanged: (a: Alert) => void }) {
  const [f, setF] = useState<AlertForm>(() => formOf(alert));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [incidents, setIncidents] = useState<IncidentSummary[]>([]);
  useEffect(() => {
    api.openIncidents().then(setIncidents, () => setIncidents([]));
  }, [api]);
  // Linking an incident starts the area where it is, unless the drafter already set one.
  function linkIncident(idText: string) {
    const inc = incidents.find((i) => String(i.id) === idText);
    setF((x) => ({
      ...x,
      incidentId: idText,
      ...(inc && !x.lat && !x.lon && inc.location.lat !== null && inc.location.lon !== null ? { lat: String(inc.location.lat), lon: String(inc.location.lon), radiusKm: x.radiusKm || '5' } : {}),
      ...(inc && !x.lastSeen && inc.location.text ? { lastSeen: inc.location.text } : {}),
    }));
  }
  useEffect(() => {
    if (!f.expiresAt) setF((x) => ({ ...x, expiresAt: toLocalInput(new Date(Date.now() + 6 * 3600_000).toISOString()) }));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  // A message about a field goes once the field is changed; the server judges it again on the next save.
  const clear = (k: string) => {
    if (!errors[k]) return;
    setErrors((x) => Object.fromEntries(Object.entries(x).filter(([n]) => n !== k)));
    setMessage(null);
  };
  const set = (k: keyof AlertForm) => (e: { target: { value: string } }) => {
    clear(k);
    setF((x) => ({ ...x, [k]: e.target.value }));
  };
  const err = (k: string) => errors[k];
  // One object per point, so the map recentres when the point moves, not on every keystroke.
  const pick = useMemo(() => (f.lat && f.lon && Number.isFinite(Number(f.lat)) && Number.isFinite(Number(f.lon)) ? { lat: Number(f.lat), lon: Number(f.lon) } : null), [f.lat, f.lon]);
  const aria = (k: string) => (errors[k] ? { 'aria-invalid': true as const, 'aria-describedby': `alert-${k.replace('.', '-')}-err` } : {});

  /** Another kind brings its own criteria; the texts typed so far are saved with the change. */
  async function changeKind(kind: AlertKind) {
    const { body } = bodyOf(f);
    setBusy(true);
    try {
      onChanged(await api.patch(alert.id, { ...body, kind }));
    } catch (e) {
      setErrors(e instanceof ApiError ? e.fields : {});
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function setPhoto(file: File | null) {
    setBusy(true);
    try {
      const jpeg = file ? await photoToJpeg(file) : null;
      onChanged(await api.setPhoto(alert.id, jpeg ? jpeg.base64 : null));
      clear('photo');
    } catch (e) {
      setErrors((x) => ({ ...x, photo: e instanceof ApiError ? (e.fields.photo ?? e.message) : 'That file could not be read as a picture.' }));
    } finally {
      setBusy(false);
    }
  }

  async function save(thenSubmit: boolean) {
    const { body, errors: local } = bodyOf(f);
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length) return setMessage('Fix the marked fields.');
    setBusy(true);
    try {
      let next = await api.patch(alert.id, body);
      if (thenSubmit) next = await api.submit(alert.id);
      setMessage(thenSubmit ? 'Sent for approval. Another supervisor must approve it.' : 'Saved.');
      onChanged(next);
    } catch (e) {
      const fields = e instanceof ApiError ? e.fields : {};
      setErrors(fields);
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="alert-composer" aria-labelledby="composer-h" onSubmit={(e) => (e.preventDefault(), void save(true))}>
      <h2 id="composer-h">{ALERT_KIND_LABELS[alert.kind]} — draft #{alert.id}</h2>
      {alert.returnedNote && <p role="note" className="badge warn">Sent back: {alert.returnedNote}</p>}
      <Field id="alert-kind-edit" label="Kind (the criteria follow the kind)">
        <select id="alert-kind-edit" value={alert.kind} disabled={busy} onChange={(e) => void changeKind(e.target.value as AlertKind)}>
          {ALERT_KINDS.map((k) => <option key={k} value={k}>{ALERT_KIND_LABELS[k]}</option>)}
        </select>
      </Field>
      <CriteriaChecklist set={alert.criteriaSet} answers={f.criteria} error={err('criteria')} onChange={(criteria) => (clear('criteria'), setF((x) => ({ ...x, criteria })))} />
      <Field id="alert-incident" label="Linked incident" error={err('incidentId')}>
        <select id="alert-incident" value={f.incidentId} onChange={(e) => linkIncident(e.target.value)}>
          <option value="">none</option>
          {f.incidentId && !incidents.some((i) => String(i.id) === f.incidentId) && <option value={f.incidentId}>incident #{f.incidentId}</option>}
          {incidents.map((i) => <option key={i.id} value={i.id}>{i.agencyCode} {i.number} — {i.typeName}{i.location.text ? `, ${i.location.text}` : ''}</option>)}
        </select>
      </Field>
      <div className="row">
        <Field id="alert-event" label="Event"><input id="alert-event" value={f.event} onChange={set('event')} /></Field>
        <Field id="alert-sameCode" label="SAME event code" error={err('sameCode')}>
          <select id="alert-sameCode" value={f.sameCode} onChange={set('sameCode')}>
            {Object.entries(SAME_CODES).map(([c, l]) => <option key={c} value={c}>{c} — {l}</option>)}
          </select>
        </Field>
      </div>
      <Field id="alert-headline" label="Headline" error={err('headline')}><input id="alert-headline" value={f.headline} onChange={set('headline')} maxLength={160} {...aria('headline')} /></Field>
      <Field id="alert-description" label="Description" error={err('description')}><textarea id="alert-description" rows={4} value={f.description} onChange={set('description')} {...aria('description')} /></Field>
      <Field id="alert-instruction" label="What the public should do" error={err('instruction')}><textarea id="alert-instruction" rows={2} value={f.instruction} onChange={set('instruction')} /></Field>
      <Field id="alert-photo" label="Photo to publish (optional)" error={err('photo')}>
        {alert.hasPhoto && <img className="alert-photo" src={api.photoUrl(alert)} alt="Photo that will be published with the alert" />}
        <input id="alert-photo" type="file" accept="image/*" disabled={busy} onChange={(e) => { const file = e.target.files?.[0]; if (file) void setPhoto(file); }} />
        {alert.hasPhoto && <button type="button" className="link" onClick={() => void setPhoto(null)}>Remove photo</button>}
      </Field>
      <div className="row">
        <Field id="alert-lastSeen" label="Last seen (place and time)"><input id="alert-lastSeen" value={f.lastSeen} onChange={set('lastSeen')} /></Field>
        <Field id="alert-vehicle" label="Vehicle"><input id="alert-vehicle" value={f.vehicle} onChange={set('vehicle')} placeholder="colour, year, make, model, plate" /></Field>
      </div>
      <Field id="alert-weaShort" label="WEA text (every phone)" error={err('weaShort')} hint={<Count id="wea-short-count" n={f.weaShort.length} max={WEA_SHORT_MAX} />}>
        <textarea id="alert-weaShort" rows={2} value={f.weaShort} onChange={set('weaShort')} aria-describedby="wea-short-count" aria-invalid={err('weaShort') || f.weaShort.length > WEA_SHORT_MAX ? true : undefined} />
      </Field>
      <Field id="alert-weaLong" label="WEA long text (newer phones)" error={err('weaLong')} hint={<Count id="wea-long-count" n={f.weaLong.length} max={WEA_LONG_MAX} />}>
        <textarea id="alert-weaLong" rows={4} value={f.weaLong} onChange={set('weaLong')} aria-describedby="wea-long-count" aria-invalid={err('weaLong') || f.weaLong.length > WEA_LONG_MAX ? true : undefined} />
      </Field>
      <fieldset className="alert-area">
        <legend>Area</legend>
        {err('area') && <p className="error small">{err('area')}</p>}
        <Field id="alert-area-areaDesc" label="Area in words" error={err('area.areaDesc')}><input id="alert-area-areaDesc" value={f.areaDesc} onChange={set('areaDesc')} placeholder="Baltimore City" {...aria('area.areaDesc')} /></Field>
        <div className="alert-map" aria-label="Map: click to set the centre of the circle">
          <MapPanel incidents={NO_INCIDENTS} units={NO_UNITS} selectedId={null} pick={pick} onSelectIncident={() => undefined}
            onPickPoint={(lat, lon) => setF((x) => ({ ...x, lat: lat.toFixed(5), lon: lon.toFixed(5), radiusKm: x.radiusKm || '2' }))} />
        </div>
        <div className="row">
          <Field id="alert-lat" label="Circle centre latitude" error={err('area.circle')}><input id="alert-lat" inputMode="decimal" value={f.lat} onChange={set('lat')} /></Field>
          <Field id="alert-lon" label="longitude"><input id="alert-lon" inputMode="decimal" value={f.lon} onChange={set('lon')} /></Field>
          <Field id="alert-radius" label="radius (km)"><input id="alert-radius" inputMode="decimal" value={f.radiusKm} onChange={set('radiusKm')} /></Field>
        </div>
        <Field id="alert-polygon" label="Polygon (one latitude,longitude per line; optional)" error={err('area.polygon')}><textarea id="alert-polygon" rows={3} value={f.polygon} onChange={set('polygon')} /></Field>
        <Field id="alert-same" label="SAME county codes (six digits, e.g. 024510)" error={err('area.sameGeocodes')}><input id="alert-same" value={f.sameGeocodes} onChange={set('sameGeocodes')} /></Field>
      </fieldset>
      <Field id="alert-expiresAt" label="Expires" error={err('expiresAt')}><input id="alert-expiresAt" type="datetime-local" value={f.expiresAt} onChange={set('expiresAt')} {...aria('expiresAt')} /></Field>
      <CapPreview alert={alert} api={api} />
      {message && <p role="status" className={Object.keys(errors).length ? 'error' : 'muted'}>{message}</p>}
      <div className="buttons">
        <button type="button" className="secondary" disabled={busy} onClick={() => void save(false)}>Save draft</button>
        <button type="submit" disabled={busy}>Send for approval</button>
      </div>
    </form>
  );
}
