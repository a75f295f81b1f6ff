import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { CautionList } from '../shared/CautionList';
import { MissingPersonCard } from '../shared/MissingPersonCard';
import { EvidenceSection } from '../evidence/EvidenceSection';
import { DISPOSITIONS, type IncidentDetail as Detail, type Recommendation } from '@openpsap/contract';
import { api, ApiError } from '../api/client';
import { clock, formatElapsed, formatEta, useNow } from '../shared/time';

export interface IncidentDetailHandle {
  focusNarrative(): void;
  openClose(): void;
}

interface Props {
  incidentId: number;
  /** Bumps whenever an event for this incident arrives, to reload the detail. */
  version: number;
  canDispatch: boolean;
  onRecommendation: (r: Recommendation | null) => void;
  onDispatchRecommended: () => void;
  runAction: (verb: string, args: string) => void;
  say: (t: string, k?: 'info' | 'error') => void;
}

/**
 * One incident: where (verified or not, zones), who called, what, cautions at the address,
 * possible duplicates nearby, units with their times, the recommendation, narrative and timeline.
 * Every button runs the same action as its key and command-line verb.
 */
export const IncidentDetail = forwardRef<IncidentDetailHandle, Props>(function IncidentDetail({ incidentId, version, canDispatch, onRecommendation, onDispatchRecommended, runAction, say }, ref) {
  const now = useNow();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rec, setRec] = useState<Recommendation | null>(null);
  const [skip, setSkip] = useState<Set<number>>(new Set());
  const [note, setNote] = useState('');
  const [closing, setClosing] = useState(false);
  const [disposition, setDisposition] = useState('');
  const noteRef = useRef<HTMLInputElement>(null);
  const dispRef = useRef<HTMLSelectElement>(null);

  useImperativeHandle(ref, () => ({
    focusNarrative: () => noteRef.current?.focus(),
    openClose: () => {
      setClosing(true);
      window.setTimeout(() => dispRef.current?.focus(), 0);
    },
  }));

  useEffect(() => {
    let stale = false;
    api<Detail>('GET', `/api/v1/incidents/${incidentId}`)
      .then((d) => {
        if (stale) return;
        setDetail(d);
        setError(null);
      })
      .catch((e: Error) => !stale && setError(e.message));
    return () => {
      stale = true;
    };
  }, [incidentId, version]);

  useEffect(() => {
    setSkip(new Set());
    setClosing(false);
  }, [incidentId]);

  useEffect(() => {
    if (!detail || detail.status === 'Closed' || detail.location.lat === null || !canDispatch) {
      setRec(null);
      onRecommendation(null);
      return;
    }
    let stale = false;
    api<Recommendation>('GET', `/api/v1/incidents/${incidentId}/recommendation`)
      .then((r) => {
        if (stale) return;
        setRec(r);
      })
      .catch(() => {
        if (!stale) setRec(null);
      });
    return () => {
      stale = true;
    };
  }, [detail, incidentId, canDispatch, onRecommendation]);

  // What F6 sends: the recommendation less any unit the dispatcher unticked.
  useEffect(() => {
    onRecommendation(rec ? { ...rec, units: rec.units.filter((u) => !skip.has(u.unitId)) } : null);
  }, [rec, skip, onRecommendation]);

  if (error) return <section className="panel detail"><p role="alert" className="error">{error}</p></section>;
  if (!detail) return <section className="panel detail"><p className="muted">Loading incident…</p></section>;
  const d = detail;
  const caller = d.calls[0];
  const toSend = rec?.units.filter((u) => !u.assigned && !skip.has(u.unitId)) ?? [];

  async function addNote() {
    if (!note.trim()) return;
    try {
      await api('POST', `/api/v1/incidents/${d.id}/narrative`, { text: note.trim() });
      setNote('');
    } catch (e) {
      say((e as ApiError).message, 'error');
    }
  }

  async function close() {
    if (!disposition) return dispRef.current?.focus();
    try {
      await api('POST', `/api/v1/incidents/${d.id}/close`, { disposition });
      setClosing(false);
      say(`${d.number} closed (${disposition})`);
    } catch (e) {
      say((e as ApiError).message, 'error');
    }
  }

  return (
    <section className="panel detail" aria-labelledby="detail-h">
      <h2 id="detail-h">
        <span className={`pri-badge p${d.priority}`}>P{d.priority}</span> <span className="mono">{d.number}</span> {d.type}{d.typeName.toUpperCase() === d.type.toUpperCase() ? '' : ` ${d.typeName}`}{' '}
        <span className={`st st-${d.status}`}>{d.status}</span> <small className="muted">{d.agencyCode} · {formatElapsed(now - Date.parse(d.createdAt))}</small>
      </h2>
      {canDispatch && d.status !== 'Closed' && (
        <div className="inline-controls">
          <label htmlFor="detail-priority">Priority</label>
          <select id="detail-priority" value={d.priority} onChange={(e) => runAction('pri', e.target.value)}>
            {[1, 2, 3, 4, 5].map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </div>
      )}
      <div className="facts">
        <div>
          <strong>{d.location.text ?? 'No address'}</strong> {d.location.verified ? <span className="badge ok">verified</span> : <span className="badge warn">unverified</span>}
          <div className="muted small">
            {d.location.lat !== null ? `${d.location.lat.toFixed(5)}, ${d.location.lon!.toFixed(5)}` : 'no map point'}
            {d.zones.police ? ` · district ${d.zones.police}` : ''}{d.zones.fire ? ` · first due ${d.zones.fire}` : ''}{d.zones.ems ? ` · EMS ${d.zones.ems}` : ''}
          </div>
        </div>
        <div>
          {caller ? (
            <>Caller {caller.callerName ?? 'unknown'} · callback <span className="mono">{caller.callbackNumber ?? '—'}</span> <span className="muted small">({caller.source}, {clock(caller.presentedAt)})</span></>
          ) : (
            <span className="muted">No call attached</span>
          )}
        </div>
      </div>
      <CautionList cautions={d.cautions} purpose={`incident ${d.agencyCode} ${d.number}`} />
      {d.missingPersons.map((m) => <MissingPersonCard key={m.reportId} profile={m} purpose={`incident ${d.agencyCode} ${d.number}`} />)}
      {d.nearby.length > 0 && (
        <div className="warn-box small">
          Nearby open incidents: {d.nearby.map((n) => `${n.number} ${n.typeName} ${n.distanceM} m (${n.status})`).join('; ')}
        </div>
      )}

      {d.units.length > 0 && (
        <table className="times" aria-label="Units on this incident">
          <thead>
            <tr><th>Unit</th><th>Status</th><th>Disp</th><th>En route</th><th>On scene</th><th>Transp</th><th>Hosp</th><th></th></tr>
          </thead>
          <tbody>
            {d.units.map((u) => (
              <tr key={u.id}>
                <td className="mono">{u.callSign}</td>
                <td><span className={`chip s-${u.status}`}>{u.status}</span></td>
                <td className="mono">{clock(u.dispatchedAt)}</td>
                <td className="mono">{clock(u.enrouteAt)}</td>
                <td className="mono">{clock(u.onsceneAt)}</td>
                <td className="mono">{clock(u.transportingAt)}</td>
                <td className="mono">{clock(u.hospitalAt)}</td>
                <td className="unit-actions">
                  <button type="button" className="small-btn" onClick={() => runAction('er', u.callSign)} title="En route (F7 / er)">ER</button>
                  <button type="button" className="small-btn" onClick={() => runAction('os', u.callSign)} title="On scene (F8 / os)">OS</button>
                  <button type="button" className="small-btn" onClick={() => runAction('av', u.callSign)} title="Available (F10 / av)">AV</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {canDispatch && d.status !== 'Closed' && (
        <div className="recommendation" aria-label="Recommended units">
          {d.location.lat === null ? (
            <p className="muted small">Set a map location to get recommended units.</p>
          ) : !rec ? (
            <p className="muted small">Working out the closest units…</p>
          ) : (
            <>
              <div className="rec-head">
                <strong>{rec.plan.name}</strong>
                <button type="button" onClick={onDispatchRecommended} disabled={toSend.length === 0}>
                  Dispatch {toSend.length ? toSend.map((u) => u.callSign).join(' ') : 'recommended'} (F6)
                </button>
              </div>
              <ul className="rec-list">
                {rec.units.map((u) => (
                  <li key={u.unitId}>
                    <label>
                      <input type="checkbox" disabled={u.assigned} checked={u.assigned || !skip.has(u.unitId)} onChange={() => setSkip((s) => { const n = new Set(s); if (n.has(u.unitId)) n.delete(u.unitId); else n.add(u.unitId); return n; })} />
                      <span className="mono">{u.callSign}</span> <span className="muted">{u.requirement}</span> <span className="mono">{u.assigned ? 'on it' : formatEta(u.etaSeconds)}</span>
                      {u.distanceMeters !== null && !u.assigned && <span className="muted small"> {(u.distanceMeters / 1000).toFixed(1)} km · {u.from}</span>}
                      {u.substitution && <span className="small muted"> · {u.substitution}</span>}
                    </label>
                  </li>
                ))}
              </ul>
              {rec.unfilled.length > 0 && <p className="error small">No unit available for: {rec.unfilled.map((f) => `${f.missing} × ${f.requirement}`).join(', ')}</p>}
            </>
          )}
        </div>
      )}

      <EvidenceSection incidentId={d.id} label={`${d.agencyCode} ${d.number}`} version={version} closed={d.status === 'Closed'} defaultPhone={caller?.callbackNumber ?? null} say={say} />

      <div className="narrative">
        <h3>Narrative</h3>
        <ol>
          {d.narrative.map((n) => (
            <li key={n.id} className={n.kind}>
              <span className="mono muted">{clock(n.at)}</span> <span className="muted">{n.author}</span> {n.text}
            </li>
          ))}
        </ol>
        <form onSubmit={(e) => { e.preventDefault(); void addNote(); }} className="inline">
          <label htmlFor="detail-note" className="sr-only">Add narrative</label>
          <input id="detail-note" ref={noteRef} placeholder="Add narrative (F9), Enter to save" value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="secondary">Add</button>
        </form>
      </div>

      {canDispatch && d.status !== 'Closed' && (
        <div className="close-row">
          {closing ? (
            <form className="inline" onSubmit={(e) => { e.preventDefault(); void close(); }}>
              <label htmlFor="detail-disposition">Disposition</label>
              <select id="detail-disposition" ref={dispRef} value={disposition} onChange={(e) => setDisposition(e.target.value)}>
                <option value="">Choose…</option>
                {DISPOSITIONS.map((x) => <option key={x.code} value={x.code}>{x.code} {x.name}</option>)}
              </select>
              <button type="submit">Close incident</button>
              <button type="button" className="secondary" onClick={() => setClosing(false)}>Cancel</button>
            </form>
          ) : (
            <button type="button" className="secondary" onClick={() => { setClosing(true); window.setTimeout(() => dispRef.current?.focus(), 0); }}>Close with disposition (F11)</button>
          )}
        </div>
      )}

      <details className="timeline">
        <summary>Timeline ({d.timeline.length})</summary>
        <ol>
          {d.timeline.map((t) => (
            <li key={t.seq}><span className="mono muted">{clock(t.at)}</span> {t.summary} <span className="muted small">{t.actor}</span></li>
          ))}
        </ol>
      </details>
    </section>
  );
});
