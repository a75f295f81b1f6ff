import { useEffect, useState, type FormEvent } from 'react';
import type { IncidentSummary } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { askFootage, findIncident, recentIncidents } from './cameras-api';

const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const MAX_MINUTES = 120;

/** How long the chosen window is, in words, so an analyst sees the 2-hour limit coming. */
function windowLength(from: string, to: string): { text: string; tooLong: boolean } | null {
  const ms = new Date(to).getTime() - new Date(from).getTime();
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return { text: [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min', tooLong: minutes > MAX_MINUTES };
}

/**
 * Asks the owner for a recorded window (at most 2 hours) for an incident, with the reason the owner
 * will read. Analysts know incidents by number; the incident picked in the RTCC screen is offered.
 */
export function FootageRequestForm({ cameraId, incidentId, onAsked }: { cameraId: number; incidentId: number | null; onAsked: () => void }) {
  const [incidents, setIncidents] = useState<IncidentSummary[]>([]);
  const [f, setF] = useState(() => {
    const to = new Date();
    return { incident: '', from: localInput(new Date(to.getTime() - 3_600_000)), to: localInput(to), reason: '' };
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    recentIncidents().then((list) => {
      if (!live) return;
      setIncidents(list);
      const picked = list.find((i) => i.id === incidentId);
      if (picked) setF((x) => (x.incident ? x : { ...x, incident: picked.number }));
    }, () => undefined); // the number can still be typed
    return () => {
      live = false;
    };
  }, [incidentId]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const found: Record<string, string> = {};
    const number = f.incident.trim();
    if (!number) found.incidentId = 'is required: the incident number, such as 2026-000123';
    if (f.reason.trim().length < 10) found.reason = 'say why this footage is needed (at least 10 characters)';
    if (!f.from) found.from = 'is required';
    if (!f.to) found.to = 'is required';
    if (Object.keys(found).length) return setErrors(found);
    setBusy(true);
    try {
      const incident = incidents.find((i) => i.number === number) ?? (await findIncident(number));
      if (!incident) {
        setErrors({ incidentId: `there is no incident numbered ${number}` });
        return;
      }
      await askFootage({ cameraId, incidentId: incident.id, reason: f.reason.trim(), from: new Date(f.from).toISOString(), to: new Date(f.to).toISOString() });
      setErrors({});
      setDone(`Request sent for incident ${incident.number}; the owner was e-mailed.`);
      setF((x) => ({ ...x, reason: '' }));
      onAsked();
    } catch (err) {
      const api = err instanceof ApiError ? err : null;
      if (api && Object.keys(api.fields).length) setErrors({ ...api.fields, ...(api.fields.number ? { incidentId: api.fields.number } : {}) });
      else setErrors({ form: api?.message ?? 'the request could not be sent' });
    } finally {
      setBusy(false);
    }
  }

  const length = windowLength(f.from, f.to);
  const described = (k: string, hint?: string) => [hint, errors[k] ? `footage-${k}-error` : ''].filter(Boolean).join(' ') || undefined;
  const err = (k: string) => (errors[k] ? <span id={`footage-${k}-error`} className="field-error">{errors[k]}</span> : null);
  return (
    <form className="camera-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="footage-form-title">
      <h3 id="footage-form-title">Ask the owner for footage</h3>
      <label htmlFor="footage-incident">Incident number</label>
      <input id="footage-incident" list="footage-incident-list" value={f.incident} placeholder="2026-000123" autoComplete="off" aria-invalid={Boolean(errors.incidentId)} aria-describedby={described('incidentId')} onChange={(e) => setF({ ...f, incident: e.target.value })} />
      <datalist id="footage-incident-list">
        {incidents.map((i) => <option key={i.id} value={i.number}>{`${i.typeName} · ${i.location.text ?? ''}`}</option>)}
      </datalist>
      {err('incidentId')}
      <div className="footage-window">
        <div>
          <label htmlFor="footage-from">From</label>
          <input id="footage-from" type="datetime-local" value={f.from} aria-invalid={Boolean(errors.from)} aria-describedby={described('from')} onChange={(e) => setF({ ...f, from: e.target.value })} />
          {err('from')}
        </div>
        <div>
          <label htmlFor="footage-to">To</label>
          <input id="footage-to" type="datetime-local" value={f.to} aria-invalid={Boolean(errors.to)} aria-describedby={described('to', 'footage-window-hint')} onChange={(e) => setF({ ...f, to: e.target.value })} />
          {err('to')}
        </div>
      </div>
      <p id="footage-window-hint" className={`small ${length?.tooLong ? 'field-error' : 'muted'}`}>
        {length ? `Window: ${length.text}. ` : ''}At most 2 hours per request; ask again for more.
      </p>
      <label htmlFor="footage-reason">Reason (the owner reads it)</label>
      <textarea id="footage-reason" rows={2} value={f.reason} aria-invalid={Boolean(errors.reason)} aria-describedby={described('reason')} onChange={(e) => setF({ ...f, reason: e.target.value })} />
      {err('reason')}
      {errors.form && <p className="field-error" role="alert">{errors.form}</p>}
      {done && <p role="status" className="camera-done">{done}</p>}
      <button type="submit" disabled={busy}>{busy ? 'Sending…' : 'Send request'}</button>
    </form>
  );
}
