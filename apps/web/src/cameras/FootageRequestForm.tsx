import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { askFootage } from './cameras-api';

const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** Asks the owner for a recorded window (at most 2 hours) for an incident, with the reason. */
export function FootageRequestForm({ cameraId, incidentId, onAsked }: { cameraId: number; incidentId: number | null; onAsked: () => void }) {
  const [f, setF] = useState(() => {
    const to = new Date();
    return { incident: incidentId ? String(incidentId) : '', from: localInput(new Date(to.getTime() - 3_600_000)), to: localInput(to), reason: '' };
  });
  useEffect(() => {
    if (incidentId) setF((x) => ({ ...x, incident: String(incidentId) }));
  }, [incidentId]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    setBusy(true);
    try {
      await askFootage({ cameraId, incidentId: Number(f.incident), reason: f.reason.trim(), from: new Date(f.from).toISOString(), to: new Date(f.to).toISOString() });
      setErrors({});
      setDone('Request sent; the owner was e-mailed.');
      setF((x) => ({ ...x, reason: '' }));
      onAsked();
    } catch (err) {
      const api = err instanceof ApiError ? err : null;
      setErrors(api && Object.keys(api.fields).length ? api.fields : { form: api?.message ?? 'the request could not be sent' });
    } finally {
      setBusy(false);
    }
  }

  const err = (k: string) => (errors[k] ? <span id={`footage-${k}-error`} className="field-error">{errors[k]}</span> : null);
  return (
    <form className="camera-form" onSubmit={(e) => void submit(e)} aria-labelledby="footage-form-title">
      <h3 id="footage-form-title">Ask the owner for footage</h3>
      <label htmlFor="footage-incident">Incident id</label>
      <input id="footage-incident" inputMode="numeric" value={f.incident} aria-invalid={Boolean(errors.incidentId)} aria-describedby={errors.incidentId ? 'footage-incidentId-error' : undefined} onChange={(e) => setF({ ...f, incident: e.target.value })} />
      {err('incidentId')}
      <label htmlFor="footage-from">From</label>
      <input id="footage-from" type="datetime-local" value={f.from} aria-invalid={Boolean(errors.from)} aria-describedby={errors.from ? 'footage-from-error' : undefined} onChange={(e) => setF({ ...f, from: e.target.value })} />
      {err('from')}
      <label htmlFor="footage-to">To (at most 2 hours after)</label>
      <input id="footage-to" type="datetime-local" value={f.to} aria-invalid={Boolean(errors.to)} aria-describedby={errors.to ? 'footage-to-error' : undefined} onChange={(e) => setF({ ...f, to: e.target.value })} />
      {err('to')}
      <label htmlFor="footage-reason">Reason (the owner reads it)</label>
      <textarea id="footage-reason" rows={2} value={f.reason} aria-invalid={Boolean(errors.reason)} aria-describedby={errors.reason ? 'footage-reason-error' : undefined} onChange={(e) => setF({ ...f, reason: e.target.value })} />
      {err('reason')}
      {errors.form && <p className="field-error" role="alert">{errors.form}</p>}
      {done && <p role="status">{done}</p>}
      <button type="submit" disabled={busy}>Send request</button>
    </form>
  );
}
