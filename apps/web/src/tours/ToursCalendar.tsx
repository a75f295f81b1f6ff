import { useCallback, useEffect, useState } from 'react';
import { addMonths, tourDateProblem, type SessionUser, type TourActionResult, type TourBlockedDate, type TourMonth, type TourPeriod, type TourSummary } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { BlockedDatesPanel } from './BlockedDatesPanel';
import { TourActions, type TourAction } from './TourActions';
import { monthTitle, shortDate, TourMonthView } from './TourMonthView';
import { blockDate, cancelTour, confirmTour, declineTour, loadBlocked, loadMonth, loadWaiting, unblockDate } from './tours-api';
import './tours.css';

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'internal', (e as Error).message));

/** What the officer should know after an action: what changed and whether the requester was told. */
function outcomeText(verb: string, r: TourActionResult): string {
  const t = r.tour;
  const what = t.state === 'confirmed' && t.tourDate && t.period ? `${t.reference} confirmed for ${shortDate(t.tourDate)}, ${t.period}.` : `${t.reference} ${verb}.`;
  if (!r.notice) return `${what} There is no contact to tell.`;
  const by = r.notice.channel === 'email' ? 'e-mail' : 'SMS';
  return r.notice.status === 'sent' ? `${what} The requester was told by ${by}.` : `${what} The ${by} to the requester failed (${r.notice.error ?? 'unknown error'}); contact them another way.`;
}

/**
 * The community services officers' tour calendar: requests waiting, a month of slots with the
 * confirmed tours, and confirming, declining or cancelling with a message to the requester.
 * `purpose` is the access purpose stated on the community services home; without it the screen
 * asks for one before showing contact details.
 */
export function ToursCalendar({ user, purpose }: { user: SessionUser; purpose?: string }) {
  const [month, setMonth] = useState<string | null>(null);
  const [view, setView] = useState<TourMonth | null>(null);
  const [waiting, setWaiting] = useState<TourSummary[]>([]);
  const [blocked, setBlocked] = useState<TourBlockedDate[]>([]);
  const [selected, setSelected] = useState<TourSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let stop = false;
    // The first load asks for the server's current month (the centre's today, not the browser's).
    const wanted = month ?? new Date().toISOString().slice(0, 7);
    loadMonth(wanted).then(
      (v) => {
        if (stop) return;
        if (month === null && v.today.slice(0, 7) !== wanted) setMonth(v.today.slice(0, 7));
        else {
          setView(v);
          if (month === null) setMonth(wanted);
        }
        setLoadError(null);
      },
      (e: Error) => !stop && setLoadError(e.message),
    );
    return () => {
      stop = true;
    };
  }, [month, tick]);

  const today = view?.today;
  useEffect(() => {
    if (!today) return;
    let stop = false;
    Promise.all([loadWaiting(), loadBlocked(today)]).then(
      ([w, b]) => {
        if (stop) return;
        setWaiting(w);
        setBlocked(b);
      },
      (e: Error) => !stop && setLoadError(e.message),
    );
    return () => {
      stop = true;
    };
  }, [today, tick]);

  function select(t: TourSummary) {
    setSelected(t);
    setActionError(null);
    // A waiting request opens on the month of its first wish, where its free slots are.
    if (t.state === 'requested' && t.preferences[0]) setMonth(t.preferences[0].date.slice(0, 7));
  }

  async function act(a: TourAction) {
    if (!selected) return;
    setBusy(true);
    setActionError(null);
    try {
      const r =
        a.kind === 'confirm'
          ? await confirmTour(selected.id, { date: a.date, period: a.period })
          : a.kind === 'decline'
            ? await declineTour(selected.id, a.message)
            : await cancelTour(selected.id, a.message);
      setSelected(r.tour);
      setStatus(outcomeText(a.kind === 'decline' ? 'declined' : 'cancelled', r));
      if (a.kind === 'confirm') setMonth(a.date.slice(0, 7));
      refresh();
    } catch (e) {
      setActionError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  async function block(date: string, reason: string): Promise<ApiError | null> {
    setBusy(true);
    try {
      const b = await blockDate({ date, reason });
      setStatus(`${shortDate(b.date)} blocked for tours.`);
      refresh();
      return null;
    } catch (e) {
      return asApiError(e);
    } finally {
      setBusy(false);
    }
  }

  async function unblock(date: string) {
    setBusy(true);
    try {
      await unblockDate(date);
      setStatus(`${shortDate(date)} is open to tours again.`);
      refresh();
    } catch (e) {
      setStatus(asApiError(e).message);
    } finally {
      setBusy(false);
    }
  }

  const waitingSelected = selected?.state === 'requested' ? selected : null;
  // The same check the server makes, so only slots it would accept are offered; it checks again.
  const canBook = (date: string, period: TourPeriod): boolean => {
    if (!waitingSelected || !view) return false;
    const facts = {
      today: view.today,
      noticeFrom: waitingSelected.requestedOn,
      blockedDates: view.days.filter((d) => d.blocked !== null).map((d) => d.date),
      booked: view.days.flatMap((d) => d.slots.filter((s) => s.tour).map((s) => ({ date: d.date, period: s.period }))),
    };
    return tourDateProblem(view.rules, date, period, facts) === null;
  };
  return (
    <div className="tours-screen" aria-label={`Education tours, signed in as ${user.displayName}`} role="region">
      <p className="tour-status" role="status">
        {status}
      </p>
      {loadError && (
        <p role="alert" className="panel error">
          {loadError}
        </p>
      )}
      <div className="tours-layout">
        <div className="tours-side">
          <section className="panel" aria-labelledby="tour-waiting-h">
            <h2 id="tour-waiting-h">Requests waiting ({waiting.length})</h2>
            {waiting.length === 0 ? (
              <p className="muted">No requests are waiting.</p>
            ) : (
              <ul className="tour-requests">
                {waiting.map((t) => (
                  <li key={t.id}>
                    <button type="button" className="tour-request-button" aria-pressed={selected?.id === t.id} onClick={() => select(t)}>
                      <span className="mono">{t.reference}</span> <strong>{t.organisation}</strong>
                      <span className="small">
                        {t.groupSize} people, ages {t.ages} · wishes {t.preferences.map((p) => `${shortDate(p.date)} ${p.period}`).join('; ')}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <BlockedDatesPanel blocked={blocked} busy={busy} onBlock={block} onUnblock={(d) => void unblock(d)} />
        </div>
        <div className="tours-main">
          <section className="panel" aria-labelledby="tour-month-h">
            <div className="tour-month-nav">
              <button type="button" className="secondary" disabled={!month} onClick={() => month && setMonth(addMonths(`${month}-01`, -1).slice(0, 7))} aria-label="Previous month">
                ‹
              </button>
              <h2 id="tour-month-h">{month ? monthTitle(month) : 'Loading…'}</h2>
              <button type="button" className="secondary" disabled={!month} onClick={() => month && setMonth(addMonths(`${month}-01`, 1).slice(0, 7))} aria-label="Next month">
                ›
              </button>
              {waitingSelected && <span className="small">Choose a free slot to book {waitingSelected.reference}.</span>}
            </div>
            {view && view.month === month ? (
              <TourMonthView
                month={view}
                waitingSelected={waitingSelected}
                selectedId={selected?.id ?? null}
                busy={busy}
                canBook={canBook}
                onSelect={select}
                onBook={(date: string, period: TourPeriod) => void act({ kind: 'confirm', date, period })}
              />
            ) : (
              <p className="muted">Loading the month…</p>
            )}
          </section>
          <section className="panel" aria-labelledby="tour-selected-h">
            <h2 id="tour-selected-h">Selected request</h2>
            {selected ? (
              <TourActions tour={selected} purpose={purpose} busy={busy} error={actionError} onAction={(a) => void act(a)} />
            ) : (
              <p className="muted">Select a waiting request, or a booked tour in the calendar.</p>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
