import { useState, type FormEvent } from 'react';
import type { TourBlockedDate } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { shortDate } from './TourMonthView';

/** Days closed to tours (drills, holidays): add one with a reason, or open one again. */
export function BlockedDatesPanel(props: { blocked: TourBlockedDate[]; busy: boolean; onBlock: (date: string, reason: string) => Promise<ApiError | null>; onUnblock: (date: string) => void }) {
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const err = await props.onBlock(date, reason);
    setError(err);
    if (!err) {
      setDate('');
      setReason('');
    }
  }
  return (
    <section className="panel" aria-labelledby="tour-blocked-h">
      <h2 id="tour-blocked-h">Blocked days</h2>
      <form className="tour-inline-form" onSubmit={submit}>
        <label htmlFor="tour-block-date">Date</label>
        <input id="tour-block-date" type="date" value={date} required aria-invalid={Boolean(error?.fields.date)} onChange={(e) => setDate(e.target.value)} />
        <label htmlFor="tour-block-reason">Reason (staff only)</label>
        <input id="tour-block-reason" value={reason} maxLength={200} required aria-invalid={Boolean(error?.fields.reason)} placeholder="e.g. evacuation drill" onChange={(e) => setReason(e.target.value)} />
        <button type="submit" disabled={props.busy || !date || !reason.trim()}>
          Block day
        </button>
        {error && (
          <p role="alert" className="error">
            {error.message}
          </p>
        )}
      </form>
      {props.blocked.length === 0 ? (
        <p className="muted">No days blocked from today on.</p>
      ) : (
        <ul className="tour-blocked-list">
          {props.blocked.map((b) => (
            <li key={b.date}>
              <span>
                <strong>{shortDate(b.date)}</strong> {b.reason}
              </span>
              <button type="button" className="secondary small-btn" disabled={props.busy} aria-label={`Unblock ${shortDate(b.date)}`} onClick={() => props.onUnblock(b.date)}>
                Unblock
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
