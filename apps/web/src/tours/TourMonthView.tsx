import type { TourDay, TourMonth, TourPeriod, TourSummary } from '@openpsap/contract';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "March 2031" for a YYYY-MM month. */
export function monthTitle(month: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${month}-01T12:00:00Z`));
}

/** "Tue 18 Mar 2031" for a YYYY-MM-DD date, without the browser's zone moving it. */
export function shortDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`));
}

/** Rows of seven days (Monday first), padded with nulls before the 1st and after the last day. */
function weeks(days: TourDay[]): (TourDay | null)[][] {
  const first = new Date(`${days[0]!.date}T12:00:00Z`).getUTCDay();
  const cells: (TourDay | null)[] = [...Array.from({ length: (first + 6) % 7 }, () => null), ...days];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
}

/**
 * The month grid: each day's slots, the confirmed tour in each (select it to act on it) and, when a
 * waiting request is selected, a button on every free slot to book it there.
 */
export function TourMonthView(props: {
  month: TourMonth;
  waitingSelected: TourSummary | null;
  selectedId: number | null;
  busy: boolean;
  /** Whether the selected waiting request may be booked into a slot (its notice, the rules). */
  canBook: (date: string, period: TourPeriod) => boolean;
  onSelect: (tour: TourSummary) => void;
  onBook: (date: string, period: TourPeriod) => void;
}) {
  const { month, waitingSelected } = props;
  return (
    <table className="tour-month">
      <caption className="sr-only">Tours in {monthTitle(month.month)}</caption>
      <thead>
        <tr>
          {WEEKDAYS.map((d, i) => (
            <th key={d} scope="col">
              <abbr title={WEEKDAY_NAMES[i]}>{d}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks(month.days).map((week, wi) => (
          <tr key={wi}>
            {week.map((day, di) =>
              day ? (
                <td key={day.date} className={`tour-day${day.open ? '' : ' closed'}${day.blocked ? ' blocked' : ''}${day.date === month.today ? ' today' : ''}`} aria-current={day.date === month.today ? 'date' : undefined}>
                  <div className="tour-day-number">
                    <span aria-hidden="true">{Number(day.date.slice(8))}</span>
                    <span className="sr-only">{shortDate(day.date)}</span>
                  </div>
                  {!day.open ? (
                    <p className="tour-slot-note">No tours</p>
                  ) : day.blocked ? (
                    <p className="tour-slot-note">Blocked: {day.blocked}</p>
                  ) : (
                    <ul className="tour-slots">
                      {day.slots.map((s) => (
                        <li key={s.period} className={`tour-slot ${s.tour ? 'booked' : s.free ? 'free' : 'unavailable'}`}>
                          {s.tour ? (
                            <button type="button" className="tour-slot-button" aria-pressed={props.selectedId === s.tour.id} onClick={() => props.onSelect(s.tour!)}>
                              <span className="mono">{s.start}</span> {s.tour.organisation} <span className="mono small">{s.tour.reference}</span>
                            </button>
                          ) : s.free && waitingSelected && props.canBook(day.date, s.period) ? (
                            <button type="button" className="tour-slot-button book" disabled={props.busy} aria-label={`${s.start} Book here: ${waitingSelected.reference} on ${shortDate(day.date)}, ${s.period}`} onClick={() => props.onBook(day.date, s.period)}>
                              <span className="mono">{s.start}</span> Book here
                            </button>
                          ) : (
                            <span>
                              <span className="mono">{s.start}</span> {s.free ? 'free' : '—'}
                            </span>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              ) : (
                <td key={`pad-${wi}-${di}`} className="tour-day pad" />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
