import { useEffect, useState, type FormEvent } from 'react';
import type { TourDetail, TourPeriod, TourSummary } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { loadTourDetail, staffIcsUrl } from './tours-api';
import { shortDate } from './TourMonthView';

/** What the officer asked for; the calendar screen runs it and reports back. */
export type TourAction =
  | { kind: 'confirm'; date: string; period: TourPeriod }
  | { kind: 'decline'; message: string }
  | { kind: 'cancel'; message: string };

const PERIOD_LABEL: Record<TourPeriod, string> = { morning: 'Morning', afternoon: 'Afternoon' };

/** The contact details of a request, shown only after the officer asks, with the purpose audited. */
function ContactDetails({ tour, purpose }: { tour: TourSummary; purpose: string | undefined }) {
  const [own, setOwn] = useState('');
  const [detail, setDetail] = useState<TourDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDetail(null);
    setError(null);
  }, [tour.id]);
  const why = (purpose ?? own).trim();
  async function show(e: FormEvent) {
    e.preventDefault();
    try {
      setDetail(await loadTourDetail(tour.id, why));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  if (detail) {
    return (
      <dl className="tour-facts" aria-label="Contact details">
        <dt>Contact</dt>
        <dd>{detail.contactName}</dd>
        {detail.email && (
          <>
            <dt>E-mail</dt>
            <dd>
              <a href={`mailto:${detail.email}`}>{detail.email}</a>
            </dd>
          </>
        )}
        {detail.phone && (
          <>
            <dt>Phone</dt>
            <dd className="mono">{detail.phone}</dd>
          </>
        )}
        <dt>Accessibility</dt>
        <dd>{detail.accessibility ?? 'None given'}</dd>
        <dt>Their message</dt>
        <dd>{detail.message ?? 'None'}</dd>
      </dl>
    );
  }
  return (
    <form className="tour-inline-form" onSubmit={show}>
      {purpose === undefined && (
        <>
          <label htmlFor="tour-purpose">Why you need the contact details</label>
          <input id="tour-purpose" value={own} maxLength={300} onChange={(e) => setOwn(e.target.value)} placeholder="e.g. call to agree another date" />
        </>
      )}
      <button type="submit" className="secondary" disabled={why.length < 3}>
        Show contact details
      </button>
      <span className="muted small">The view is recorded with {purpose === undefined ? 'this purpose' : 'your stated purpose'}.</span>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

/**
 * What an officer can do with the selected request or tour: confirm it into one of its wishes or
 * any other slot, decline it, or cancel a confirmed tour, each with the message the requester gets.
 */
export function TourActions(props: { tour: TourSummary; purpose: string | undefined; busy: boolean; error: ApiError | null; onAction: (a: TourAction) => void }) {
  const { tour } = props;
  const [date, setDate] = useState('');
  const [period, setPeriod] = useState<TourPeriod>('morning');
  const [message, setMessage] = useState('');
  useEffect(() => {
    setDate('');
    setMessage('');
  }, [tour.id]);
  const dateError = props.error?.fields.date;
  const messageError = props.error?.fields.message;
  const waiting = tour.state === 'requested';
  return (
    <div className="tour-actions">
      <h3>
        <span className="mono">{tour.reference}</span> {tour.organisation}
      </h3>
      <p>
        {tour.groupSize} people · ages {tour.ages} · {tour.lang === 'es' ? 'Spanish' : 'English'} · received {shortDate(tour.requestedOn)}
        {tour.state === 'confirmed' && tour.tourDate && tour.period && (
          <>
            {' '}
            · <strong>booked {shortDate(tour.tourDate)}, {PERIOD_LABEL[tour.period].toLowerCase()}</strong>
          </>
        )}
      </p>
      <ContactDetails tour={tour} purpose={props.purpose} />
      {props.error && !dateError && !messageError && (
        <p role="alert" className="error">
          {props.error.message}
        </p>
      )}
      {waiting && (
        <>
          <h4>Their choices</h4>
          <ul className="tour-wishes">
            {tour.preferences.map((p) => (
              <li key={`${p.date}-${p.period}`}>
                <button type="button" disabled={props.busy} onClick={() => props.onAction({ kind: 'confirm', date: p.date, period: p.period })}>
                  Confirm {shortDate(p.date)}, {p.period}
                </button>
              </li>
            ))}
          </ul>
          <form className="tour-inline-form" onSubmit={(e) => (e.preventDefault(), props.onAction({ kind: 'confirm', date, period }))}>
            <h4>Another slot</h4>
            <label htmlFor="tour-other-date">Date</label>
            <input id="tour-other-date" type="date" value={date} required aria-invalid={Boolean(dateError)} aria-describedby={dateError ? 'tour-other-date-error' : undefined} onChange={(e) => setDate(e.target.value)} />
            <label htmlFor="tour-other-period">Slot</label>
            <select id="tour-other-period" value={period} onChange={(e) => setPeriod(e.target.value as TourPeriod)}>
              <option value="morning">Morning</option>
              <option value="afternoon">Afternoon</option>
            </select>
            <button type="submit" disabled={props.busy || !date}>
              Confirm this slot
            </button>
            {dateError && (
              <p id="tour-other-date-error" role="alert" className="error">
                {dateError}
              </p>
            )}
          </form>
        </>
      )}
      {tour.state === 'confirmed' && (
        <p>
          <a className="tour-button-link" href={staffIcsUrl(tour.id)} download={`tour-${tour.reference}.ics`}>
            Download calendar file (.ics)
          </a>
        </p>
      )}
      {(waiting || tour.state === 'confirmed') && (
        <form className="tour-message-form" onSubmit={(e) => (e.preventDefault(), props.onAction(waiting ? { kind: 'decline', message } : { kind: 'cancel', message }))}>
          <label htmlFor="tour-staff-message">{waiting ? 'Message to the requester when declining' : 'Message to the requester when cancelling'}</label>
          <textarea id="tour-staff-message" rows={3} maxLength={2000} value={message} aria-invalid={Boolean(messageError)} aria-describedby={messageError ? 'tour-staff-message-error' : undefined} onChange={(e) => setMessage(e.target.value)} />
          {messageError && (
            <p id="tour-staff-message-error" role="alert" className="error">
              {messageError}
            </p>
          )}
          <button type="submit" className="danger" disabled={props.busy || !message.trim()}>
            {waiting ? 'Decline request' : 'Cancel tour'}
          </button>
        </form>
      )}
      {!waiting && tour.state !== 'confirmed' && <p className="muted">This request is {tour.state}.</p>}
    </div>
  );
}
