import { useState, type FormEvent } from 'react';
import type { FootageRequest } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { cancelFootage } from './cameras-api';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const STATE_CLASS: Record<string, string> = { requested: 'warn', approved: 'warn', uploaded: 'ok', declined: 'danger', expired: 'danger', cancelled: '' };
/** States in the words an analyst following up would use. */
export const FOOTAGE_STATE_WORDS: Record<FootageRequest['state'], string> = {
  requested: 'waiting for the owner',
  approved: 'approved, file not sent yet',
  uploaded: 'file received',
  declined: 'declined by the owner',
  expired: 'expired unanswered',
  cancelled: 'withdrawn',
};
const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`);

/** Withdrawing needs a reason, which the owner is told; asked inline rather than in a browser prompt. */
function WithdrawForm({ f, onDone, onCancel }: { f: FootageRequest; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `withdraw-${f.id}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 3) return setError('say why (at least 3 characters)');
    setBusy(true);
    try {
      await cancelFootage(f.id, reason.trim());
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fields.reason ?? err.message) : 'the request could not be withdrawn');
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="footage-withdraw" onSubmit={(e) => void submit(e)} noValidate aria-label={`Withdraw request ${f.id}`}>
      <label htmlFor={id}>Why withdraw? (the owner is told)</label>
      <input id={id} value={reason} aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => setReason(e.target.value)} />
      {error && <span id={`${id}-error`} className="field-error">{error}</span>}
      <div>
        <button type="submit" className="danger small-btn" disabled={busy}>Withdraw request</button>{' '}
        <button type="button" className="secondary small-btn" onClick={onCancel}>Keep it</button>
      </div>
    </form>
  );
}

/** Footage requests with their state as the owner left it; open ones can be withdrawn. */
export function FootageRequestList({ requests, canCancel, onChanged, title, empty = 'None.' }: { requests: FootageRequest[]; canCancel: boolean; onChanged: () => void; title: string; empty?: string }) {
  const [withdrawing, setWithdrawing] = useState<number | null>(null);
  const headingId = `footage-list-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <>
      <h3 id={headingId}>{title}</h3>
      {requests.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="camera-table-wrap">
          <table className="camera-table" aria-labelledby={headingId}>
            <thead><tr><th scope="col">Camera</th><th scope="col">Recording wanted</th><th scope="col">Incident</th><th scope="col">State</th><th scope="col">File</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {requests.map((f) => (
                <tr key={f.id}>
                  <td>{f.cameraName}<div className="muted small">asked by {f.requestedBy}, {when(f.createdAt)}</div></td>
                  <td>{when(f.from)} – {new Date(f.to).toLocaleTimeString(undefined, { timeStyle: 'short' })}</td>
                  <td>{f.incidentNumber}<div className="muted small">{f.reason}</div></td>
                  <td>
                    <span className={`badge ${STATE_CLASS[f.state] ?? ''}`}>{FOOTAGE_STATE_WORDS[f.state]}</span>
                    {f.ownerNote ? <div className="small">Owner: “{f.ownerNote}”</div> : null}
                    {f.cancelReason ? <div className="small">Why: {f.cancelReason}</div> : null}
                    {(f.state === 'requested' || f.state === 'approved') && <div className="muted small">lapses {when(f.expiresAt)}</div>}
                  </td>
                  <td>{f.file ? <span className="small">evidence #{f.file.evidenceId ?? '?'} · {f.file.name} · {size(f.file.bytes)} · SHA-256 <code>{f.file.sha256.slice(0, 12)}…</code></span> : <span className="muted small">none yet</span>}</td>
                  <td>
                    {canCancel && (f.state === 'requested' || f.state === 'approved') && (withdrawing === f.id ? (
                      <WithdrawForm f={f} onCancel={() => setWithdrawing(null)} onDone={() => {
                        setWithdrawing(null);
                        onChanged();
                      }} />
                    ) : (
                      <button type="button" className="secondary small-btn" aria-label={`Withdraw request for ${f.cameraName}, incident ${f.incidentNumber}`} onClick={() => setWithdrawing(f.id)}>Withdraw…</button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
