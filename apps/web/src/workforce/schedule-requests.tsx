import { useEffect, useId, useState } from 'react';
import { POSITION_LABELS, ROSTER_POSITIONS, type RosterPosition } from '@openpsap/contract';
import { scheduleApi, type LeaveRow, type Suggestion, type SwapRow } from './schedule-api';

/** Leave and swaps waiting for a supervisor, and overtime suggestions for a day with a gap. */
export function ScheduleRequests({ version, gapDate, onChanged }: { version: number; gapDate: string | null; onChanged: () => void }) {
  const [leave, setLeave] = useState<LeaveRow[] | null>(null);
  const [swaps, setSwaps] = useState<SwapRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    scheduleApi.leave().then(setLeave, (e: Error) => setError(e.message));
    scheduleApi.swaps().then(setSwaps, (e: Error) => setError(e.message));
  }, [version]);
  const act = (p: Promise<unknown>) => p.then(() => (setError(null), onChanged()), (e: Error) => setError(e.message));
  return (
    <section className="panel" aria-labelledby="req-h">
      <h2 id="req-h">Requests and cover</h2>
      {error && <p role="alert" className="error">{error}</p>}
      <h3>Leave waiting for a decision</h3>
      {!leave ? <p className="muted">Loading…</p> : leave.length === 0 ? <p className="muted small">None.</p> : (
        <ul className="schedule-list">
          {leave.map((l) => (
            <li key={l.id}>
              {l.name}: {l.kind} leave {l.from}{l.to !== l.from ? ` to ${l.to}` : ''} ({l.shiftsAffected} shift{l.shiftsAffected === 1 ? '' : 's'}){' '}
              <button type="button" onClick={() => act(scheduleApi.decideLeave(l.id, true))}>Approve</button>{' '}
              <button type="button" onClick={() => act(scheduleApi.decideLeave(l.id, false))}>Refuse</button>
            </li>
          ))}
        </ul>
      )}
      <h3>Swaps</h3>
      {!swaps ? <p className="muted">Loading…</p> : swaps.length === 0 ? <p className="muted small">None.</p> : (
        <ul className="schedule-list">
          {swaps.map((s) => (
            <li key={s.id}>
              {s.requesterName} gives {s.giveDate} {s.giveShift} to {s.partnerName}{s.takeDate ? `, takes ${s.takeDate}` : ''}{' '}
              {s.requesterAccepted && s.partnerAccepted ? <button type="button" onClick={() => act(scheduleApi.decideSwap(s.id, true))}>Approve</button> : <span className="badge warn">waiting for {s.requesterAccepted ? s.partnerName : s.requesterName}</span>}{' '}
              <button type="button" onClick={() => act(scheduleApi.decideSwap(s.id, false))}>Refuse</button>
            </li>
          ))}
        </ul>
      )}
      <OvertimeFill key={gapDate ?? ''} initialDate={gapDate} onBooked={onChanged} />
    </section>
  );
}

function OvertimeFill({ initialDate, onBooked }: { initialDate: string | null; onBooked: () => void }) {
  const [date, setDate] = useState(initialDate ?? '');
  const [shift, setShift] = useState<'D' | 'N'>('D');
  const [position, setPosition] = useState<RosterPosition>('call-taker');
  const [list, setList] = useState<Suggestion[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const ids = { date: useId(), shift: useId(), position: useId() };
  useEffect(() => {
    if (!date) return;
    setList(null);
    scheduleApi.suggestions(date, shift, position).then(setList, (e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, [date, shift, position]);
  return (
    <>
      <h3>Overtime cover</h3>
      <div className="schedule-row">
        <label htmlFor={ids.date}>Date</label>
        <input id={ids.date} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <label htmlFor={ids.shift}>Shift</label>
        <select id={ids.shift} value={shift} onChange={(e) => setShift(e.target.value as 'D' | 'N')}><option value="D">Day</option><option value="N">Night</option></select>
        <label htmlFor={ids.position}>Position</label>
        <select id={ids.position} value={position} onChange={(e) => setPosition(e.target.value as RosterPosition)}>{ROSTER_POSITIONS.map((p) => <option key={p} value={p}>{POSITION_LABELS[p]}</option>)}</select>
      </div>
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'schedule-ok'}>{message.text}</p>}
      {!date ? <p className="muted small">Pick a date (or a short day in the calendar) to see who could cover, fairest first.</p> : !list ? <p className="muted">Loading…</p> : list.length === 0 ? <p className="muted small">Nobody of that position is free without breaking the 16-hour rule.</p> : (
        <table>
          <thead><tr><th scope="col">#</th><th scope="col">Member</th><th scope="col">Team</th><th scope="col">Overtime, 90 days</th><th scope="col">Hired</th><th scope="col"><span className="sr-only">Book</span></th></tr></thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.staffId}>
                <td className="mono">{s.rank}</td><td>{s.name}</td><td>{s.team ?? ''}</td><td className="mono">{s.overtimeHours90d} h</td><td className="mono">{s.hiredOn ?? ''}</td>
                <td>
                  <button type="button" onClick={() => scheduleApi.bookOvertime({ staffId: s.staffId, date, shift, position }).then(() => { setMessage({ kind: 'ok', text: `${s.name} booked for ${date} ${shift === 'D' ? 'day' : 'night'}.` }); setList(null); onBooked(); scheduleApi.suggestions(date, shift, position).then(setList, () => undefined); }, (e: Error) => setMessage({ kind: 'error', text: e.message }))}>
                    Book {s.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
