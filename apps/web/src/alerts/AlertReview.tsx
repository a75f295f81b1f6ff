import { useState } from 'react';
import { ALERT_KIND_LABELS, WEA_LONG_MAX, WEA_SHORT_MAX, type Alert, type SessionUser } from '@openpsap/contract';
import { ApiError } from '../api/client';
import type { AlertsApi } from './alerts-api';
import { toLocalInput } from './alert-form';
import { CapPreview } from './CapPreview';
import { CriteriaChecklist } from './CriteriaChecklist';
import { STATE_LABELS } from './alert-labels';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** An alert read by someone other than its drafter: the approval view, and Update / Cancel once issued. */
export function AlertReview({ alert: a, user, api, onChanged }: { alert: Alert; user: SessionUser; api: AlertsApi; onChanged: (a: Alert) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [edit, setEdit] = useState<{ headline: string; description: string; instruction: string; weaShort: string; weaLong: string; expiresAt: string } | null>(null);
  const supervisor = user.role === 'supervisor';
  const mine = a.draftedById === user.id;
  const live = a.state === 'issued' || a.state === 'updated';

  async function act(f: () => Promise<Alert>) {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      onChanged(await f());
      setReason('');
      setEdit(null);
    } catch (e) {
      setFields(e instanceof ApiError ? e.fields : {});
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="alert-review" aria-labelledby="review-h">
      <h2 id="review-h">{ALERT_KIND_LABELS[a.kind]} #{a.id} — {STATE_LABELS[a.state]}</h2>
      {a.hasPhoto && <img className="alert-photo" src={api.photoUrl(a)} alt="Photo published with the alert" />}
      <h3 className="alert-headline">{a.headline}</h3>
      <p className="pre">{a.description}</p>
      {a.instruction && <p><strong>Instruction:</strong> {a.instruction}</p>}
      {a.vehicle && <p><strong>Vehicle:</strong> {a.vehicle}</p>}
      {a.lastSeen && <p><strong>Last seen:</strong> {a.lastSeen}</p>}
      <dl className="alert-facts">
        <dt>Event</dt><dd>{a.event} (SAME {a.sameCode})</dd>
        <dt>WEA</dt><dd>{a.weaShort} <span className="small muted">({a.weaShort.length}/{WEA_SHORT_MAX})</span></dd>
        <dt>WEA long</dt><dd>{a.weaLong || '—'} <span className="small muted">({a.weaLong.length}/{WEA_LONG_MAX})</span></dd>
        <dt>Area</dt><dd>{a.area.areaDesc}{a.area.circle ? `; ${a.area.circle.radiusKm} km around ${a.area.circle.lat}, ${a.area.circle.lon}` : ''}{a.area.polygon ? `; polygon of ${a.area.polygon.length} points` : ''}{a.area.sameGeocodes.length ? `; SAME ${a.area.sameGeocodes.join(' ')}` : ''}</dd>
        <dt>Expires</dt><dd>{when(a.expiresAt)}</dd>
        <dt>Drafted</dt><dd>{a.draftedBy}, {when(a.draftedAt)}</dd>
        {a.approvedBy && <><dt>Approved</dt><dd>{a.approvedBy}, {when(a.issuedAt)}</dd></>}
        {a.cancelReason && <><dt>Cancelled</dt><dd>{a.cancelReason}, {when(a.cancelledAt)}</dd></>}
      </dl>
      <CriteriaChecklist set={a.criteriaSet} answers={a.criteria} readOnly />
      {a.messages.length > 0 && (
        <>
          <h3>CAP messages</h3>
          <ol className="small">
            {a.messages.map((m) => <li key={m.id}><span className="badge">{m.msgType}</span> <span className="mono">{m.identifier}</span> {m.sent} by {m.createdBy}</li>)}
          </ol>
          <p className="small"><a href={`/api/v1/public/alerts/${a.id}/cap.xml`} target="_blank" rel="noreferrer">Public CAP message</a> · <a href="/alerts" target="_blank" rel="noreferrer">Public alerts page</a></p>
        </>
      )}
      {a.state !== 'cancelled' && <CapPreview alert={a} api={api} />}

      {a.state === 'draft' && !mine && <p className="muted">{a.draftedBy} is drafting this alert.</p>}
      {a.state === 'awaiting-approval' && mine && <p className="muted" role="status">Waiting for another supervisor to approve. You drafted it, so you cannot approve it.</p>}
      {a.state === 'awaiting-approval' && !mine && !supervisor && <p className="muted">Waiting for a supervisor to approve.</p>}
      {a.state === 'awaiting-approval' && !mine && supervisor && (
        <div className="buttons">
          <button type="button" disabled={busy} onClick={() => act(() => api.approve(a.id))}>Approve and issue</button>
        </div>
      )}

      {live && supervisor && edit && (
        <form className="alert-update" onSubmit={(e) => (e.preventDefault(), void act(() => api.update(a.id, { ...edit, expiresAt: edit.expiresAt ? new Date(edit.expiresAt).toISOString() : null })))}>
          <h3>Update the issued alert</h3>
          {(['headline', 'description', 'instruction', 'weaShort', 'weaLong'] as const).map((k) => (
            <div className="field" key={k}>
              <label htmlFor={`upd-${k}`}>{k === 'weaShort' ? `WEA text (${edit[k].length}/${WEA_SHORT_MAX})` : k === 'weaLong' ? `WEA long text (${edit[k].length}/${WEA_LONG_MAX})` : k[0]!.toUpperCase() + k.slice(1)}</label>
              <textarea id={`upd-${k}`} rows={k === 'description' || k === 'weaLong' ? 3 : 1} value={edit[k]} onChange={(e) => setEdit({ ...edit, [k]: e.target.value })} aria-invalid={fields[k] ? true : undefined} />
              {fields[k] && <p className="error small">{fields[k]}</p>}
            </div>
          ))}
          <div className="field"><label htmlFor="upd-expires">Expires</label><input id="upd-expires" type="datetime-local" value={edit.expiresAt} onChange={(e) => setEdit({ ...edit, expiresAt: e.target.value })} /></div>
          <div className="buttons"><button type="submit" disabled={busy}>Send update</button><button type="button" className="secondary" onClick={() => setEdit(null)}>Close</button></div>
        </form>
      )}

      {((a.state === 'awaiting-approval' && supervisor && !mine) || (live && supervisor) || ((a.state === 'draft' || a.state === 'awaiting-approval') && (mine || supervisor))) && (
        <div className="alert-reason">
          <div className="field">
            <label htmlFor="alert-reason">Reason (to send back, withdraw or cancel)</label>
            <input id="alert-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder={live ? 'Child found safe' : 'What needs fixing'} />
          </div>
          <div className="buttons">
            {live && supervisor && !edit && <button type="button" className="secondary" onClick={() => setEdit({ headline: a.headline, description: a.description, instruction: a.instruction, weaShort: a.weaShort, weaLong: a.weaLong, expiresAt: toLocalInput(a.expiresAt) })}>Update…</button>}
            {a.state === 'awaiting-approval' && supervisor && !mine && <button type="button" className="secondary" disabled={busy || !reason.trim()} onClick={() => act(() => api.sendBack(a.id, reason))}>Send back to drafter</button>}
            <button type="button" className="danger" disabled={busy || !reason.trim()} onClick={() => act(() => api.cancel(a.id, reason))}>{live ? 'Cancel alert (CAP Cancel)' : 'Withdraw'}</button>
          </div>
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </article>
  );
}
