import { useEffect, useState } from 'react';
import type { CareEnrolment } from '@openpsap/contract';
import { loadEnrolment } from './care-api';
import { localTime } from './care-format';

/**
 * One senior's whole record: contacts, notes for responders, the check-in code and link, and the
 * last two weeks. Opened only with a purpose, which the server audits with the read.
 */
export function CareRecord({ id, purpose, onClose }: { id: number; purpose: string; onClose: () => void }) {
  const [record, setRecord] = useState<CareEnrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    loadEnrolment(id, purpose).then((r) => !stop && setRecord(r), (e: Error) => !stop && setError(e.message));
    return () => {
      stop = true;
    };
  }, [id, purpose]);
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!record) return <p className="muted">Loading the record…</p>;
  return (
    <section className="care-record panel" aria-labelledby="care-record-h">
      <div className="care-record-head">
        <h3 id="care-record-h">{record.personName}</h3>
        <button type="button" className="secondary small-btn" onClick={onClose}>Close record</button>
      </div>
      <dl className="care-facts">
        <dt>Address</dt>
        <dd>{record.address}{record.located ? '' : ' (not placed on the map)'}</dd>
        <dt>Phone</dt>
        <dd>{record.phone ?? 'none (no SMS reminders)'}</dd>
        <dt>Window</dt>
        <dd>{record.windowStart}–{record.windowEnd}, {record.days.join(' ')}; welfare check after {record.escalationMinutes} min</dd>
        <dt>Contacts</dt>
        <dd>
          <ul className="care-plain">
            {record.contacts.map((c, i) => (
              <li key={i}>{c.name} ({c.relation}) <span className="mono">{c.phone}</span></li>
            ))}
          </ul>
        </dd>
        <dt>Notes</dt>
        <dd>{record.notes ?? 'none'}</dd>
        <dt>Check-in code</dt>
        <dd className="mono care-code">{record.checkInCode}</dd>
        <dt>Personal link</dt>
        <dd className="mono care-link">{record.checkInLink}</dd>
      </dl>
      <table className="care-days-table">
        <caption>Last scheduled days</caption>
        <thead>
          <tr><th scope="col">Date</th><th scope="col">Reminder</th><th scope="col">Check-in</th><th scope="col">Missed</th><th scope="col">Welfare check</th></tr>
        </thead>
        <tbody>
          {record.recentDays.map((d) => (
            <tr key={d.date}>
              <td>{d.date}</td>
              <td>{localTime(d.reminderSentAt)}</td>
              <td>{d.checkedInAt ? `${localTime(d.checkedInAt)} ${d.checkedInVia === 'staff' ? `by phone (${d.checkedInBy})` : `by ${d.checkedInVia}`}` : ''}</td>
              <td>{localTime(d.missedAt)}</td>
              <td>{localTime(d.escalatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
