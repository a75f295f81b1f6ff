import { useEffect, useState } from 'react';
import { KeyValueRow } from '../shared/KeyValueRow';
import { CONDITION_LABELS } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { PlaceAddress } from './PlaceAddress';
import { reviewApi, type Detail } from './review-api';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : '—');


/** One notice for review: everything the family wrote, where it will be placed, and the decisions. */
export function ReviewDetail({ id, purpose, onChanged }: { id: number; purpose: string; onChanged: (message: string) => void }) {
  const r = reviewApi(purpose);
  const [d, setD] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [placed, setPlaced] = useState<{ lat: number; lon: number; label: string } | null>(null);
  const [placing, setPlacing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);

  useEffect(() => {
    let live = true;
    setD(null);
    setError(null);
    setPlaced(null);
    setPlacing(false);
    setMessage('');
    setConfirmWithdraw(false);
    r.one(id).then((x) => live && setD(x), (e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, purpose]);

  async function act(label: string, fn: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onChanged(label);
      setD(await r.one(id));
      setMessage('');
      setPlacing(false);
    } catch (e) {
      setError(e instanceof ApiError && e.fields.location ? `${e.fields.location}` : (e as Error).message);
      if (e instanceof ApiError && e.fields.location) setPlacing(true);
    } finally {
      setBusy(false);
    }
  }

  if (error && !d) return <p role="alert" className="error">{error}</p>;
  if (!d) return <p className="muted" aria-live="polite">Loading the notice…</p>;
  const f = d.form;
  const open = d.state === 'pending' || d.state === 'needs-info';
  const confident = d.location && (d.location.score ?? 0) >= 0.85;
  const where = placed ?? (d.location ? { lat: d.location.lat, lon: d.location.lon, label: d.location.label ?? '' } : null);
  return (
    <article className="panel sn-detail" aria-labelledby="sn-detail-h">
      <h2 id="sn-detail-h">
        {f.person.firstName} {f.person.lastName}
        <span className={`badge ${d.state === 'approved' ? (d.expired ? 'danger' : 'ok') : d.state === 'rejected' || d.state === 'withdrawn' ? '' : 'warn'}`}>{d.expired ? 'expired' : d.state}</span>
        <span className="mono muted">SN-{String(d.id).padStart(6, '0')}</span>
      </h2>
      <div className="sn-top">
        {d.hasPhoto && <img className="sn-photo" src={r.photoUrl(d.id)} alt={`Photo of ${f.person.firstName} ${f.person.lastName}`} />}
        <dl className="kv">
          <KeyValueRow label="Preferred name" value={f.person.preferredName} />
          <KeyValueRow label="Born" value={f.person.dateOfBirth} />
          <KeyValueRow label="Address" value={[f.address.street, f.address.unit && `Unit ${f.address.unit}`, f.address.city, f.address.zip].filter(Boolean).join(', ')} />
          <KeyValueRow label="Submitted" value={when(d.submittedAt)} />
          <KeyValueRow label="Updated" value={d.updatedAt !== d.submittedAt ? when(d.updatedAt) : null} />
          <KeyValueRow label="Confirmed" value={d.confirmedAt ? `${day(d.confirmedAt)}, valid to ${day(d.expiresAt)}` : null} />
        </dl>
      </div>

      <section aria-labelledby="sn-where-h" className={`sn-where ${confident || placed ? '' : 'warn-box'}`}>
        <h3 id="sn-where-h">Where the caution goes</h3>
        {where ? (
          <p>
            {where.label || 'point'} <span className="mono muted">{where.lat.toFixed(5)}, {where.lon.toFixed(5)}</span>
            {!placed && d.location?.score != null && <span className="muted"> · match {d.location.score.toFixed(2)}{confident ? '' : ' (not sure: check it)'}</span>}
            {placed && <span className="badge ok">chosen</span>}
          </p>
        ) : (
          <p>The address could not be found on the map. Place it before approving.</p>
        )}
        {open && (placing ? <PlaceAddress initial={f.address.street} onPlace={(p) => (setPlaced(p), setPlacing(false))} /> : <button type="button" className="secondary" onClick={() => setPlacing(true)}>Place it differently…</button>)}
      </section>

      <dl className="kv">
        <KeyValueRow label="Conditions" value={f.conditions.map((c) => (c === 'other' ? `Other: ${f.conditionsOther ?? ''}` : CONDITION_LABELS[c])).join(', ')} />
        <KeyValueRow label="Communicate / calm" value={f.communication} />
        <KeyValueRow label="Medications / devices" value={f.medications} />
        <KeyValueRow label="Equipment" value={f.equipment} />
        <KeyValueRow label="Access" value={f.access} />
        <KeyValueRow label="Contacts" value={f.contacts.map((c) => `${c.name}${c.relationship ? ` (${c.relationship})` : ''} ${c.phone}`).join('; ')} />
        <KeyValueRow label="Submitted by" value={[f.submitter.name, f.submitter.relationship, f.submitter.email, f.submitter.phone].filter(Boolean).join(' · ')} />
        <KeyValueRow label="Consent" value={`${f.consent.signedName}, ${f.consent.signedDate}`} />
        <KeyValueRow label="May wander" value={f.wander ? `Yes: registered in Help Me Home on approval. ${[f.wander.usualClothing && `Wears ${f.wander.usualClothing}`, f.wander.behaviours, f.wander.destinations.map((x) => `${x.label} (${x.address})`).join('; ')].filter(Boolean).join('. ')}` : null} />
        <KeyValueRow label="Last message" value={d.reviewMessage} />
      </dl>

      {error && <p role="alert" className="error">{error}</p>}
      {open && (
        <div className="sn-decide">
          <label htmlFor="sn-msg">Message to the submitter (needed to ask for more or reject; optional note on approval)</label>
          <textarea id="sn-msg" rows={2} value={message} maxLength={2000} onChange={(e) => setMessage(e.target.value)} />
          <div className="buttons">
            <button type="button" disabled={busy} onClick={() => void act('Approved: the caution is active', () => r.approve(d.id, { ...(placed ? { lat: placed.lat, lon: placed.lon } : {}), ...(message.trim() ? { note: message.trim() } : {}) }))}>Approve</button>
            <button type="button" className="secondary" disabled={busy || !message.trim()} onClick={() => void act('Asked the submitter for more', () => r.askMore(d.id, message.trim()))}>Ask for more</button>
            <button type="button" className="secondary" disabled={busy || !message.trim()} onClick={() => void act('Rejected', () => r.reject(d.id, message.trim()))}>Reject</button>
          </div>
        </div>
      )}
      <div className="buttons">
        {d.state === 'approved' && <button type="button" className="secondary" disabled={busy} onClick={() => void act('Confirmed for another year', () => r.reconfirm(d.id))}>Confirmed with the family</button>}
        <a className="button-link" href={r.pdfUrl(d.id)} target="_blank" rel="noreferrer">Print (PDF)</a>
        {d.state !== 'withdrawn' && (confirmWithdraw ? (
          <>
            <button type="button" className="danger" disabled={busy} onClick={() => void act('Withdrawn: the caution is removed', () => r.withdraw(d.id))}>Withdraw for good</button>
            <button type="button" className="secondary" onClick={() => setConfirmWithdraw(false)}>Keep it</button>
          </>
        ) : (
          <button type="button" className="secondary" onClick={() => setConfirmWithdraw(true)}>Withdraw…</button>
        ))}
      </div>

      <details className="sn-history">
        <summary>Trail: who changed or viewed this ({d.history.length})</summary>
        <ol>
          {d.history.map((h, i) => (
            <li key={i}>
              <span className="mono muted">{when(h.at)}</span> {h.actor} — {h.action.replace('special-needs.', '')}
              {h.purpose && <span className="muted"> · {h.purpose}</span>}
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}
