import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { PrivacyRequest, SessionUser } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { completeDeletion, downloadExport, listRequests, refuseRequest, subjectText } from './privacy-api';

const STATE_TONE: Record<PrivacyRequest['state'], string> = { open: 'warn', completed: 'ok', refused: '' };

/** "care: enrolments 1, days 2; tours: requests 1" from a request's result counts. */
function resultText(r: PrivacyRequest): string {
  if (!r.result) return '';
  return Object.entries(r.result)
    .map(([what, counts]) => `${what}: ${Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || 'nothing'}`)
    .join('; ');
}

function RefuseForm({ request, onDone, onCancel }: { request: PrivacyRequest; onDone: (m: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = `refuse-${request.id}`;
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    try {
      await refuseRequest(request.id, reason);
      onDone(`Request #${request.id} refused.`);
    } catch (e) {
      setError((e as ApiError).fields?.reason ?? (e as Error).message);
    }
  }
  return (
    <form onSubmit={submit} className="privacy-inline">
      <label htmlFor={id}>Why is request #{request.id} refused?</label>
      <textarea id={id} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined} autoFocus />
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
      <div className="buttons">
        <button type="submit">Refuse request</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

/**
 * The privacy requests: open ones first. A deletion is completed by a supervisor other than the
 * one who recorded it (the server refuses otherwise); the button asks once more before erasing.
 */
export function PrivacyRequests({ user, purpose, version, onChanged }: { user: SessionUser; purpose: string; version: number; onChanged: (m: string) => void }) {
  const [requests, setRequests] = useState<PrivacyRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [refusing, setRefusing] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setRequests(await listRequests(purpose));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [purpose]);

  useEffect(() => {
    void load();
  }, [load, version]);

  async function act(what: () => Promise<string>) {
    try {
      onChanged(await what());
    } catch (e) {
      onChanged(`Not done: ${(e as Error).message}`);
    }
    setConfirming(null);
    setRefusing(null);
    await load();
  }

  return (
    <section className="panel privacy-requests" aria-labelledby="privacy-requests-h">
      <h3 id="privacy-requests-h">Requests</h3>
      {error && <p role="alert" className="error">{error}</p>}
      {!requests && !error && <p className="muted">Loading…</p>}
      {requests && requests.length === 0 && <p className="muted">No requests yet. Search for a person above to start one.</p>}
      {requests && requests.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">#</th><th scope="col">Kind</th><th scope="col">Person</th><th scope="col">Records</th><th scope="col">Requested</th><th scope="col">State</th><th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => {
              const mine = r.requestedById === user.id;
              const open = r.state === 'open';
              return (
                <tr key={r.id} className={open ? 'privacy-open' : undefined}>
                  <td className="mono">{r.id}</td>
                  <td>{r.kind === 'export' ? 'Export' : 'Deletion'}</td>
                  <th scope="row">{subjectText(r.subject)}<br /><span className="muted small privacy-identity">identity: {r.identityCheck}</span></th>
                  <td>{r.refs.length}</td>
                  <td className="small">{r.requestedBy}<br /><span className="muted">{new Date(r.requestedAt).toLocaleString()}</span></td>
                  <td className="small">
                    <span className={`badge ${STATE_TONE[r.state]}`}>{r.state}</span>
                    {r.completedBy && <> by {r.completedBy}</>}
                    {r.refusalReason && <><br />{r.refusalReason}</>}
                    {r.result && <><br /><span className="muted">{resultText(r)}</span></>}
                  </td>
                  <td>
                    <div className="privacy-row-actions">
                      {open && r.kind === 'deletion' && (mine ? (
                        <span className="muted small">Waiting for another supervisor</span>
                      ) : confirming === r.id ? (
                        <>
                          <span className="small">Erase {r.refs.length} record{r.refs.length === 1 ? '' : 's'} for good?</span>
                          <button type="button" className="danger small-btn" onClick={() => void act(async () => {
                            const done = await completeDeletion(r.id);
                            return `Deletion request #${r.id} completed: ${resultText(done)}.`;
                          })}>Erase now</button>
                          <button type="button" className="secondary small-btn" onClick={() => setConfirming(null)}>Cancel</button>
                        </>
                      ) : (
                        <button type="button" className="danger small-btn" onClick={() => setConfirming(r.id)}>Complete deletion<span className="sr-only"> #{r.id}</span></button>
                      ))}
                      {open && r.kind === 'export' && (
                        <button type="button" className="small-btn" onClick={() => void act(async () => `Export request #${r.id}: ${await downloadExport(r.id, { purpose })} downloaded.`)}>
                          Download export<span className="sr-only"> #{r.id}</span>
                        </button>
                      )}
                      {open && refusing !== r.id && confirming !== r.id && (
                        <button type="button" className="secondary small-btn" onClick={() => setRefusing(r.id)}>Refuse<span className="sr-only"> request #{r.id}</span></button>
                      )}
                    </div>
                    {refusing === r.id && <RefuseForm request={r} onCancel={() => setRefusing(null)} onDone={(m) => void act(async () => m)} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
