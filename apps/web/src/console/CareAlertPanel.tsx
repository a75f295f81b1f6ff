import { useEffect, useState } from 'react';
import type { CareAlert, CareAlertDetail } from '@openpsap/contract';
import { api, ApiError } from '../api/client';
import { formatElapsed, useNow } from '../shared/time';

const PURPOSE = 'Active call or incident: CARE missed check-in';

/**
 * A CARE missed check-in as the call-taker works it: who, where, whom to call, how long until a
 * welfare check goes out by itself; resolve after reaching the senior, or send the check now.
 */
export function CareAlertPanel({ alert, onDone, say }: { alert: CareAlert; onDone: () => void; say: (text: string, kind?: 'info' | 'error') => void }) {
  const now = useNow();
  const [detail, setDetail] = useState<CareAlertDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setDetail(null);
    setError(null);
    api<CareAlertDetail>('GET', `/api/v1/care/alerts/${alert.id}?purpose=${encodeURIComponent(PURPOSE)}`).then(setDetail, (e: Error) => setError(e.message));
  }, [alert.id]);

  async function act(fn: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await fn();
      say(done);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const left = Date.parse(alert.escalatesAt) - now;
  const e = detail?.enrolment;
  return (
    <section className="panel detail care-alert" aria-labelledby="care-alert-h">
      <h2 id="care-alert-h">CARE missed check-in</h2>
      <p>
        <strong>{alert.personName}</strong> · {alert.address}
        <br />
        <span className="small">Window ended {new Date(alert.windowEnd).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false })} on {alert.date} · missed {formatElapsed(Math.max(0, now - Date.parse(alert.openedAt)))} ago</span>
      </p>
      <p className={left <= 0 ? 'error' : 'warn-box'} role="timer">
        {left > 0 ? `A welfare check goes out by itself in ${formatElapsed(left)}.` : 'The welfare check is due now.'}
      </p>
      {error && <p role="alert" className="error">{error}</p>}
      {!detail && !error && <p className="muted">Loading the senior's record…</p>}
      {e && (
        <dl className="kv">
          <dt>Phone</dt>
          <dd className="mono">{e.phone ?? 'none on file'}</dd>
          <dt>Contacts</dt>
          <dd>{e.contacts.map((c) => `${c.name} (${c.relation}) ${c.phone}`).join('\n')}</dd>
          {e.notes && (
            <>
              <dt>Notes</dt>
              <dd>{e.notes}</dd>
            </>
          )}
        </dl>
      )}
      <label htmlFor="care-note">How the senior was reached (to resolve)</label>
      <input id="care-note" value={note} onChange={(x) => setNote(x.target.value)} placeholder="Spoke with her by phone; she is fine" />
      <div className="buttons">
        <button type="button" disabled={busy || !note.trim()} onClick={() => void act(() => api('POST', `/api/v1/care/alerts/${alert.id}/resolve`, { note: note.trim() }), `CARE ${alert.personName}: resolved`)}>Resolve (reached)</button>
        <button type="button" className="danger" disabled={busy} onClick={() => void act(() => api('POST', `/api/v1/care/alerts/${alert.id}/escalate`), `CARE ${alert.personName}: welfare check created`)}>Create welfare check now</button>
      </div>
    </section>
  );
}
