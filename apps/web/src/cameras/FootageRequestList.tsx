import { useState } from 'react';
import type { FootageRequest } from '@openpsap/contract';
import { cancelFootage } from './cameras-api';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const STATE_CLASS: Record<string, string> = { requested: 'warn', approved: 'warn', uploaded: 'ok', declined: 'danger', expired: 'danger', cancelled: '' };

/** Footage requests with their state as the owner left it; open ones can be withdrawn. */
export function FootageRequestList({ requests, canCancel, onChanged, title }: { requests: FootageRequest[]; canCancel: boolean; onChanged: () => void; title: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  async function cancel(id: number) {
    const reason = window.prompt('Why withdraw this request? (the owner is told)');
    if (!reason || reason.trim().length < 3) return;
    try {
      await cancelFootage(id, reason.trim());
      onChanged();
    } catch (e) {
      setProblem((e as Error).message);
    }
  }
  const headingId = `footage-list-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <>
      <h3 id={headingId}>{title}</h3>
      {problem && <p className="field-error" role="alert">{problem}</p>}
      {requests.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="camera-table" aria-labelledby={headingId}>
          <thead><tr><th scope="col">Camera</th><th scope="col">Window</th><th scope="col">Incident</th><th scope="col">State</th><th scope="col">File</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {requests.map((f) => (
              <tr key={f.id}>
                <td>{f.cameraName}</td>
                <td>{when(f.from)} – {new Date(f.to).toLocaleTimeString(undefined, { timeStyle: 'short' })}</td>
                <td>{f.incidentNumber}</td>
                <td><span className={`badge ${STATE_CLASS[f.state] ?? ''}`}>{f.state}</span>{f.ownerNote ? <span className="small"> “{f.ownerNote}”</span> : null}</td>
                <td>{f.file ? <span className="small">evidence #{f.file.evidenceId ?? '?'} · {(f.file.bytes / 1e6).toFixed(1)} MB · sha256 {f.file.sha256.slice(0, 12)}…</span> : ''}</td>
                <td>{canCancel && (f.state === 'requested' || f.state === 'approved') && <button type="button" className="secondary small-btn" onClick={() => void cancel(f.id)}>Withdraw</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
