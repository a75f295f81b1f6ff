import { useEffect, useId, useState } from 'react';
import { CAMERA_SHARE_DEFAULT_MINUTES, type CameraShareCreated, type CameraShareRecipients, type VideoView } from '@openpsap/contract';
import { api, ApiError } from '../api/client';

const DURATIONS = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 30, label: '30 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 120, label: '2 hours' },
  { minutes: 240, label: '4 hours' },
  { minutes: 480, label: '8 hours' },
  { minutes: 720, label: '12 hours (the most)' },
];

/**
 * Shares the camera of a running view with another agency or a unit: who, why, for how long, and
 * optionally a phone or e-mail to send the link to. The link is shown once (only its hash is kept).
 */
export function ShareCameraForm({ view, onDone, onCreated }: { view: VideoView; onDone: () => void; onCreated: () => void }) {
  const id = useId();
  const [recipients, setRecipients] = useState<CameraShareRecipients | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [kind, setKind] = useState<'agency' | 'unit'>('agency');
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(CAMERA_SHARE_DEFAULT_MINUTES);
  const [sendTo, setSendTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CameraShareCreated | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    api<CameraShareRecipients>('GET', '/api/v1/camera-shares/recipients').then(setRecipients, (e: Error) => setLoadError(e.message));
  }, []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!target) errs.target = kind === 'agency' ? 'Pick the agency.' : 'Pick the unit.';
    if (reason.trim().length < 5) errs.reason = 'State why the camera is shared (at least 5 characters).';
    setErrors(errs);
    setProblem(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const body = { viewId: view.id, recipientKind: kind, ...(kind === 'agency' ? { agencyId: Number(target) } : { unitId: Number(target) }), reason: reason.trim(), minutes, ...(sendTo.trim() ? { sendTo: sendTo.trim() } : {}) };
      setCreated(await api<CameraShareCreated>('POST', '/api/v1/camera-shares', body));
      onCreated();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) {
        const f = err.fields;
        setErrors({ ...(f.reason ? { reason: f.reason } : {}), ...(f.agencyId || f.unitId ? { target: f.agencyId ?? f.unitId! } : {}), ...(f.sendTo ? { sendTo: f.sendTo } : {}) });
        if (f.viewId) setProblem(f.viewId);
      } else setProblem((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section className="rtcc-share" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Share {view.cameraName} live</h3>
      {created ? (
        <div role="status">
          <p>
            Link for <strong>{created.share.recipient}</strong>, until {new Date(created.share.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
            {created.messageStatus === 'sent' ? ' — sent.' : created.messageStatus === 'failed' ? ' — sending failed; pass the link on yourself.' : '.'}
          </p>
          <label htmlFor={`${id}-url`}>Share link (shown once)</label>
          <div className="rtcc-share-url">
            <input id={`${id}-url`} readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="small-btn" onClick={() => void copy()}>{copied ? 'Copied' : 'Copy'}</button>
          </div>
          <p className="muted small">It plays only while the owner's consent and this incident allow, and every opening is recorded for the owner.</p>
          <button type="button" className="secondary" onClick={onDone}>Close</button>
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          {loadError && <p className="error small" role="alert">Cannot load agencies and units: {loadError}</p>}
          <fieldset className="rtcc-share-kind">
            <legend>Share with</legend>
            <label><input type="radio" name={`${id}-kind`} checked={kind === 'agency'} onChange={() => (setKind('agency'), setTarget(''))} /> An agency</label>
            <label><input type="radio" name={`${id}-kind`} checked={kind === 'unit'} onChange={() => (setKind('unit'), setTarget(''))} /> A unit</label>
          </fieldset>
          <label htmlFor={`${id}-target`}>{kind === 'agency' ? 'Agency' : 'Unit'}</label>
          <select id={`${id}-target`} value={target} onChange={(e) => setTarget(e.target.value)} aria-invalid={errors.target ? 'true' : undefined} aria-describedby={errors.target ? `${id}-target-err` : undefined} disabled={!recipients}>
            <option value="">{recipients ? `— pick ${kind === 'agency' ? 'an agency' : 'a unit'} —` : 'Loading…'}</option>
            {kind === 'agency'
              ? recipients?.agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)
              : recipients?.units.map((u) => <option key={u.id} value={u.id}>{u.callSign} · {u.agencyName}</option>)}
          </select>
          {errors.target && <p id={`${id}-target-err`} className="error small" role="alert">{errors.target}</p>}
          <label htmlFor={`${id}-reason`}>Reason for sharing (required)</label>
          <textarea id={`${id}-reason`} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} aria-required="true" aria-invalid={errors.reason ? 'true' : undefined} aria-describedby={errors.reason ? `${id}-reason-err` : undefined}
            placeholder="e.g. county units searching for the suspect" />
          {errors.reason && <p id={`${id}-reason-err`} className="error small" role="alert">{errors.reason}</p>}
          <label htmlFor={`${id}-minutes`}>Link works for</label>
          <select id={`${id}-minutes`} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {DURATIONS.map((d) => <option key={d.minutes} value={d.minutes}>{d.label}</option>)}
          </select>
          <label htmlFor={`${id}-send`}>Send the link to (optional phone or e-mail)</label>
          <input id={`${id}-send`} value={sendTo} maxLength={200} onChange={(e) => setSendTo(e.target.value)} aria-invalid={errors.sendTo ? 'true' : undefined} aria-describedby={errors.sendTo ? `${id}-send-err` : undefined} />
          {errors.sendTo && <p id={`${id}-send-err`} className="error small" role="alert">{errors.sendTo}</p>}
          {problem && <p className="error small" role="alert">{problem}</p>}
          <div className="rtcc-share-actions">
            <button type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create link'}</button>
            <button type="button" className="secondary" onClick={onDone}>Cancel</button>
          </div>
        </form>
      )}
    </section>
  );
}
