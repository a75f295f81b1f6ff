import { useEffect, useState } from 'react';
import { POSITION_LABELS, type LiveStaffing } from '@openpsap/contract';
import { scheduleApi } from './schedule-api';
import { SchedulePositionPicker } from './schedule-position-picker';
import './schedule.css';

/** Who is on the floor now, per position, against the minimum for this hour; shortfalls stand out. */
export function ScheduleLiveStaffing() {
  const [data, setData] = useState<LiveStaffing | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    const load = () => scheduleApi.live().then((d) => !stop && (setData(d), setError(null)), (e: Error) => !stop && setError(e.message));
    void load();
    const t = window.setInterval(load, 15_000);
    return () => {
      stop = true;
      window.clearInterval(t);
    };
  }, []);
  const short = data?.positions.filter((p) => p.shortfall > 0) ?? [];
  return (
    <div className="schedule">
      <section className="panel" aria-labelledby="live-h">
        <h2 id="live-h">Staffing now</h2>
        <p className="muted small">
          From the roster and the position each person chose at sign-in; updated every 15 s. <SchedulePositionPicker />
        </p>
        {error && <p role="alert" className="error">{error}</p>}
        {!data && !error && <p className="muted">Loading…</p>}
        {data && (
          <>
            <p role="status" className={short.length ? 'schedule-alert' : 'schedule-ok'}>
              {short.length === 0
                ? `Every position meets its minimum for ${String(data.localHour).padStart(2, '0')}:00.`
                : `Short at ${short.map((p) => `${POSITION_LABELS[p.position]} (${p.shortfall})`).join(', ')} for ${String(data.localHour).padStart(2, '0')}:00.`}
            </p>
            <table className="schedule-live">
              <thead><tr><th scope="col">Position</th><th scope="col">Minimum</th><th scope="col">Signed in</th><th scope="col">On shift by the roster</th><th scope="col">Short</th></tr></thead>
              <tbody>
                {data.positions.map((p) => (
                  <tr key={p.position} className={p.shortfall > 0 ? 'short' : undefined}>
                    <th scope="row">{POSITION_LABELS[p.position]}</th>
                    <td className="mono">{p.minimum}</td>
                    <td>{p.signedIn.length ? p.signedIn.map((s) => s.name).join(', ') : <span className="muted">nobody</span>} <span className="mono">({p.signedIn.length})</span></td>
                    <td>{p.scheduled.length ? p.scheduled.map((s) => `${s.name}${s.team ? ` (${s.team})` : ''}`).join(', ') : <span className="muted">nobody</span>}</td>
                    <td>{p.shortfall > 0 ? <span className="badge danger">{p.shortfall} short</span> : <span className="badge ok">met</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.withoutPosition.length > 0 && (
              <p className="small">Signed in without a position: {data.withoutPosition.map((w) => w.name).join(', ')}</p>
            )}
          </>
        )}
      </section>
    </div>
  );
}
