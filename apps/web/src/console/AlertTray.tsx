import { formatElapsed, useNow } from '../shared/time';
import type { TimerAlert } from './timer-rules';

/** Timers that ran out, newest urgency first; each can be acknowledged (F12 acknowledges all). */
export function AlertTray({ alerts, acknowledged, onAcknowledge, onSelectIncident }: { alerts: TimerAlert[]; acknowledged: Set<string>; onAcknowledge: (ids: string[]) => void; onSelectIncident: (id: number) => void }) {
  const now = useNow();
  const open = alerts.filter((a) => !acknowledged.has(a.id));
  return (
    <section className="panel alerts" aria-labelledby="alerts-h">
      <h2 id="alerts-h">Timers {open.length > 0 && <span className="badge danger">{open.length}</span>}</h2>
      {alerts.length === 0 ? (
        <p className="muted small">No timer has run out.</p>
      ) : (
        <ul className="alert-list" aria-live="assertive">
          {alerts.map((a) => {
            const acked = acknowledged.has(a.id);
            return (
              <li key={a.id} className={`alert ${a.severity} ${acked ? 'acked' : 'flash'}`}>
                <button type="button" className="link" onClick={() => a.incidentId !== null && onSelectIncident(a.incidentId)}>{a.text}</button>
                <span className="mono muted small">{formatElapsed(now - a.since)} over</span>
                {!acked && <button type="button" className="small-btn" onClick={() => onAcknowledge([a.id])}>Ack</button>}
              </li>
            );
          })}
        </ul>
      )}
      {open.length > 1 && <button type="button" className="secondary small-btn" onClick={() => onAcknowledge(open.map((a) => a.id))}>Acknowledge all (F12)</button>}
    </section>
  );
}
