import { useEffect, useRef, useState } from 'react';
import { agesIn, type PublicTour, type TourPeriod, type TourRules } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { LanguageSwitch, useLang, words } from '../public/i18n';
import { loadAvailability, loadOwnTour, ownTourIcsUrl, withdrawOwnTour } from './tours-api';
import { readableDate, TOUR_WORDS } from './tour-words';
import './tours.css';

type View = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'tour'; tour: PublicTour };

/** The requester's private page (the link in our messages): the request, its calendar file, and withdrawing it. */
export function TourLinkPage({ params }: { params: Record<string, string> }) {
  const reference = params.reference ?? '';
  const token = params.token ?? '';
  const [lang, setLang] = useLang();
  const w = words(TOUR_WORDS, lang);
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState(false);
  const [rules, setRules] = useState<TourRules | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    document.title = w.linkTitle;
  }, [w.linkTitle]);
  useEffect(() => {
    loadAvailability().then((a) => setRules(a.rules), () => undefined);
  }, []);
  useEffect(() => {
    loadOwnTour(reference, token).then(
      (tour) => setView({ kind: 'tour', tour }),
      (e: unknown) => setView(e instanceof ApiError && (e.status === 404 || e.status === 400) ? { kind: 'missing' } : { kind: 'error', message: (e as Error).message }),
    );
  }, [reference, token]);
  useEffect(() => {
    if (done) statusRef.current?.focus();
  }, [done]);

  async function withdraw() {
    try {
      const tour = await withdrawOwnTour(reference, token);
      setView({ kind: 'tour', tour });
      setAsking(false);
      setDone(true);
    } catch (e) {
      setView({ kind: 'error', message: e instanceof ApiError && e.status !== 0 ? e.message : w.network });
    }
  }

  // Slot times are the centre's local times, from the rules (the defaults until they load).
  const slotText = (p: TourPeriod) => {
    const s = rules?.slots[p] ?? (p === 'morning' ? { start: '10:00', end: '11:30' } : { start: '14:00', end: '15:30' });
    return (p === 'morning' ? w.morning : w.afternoon)(`${s.start}–${s.end}`);
  };
  return (
    <main className="public-page tour-page">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{w.linkTitle}</h1>
      {view.kind === 'loading' && <p>{w.loading}</p>}
      {view.kind === 'missing' && <p role="alert">{w.notFound}</p>}
      {view.kind === 'error' && <p role="alert" className="field-error">{view.message}</p>}
      {view.kind === 'tour' && (
        <>
          <dl className="tour-facts">
            <dt>{w.reference}</dt>
            <dd className="mono">{view.tour.reference}</dd>
            <dt>{w.organisation}</dt>
            <dd>{view.tour.organisation}</dd>
            <dt>{w.groupSize}</dt>
            <dd>
              {view.tour.groupSize} · {w.ages}: {agesIn(view.tour.ages, lang)}
            </dd>
          </dl>
          <p className={`tour-state tour-state-${view.tour.state}`}>{w.state[view.tour.state]}</p>
          {done && (
            <p ref={statusRef} tabIndex={-1} role="status">
              {w.withdrawn}
            </p>
          )}
          {view.tour.state === 'confirmed' && view.tour.tourDate && view.tour.period && (
            <section aria-labelledby="tour-booked-h">
              <h2 id="tour-booked-h">{w.booked}</h2>
              <p className="tour-booked">
                {readableDate(view.tour.tourDate, lang)}, {slotText(view.tour.period)}
              </p>
              <a className="tour-button-link" href={ownTourIcsUrl(reference, token)} download={`tour-${view.tour.reference}.ics`}>
                {w.addToCalendar}
              </a>
            </section>
          )}
          {view.tour.staffMessage && (
            <section aria-labelledby="tour-staff-h">
              <h2 id="tour-staff-h">{w.fromCentre}</h2>
              <p className="tour-staff-message">{view.tour.staffMessage}</p>
            </section>
          )}
          {view.tour.state === 'requested' && (
            <section aria-labelledby="tour-wishes-h">
              <h2 id="tour-wishes-h">{w.yourDates}</h2>
              <ul>
                {view.tour.preferences.map((p) => (
                  <li key={`${p.date}-${p.period}`}>
                    {readableDate(p.date, lang)}, {slotText(p.period)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {(view.tour.state === 'requested' || view.tour.state === 'confirmed') &&
            (asking ? (
              <div className="tour-confirm-box" role="group" aria-labelledby="tour-withdraw-q">
                <p id="tour-withdraw-q">{w.withdrawSure}</p>
                <div className="buttons">
                  <button type="button" className="danger" onClick={() => void withdraw()}>
                    {w.withdrawYes}
                  </button>
                  <button type="button" className="secondary" onClick={() => setAsking(false)}>
                    {w.keep}
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="secondary" onClick={() => setAsking(true)}>
                {w.withdraw}
              </button>
            ))}
        </>
      )}
    </main>
  );
}
