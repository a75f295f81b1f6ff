import { useEffect, useId, useMemo, useState } from 'react';
import { POSITION_LABELS, TEAM_CODES, type RosterCalendar, type StaffMember } from '@openpsap/contract';
import { addDays, monthBounds, scheduleApi, weekday } from './schedule-api';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function shortText(gaps: Map<string, number>): string {
  return `Short ${[...gaps.entries()].map(([p, h]) => `${POSITION_LABELS[p as keyof typeof POSITION_LABELS]} ${h} h`).join(', ')}`;
}

/**
 * The month (or one week) as a grid: which team or person works days and nights, who is on leave,
 * and the hours below minimum staffing. A day with a gap is marked and lists its positions.
 */
export function ScheduleCalendar({ month, onMonth, version, staff, onPickGap }: { month: string; onMonth: (m: string) => void; version: number; staff: StaffMember[]; onPickGap: (date: string) => void }) {
  const [view, setView] = useState<'month' | 'week'>('month');
  const [who, setWho] = useState('');
  const [weekStart, setWeekStart] = useState(() => monthBounds(month).from);
  const [data, setData] = useState<RosterCalendar | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { month: useId(), who: useId(), view: useId() };
  const { from, to } = view === 'month' ? monthBounds(month) : { from: weekStart, to: addDays(weekStart, 6) };
  useEffect(() => setWeekStart(addDays(monthBounds(month).from, -(weekday(monthBounds(month).from) - 1))), [month]);
  useEffect(() => {
    let stop = false;
    setError(null);
    const filter = who.startsWith('team:') ? { team: who.slice(5) } : who ? { staffId: Number(who) } : {};
    scheduleApi.calendar(from, to, filter).then((d) => !stop && setData(d), (e: Error) => !stop && setError(e.message));
    return () => {
      stop = true;
    };
  }, [from, to, who, version]);

  const days = useMemo(() => {
    const lead = weekday(from) - 1;
    const list: (string | null)[] = Array.from({ length: lead }, () => null);
    for (let d = from; d <= to; d = addDays(d, 1)) list.push(d);
    while (list.length % 7) list.push(null);
    return list;
  }, [from, to]);
  const byDate = useMemo(() => {
    const m = new Map<string, { D: string[]; N: string[]; leave: string[]; gaps: Map<string, number> }>();
    const get = (d: string) => m.get(d) ?? (m.set(d, { D: [], N: [], leave: [], gaps: new Map() }), m.get(d)!);
    const individual = who !== '' && !who.startsWith('team:');
    for (const a of data?.assignments ?? []) {
      const label = individual || who.startsWith('team:') ? `${a.name.split(' ')[0]}${a.source !== 'pattern' ? ` (${a.source})` : ''}` : a.team ?? a.name;
      const list = get(a.date)[a.shift];
      if (!list.includes(label)) list.push(label);
    }
    for (const l of data?.leave ?? []) get(l.date).leave.push(l.name);
    for (const g of data?.gaps ?? []) {
      const gaps = get(g.date).gaps;
      gaps.set(g.position, (gaps.get(g.position) ?? 0) + 1);
    }
    return m;
  }, [data, who]);

  return (
    <section className="panel" aria-labelledby="cal-h">
      <h2 id="cal-h">Calendar</h2>
      <div className="schedule-row">
        <label htmlFor={ids.month}>Month</label>
        <input id={ids.month} type="month" value={month} onChange={(e) => e.target.value && onMonth(e.target.value)} />
        <label htmlFor={ids.view}>View</label>
        <select id={ids.view} value={view} onChange={(e) => setView(e.target.value as 'month' | 'week')}>
          <option value="month">Month</option>
          <option value="week">Week</option>
        </select>
        {view === 'week' && (
          <>
            <button type="button" onClick={() => setWeekStart(addDays(weekStart, -7))} aria-label="Previous week">‹</button>
            <span className="mono">{from} – {to}</span>
            <button type="button" onClick={() => setWeekStart(addDays(weekStart, 7))} aria-label="Next week">›</button>
          </>
        )}
        <label htmlFor={ids.who}>Show</label>
        <select id={ids.who} value={who} onChange={(e) => setWho(e.target.value)}>
          <option value="">All teams</option>
          {TEAM_CODES.map((t) => <option key={t} value={`team:${t}`}>Team {t}</option>)}
          {staff.filter((s) => s.team).map((s) => <option key={s.id} value={String(s.id)}>{s.displayName}</option>)}
        </select>
        <a href={`/api/v1/rosters/reports/hours?from=${from}&to=${to}&format=csv&purpose=${encodeURIComponent('hours and overtime report')}`} download>Hours and overtime (CSV)</a>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {!data && !error && <p className="muted">Loading…</p>}
      {data && (
        <>
          <p className="small" role="status">
            {data.assignments.length} shifts · {data.leave.length} on leave ·{' '}
            {data.gaps.length ? <strong className="error">{data.gaps.length} position-hours below minimum staffing</strong> : 'minimum staffing met every hour'}
          </p>
          <table className={`schedule-grid ${view}`} aria-label={`Schedule ${from} to ${to}`}>
            <thead><tr>{WEEKDAYS.map((w) => <th key={w} scope="col">{w}</th>)}</tr></thead>
            <tbody>
              {Array.from({ length: days.length / 7 }, (_, r) => (
                <tr key={r}>
                  {days.slice(r * 7, r * 7 + 7).map((d, i) => {
                    if (!d) return <td key={i} className="empty" />;
                    const cell = byDate.get(d);
                    const gapHours = cell ? [...cell.gaps.values()].reduce((a, b) => a + b, 0) : 0;
                    return (
                      <td key={d} className={gapHours ? 'gap' : undefined}>
                        <div className="day-no">{Number(d.slice(8))}</div>
                        {cell?.D.length ? <div><span className="shift-d" title="Day shift">D</span> {cell.D.join(' ')}</div> : null}
                        {cell?.N.length ? <div><span className="shift-n" title="Night shift">N</span> {cell.N.join(' ')}</div> : null}
                        {cell?.leave.length ? <div className="small">Leave: {cell.leave.join(', ')}</div> : null}
                        {gapHours > 0 && (
                          <button type="button" className="gap-button" onClick={() => onPickGap(d)} aria-label={`${shortText(cell!.gaps)} on ${d}: find cover`}>
                            {shortText(cell!.gaps)}
                          </button>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
