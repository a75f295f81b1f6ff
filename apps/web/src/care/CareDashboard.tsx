import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CareAlert, CareEnrolment, CareEnrolmentSummary, CareToday, SessionUser } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { changeEnrolment, checkInByPhone, loadEnrolments, loadOpenAlerts, loadToday, mayCheckIn, mayManage, resolveAlert } from './care-api';
import { CareRecord } from './CareRecord';
import { EnrolForm } from './EnrolForm';
import { localTime, STATE_LABELS, todayDetails } from './care-format';
import './care.css';

// The board is not on the event stream (community officers have no stream); 30 s matches the
// scheduler, so a missed window shows within a minute either way.
const REFRESH_MS = 30_000;

/** Closes one open alert with a note saying how the senior was reached. */
function ResolveForm({ alert, onDone, onCancel }: { alert: CareAlert; onDone: (msg: string) => void; onCancel: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = `resolve-${alert.id}`;
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    try {
      await resolveAlert(alert.id, note);
      onDone(`Alert for ${alert.personName} resolved.`);
    } catch (e) {
      setError((e as ApiError).fields?.note ?? (e as Error).message);
    }
  }
  return (
    <form className="care-resolve" onSubmit={submit}>
      <label htmlFor={id}>How was {alert.personName} reached?</label>
      <textarea id={id} rows={2} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined} autoFocus />
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
      <div className="buttons">
        <button type="submit">Resolve alert</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

/**
 * The CARE dashboard for staff: today's check-ins (waiting, checked in and how, missed, welfare
 * check), the open alerts, the enrolments and the enrolment form. Buttons appear only for roles
 * the server lets do the action. `purpose`, when the page that mounts this already asked for one,
 * is sent with every read of a whole record; otherwise the dashboard asks for it itself.
 */
export function CareDashboard({ user, purpose: givenPurpose }: { user: SessionUser; purpose?: string }) {
  const [today, setToday] = useState<CareToday | null>(null);
  const [alerts, setAlerts] = useState<CareAlert[]>([]);
  const [enrolments, setEnrolments] = useState<CareEnrolmentSummary[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [status, setStatus] = useState('');
  const [resolving, setResolving] = useState<number | null>(null);
  const [ownPurpose, setOwnPurpose] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [created, setCreated] = useState<CareEnrolment | null>(null);
  const purpose = givenPurpose ?? ownPurpose.trim();
  const manage = mayManage(user.role);
  const checkIn = mayCheckIn(user.role);

  const load = useCallback(async () => {
    try {
      const [t, a, e] = await Promise.all([loadToday(), loadOpenAlerts(), loadEnrolments()]);
      setToday(t);
      setAlerts(a);
      setEnrolments(e);
      setLoadError(null);
      setUpdatedAt(new Date());
    } catch (e) {
      setLoadError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      setStatus(done);
    } catch (e) {
      setStatus(`Not done: ${(e as Error).message}`);
    }
    await load();
  };

  return (
    <div className="care-dashboard">
      <div className="care-head">
        <h2 id="care-h">CARE daily check-ins{today ? ` · ${today.date}` : ''}</h2>
        <span className="muted small">{updatedAt ? `updated ${updatedAt.toLocaleTimeString([], { hour12: false })}` : ''}</span>
        <button type="button" className="secondary small-btn" onClick={() => void load()}>Refresh</button>
      </div>
      <p role="status" className="care-status">{status}</p>
      {loadError && <p role="alert" className="error">{loadError}</p>}

      <section className="panel" aria-labelledby="care-today-h">
        <h3 id="care-today-h">Today</h3>
        {!today ? (
          <p className="muted">Loading…</p>
        ) : today.entries.length === 0 ? (
          <p className="muted">Nobody is enrolled yet.</p>
        ) : (
          <table className="care-board">
            <thead>
              <tr><th scope="col">Person</th><th scope="col">Window</th><th scope="col">Status</th><th scope="col">Details</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {today.entries.map((e) => {
                const label = STATE_LABELS[e.state];
                const canCall = checkIn && (e.state === 'waiting' || e.state === 'upcoming' || e.state === 'missed');
                return (
                  <tr key={e.enrolmentId} className={`care-row care-${e.state}`}>
                    <th scope="row">{e.personName}<br /><span className="muted small">{e.address}</span></th>
                    <td className="mono">{e.windowStart}–{e.windowEnd}</td>
                    <td><span className={`badge ${label.tone}`}>{label.text}</span></td>
                    <td className="small">{todayDetails(e)}</td>
                    <td>
                      {canCall && (
                        <button type="button" className="small-btn" onClick={() => void act(() => checkInByPhone(e.enrolmentId), `${e.personName}: checked in by phone call.`)}>
                          Checked in by phone<span className="sr-only">: {e.personName}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="care-alerts-h">
        <h3 id="care-alerts-h">Open alerts ({alerts.length})</h3>
        {alerts.length === 0 ? (
          <p className="muted">No missed check-ins waiting.</p>
        ) : (
          <ul className="care-plain care-alerts">
            {alerts.map((a) => (
              <li key={a.id} className="care-alert">
                <div>
                  <strong>{a.personName}</strong> · {a.address}{a.phone ? <> · <span className="mono">{a.phone}</span></> : null}
                  <br />
                  <span className="small">missed the window ending {localTime(a.windowEnd)} on {a.date}; welfare check at {localTime(a.escalatesAt)}</span>
                </div>
                {checkIn && resolving !== a.id && (
                  <button type="button" className="small-btn" onClick={() => setResolving(a.id)}>
                    Resolve<span className="sr-only"> alert for {a.personName}</span>
                  </button>
                )}
                {resolving === a.id && (
                  <ResolveForm
                    alert={a}
                    onCancel={() => setResolving(null)}
                    onDone={(msg) => {
                      setResolving(null);
                      setStatus(msg);
                      void load();
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="care-enrolments-h">
        <h3 id="care-enrolments-h">Enrolments ({enrolments.length})</h3>
        {givenPurpose === undefined && (
          <div className="care-purpose">
            <label htmlFor="care-purpose">Purpose of access (recorded with every record you open)</label>
            <input id="care-purpose" value={ownPurpose} onChange={(e) => setOwnPurpose(e.target.value)} placeholder="e.g. program administration" maxLength={200} />
          </div>
        )}
        <table className="care-enrolments">
          <thead>
            <tr><th scope="col">Person</th><th scope="col">Window</th><th scope="col">Days</th><th scope="col">State</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {enrolments.map((e) => (
              <tr key={e.id}>
                <th scope="row">{e.personName}<br /><span className="muted small">{e.address}</span></th>
                <td className="mono">{e.windowStart}–{e.windowEnd}</td>
                <td className="small">{e.days.length === 7 ? 'every day' : e.days.join(' ')}</td>
                <td>{e.active ? 'Active' : <span className="badge">Paused</span>}</td>
                <td>
                  <div className="care-actions">
                  <button type="button" className="secondary small-btn" disabled={purpose.length < 3} title={purpose.length < 3 ? 'State the purpose of access first' : undefined} onClick={() => setOpen(e.id)}>
                    Open record<span className="sr-only"> of {e.personName}</span>
                  </button>
                  {manage && (
                    <button type="button" className="secondary small-btn" onClick={() => void act(() => changeEnrolment(e.id, { active: !e.active }), `${e.personName}: ${e.active ? 'paused' : 'resumed'}.`)}>
                      {e.active ? 'Pause' : 'Resume'}<span className="sr-only"> {e.personName}</span>
                    </button>
                  )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {open !== null && purpose.length >= 3 && <CareRecord id={open} purpose={purpose} onClose={() => setOpen(null)} />}
      </section>

      {manage && (
        <section className="panel" aria-labelledby="care-enrol-h">
          <h3 id="care-enrol-h">Enrol a senior</h3>
          {created && (
            <div className="care-created" role="status">
              <strong>{created.personName} is enrolled.</strong> Give them their check-in code <span className="mono care-code">{created.checkInCode}</span> and
              their personal link <span className="mono care-link">{created.checkInLink}</span>
            </div>
          )}
          <EnrolForm
            onEnrolled={(e) => {
              setCreated(e);
              void load();
            }}
          />
        </section>
      )}
    </div>
  );
}
