import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Forecast } from '@openpsap/contract';
import { addDays, monthBounds, scheduleApi, type ForecastDataset } from './schedule-api';

const DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Call-takers needed each hour (Erlang C, 90% answered in 15 s) from a call history, set against
 * the roster's call-takers for the month on screen: a chart of the first week and the short hours.
 */
export function ForecastPanel({ month, version }: { month: string; version: number }) {
  const [datasets, setDatasets] = useState<ForecastDataset[] | null>(null);
  const [dataset, setDataset] = useState('live');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [f, setF] = useState<Forecast | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { dataset: useId(), from: useId(), to: useId() };
  const roster = monthBounds(month);

  const pick = (code: string, list = datasets) => {
    setDataset(code);
    const d = list?.find((x) => x.code === code);
    // Default: the last eight weeks the history has.
    const end = d?.to ?? addDays(roster.from, -1);
    setTo(end);
    setFrom(d?.from && d.from > addDays(end, -55) ? d.from : addDays(end, -55));
  };
  useEffect(() => {
    scheduleApi.datasets().then((list) => {
      setDatasets(list);
      const withData = list.find((d) => d.code !== 'live' && d.to) ?? list[0]!;
      pick(withData.code, list);
    }, (e: Error) => setError(e.message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const run = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    try {
      setF(await scheduleApi.forecast({ dataset, from, to, rosterFrom: roster.from, rosterTo: roster.to }));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (f) void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [month, version]);

  const short = f?.hours.filter((h) => h.shortfall > 0) ?? [];
  const week = f?.hours.slice(0, 168) ?? [];
  const max = Math.max(1, ...week.map((h) => Math.max(h.needed, h.scheduled)));
  const csv = f ? `/api/v1/staffing/forecast.csv?${new URLSearchParams({ dataset, from, to, rosterFrom: roster.from, rosterTo: roster.to })}` : '';
  return (
    <section className="panel" aria-labelledby="fc-h">
      <h2 id="fc-h">Coverage against the forecast</h2>
      <form className="schedule-row" onSubmit={run}>
        <label htmlFor={ids.dataset}>Call history</label>
        <select id={ids.dataset} value={dataset} onChange={(e) => pick(e.target.value)} disabled={!datasets}>
          {(datasets ?? []).map((d) => <option key={d.code} value={d.code}>{d.name}{d.from ? ` (${d.from} – ${d.to})` : ' (no calls yet)'}</option>)}
        </select>
        <label htmlFor={ids.from}>From</label>
        <input id={ids.from} type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor={ids.to}>To</label>
        <input id={ids.to} type="date" value={to} required onChange={(e) => setTo(e.target.value)} />
        <button type="submit" disabled={busy || !from || !to}>{busy ? 'Computing…' : 'Compare with the roster'}</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {f && (
        <>
          <p role="status" className="small">
            {f.history.calls.toLocaleString()} calls over {f.history.weeks} weeks · handling time {Math.round(f.ahtSeconds)} s ({f.ahtSource === 'calls' ? 'from the calls' : 'configured'}) · target {f.target.percent}% in {f.target.seconds} s ·{' '}
            {short.length ? <strong className="error">{short.length} of {f.hours.length} hours in {month} short of call-takers</strong> : <>the roster meets the forecast every hour of {month}</>}
          </p>
          <figure className="forecast-chart">
            <svg viewBox={`0 0 ${168 * 4} 120`} role="img" aria-label={`Call-takers needed (bars) and scheduled (line), each hour from ${roster.from} for 7 days; the busiest hour needs ${Math.max(...week.map((h) => h.needed))}`} preserveAspectRatio="none">
              {week.map((h, i) => {
                const y = 110 - (h.needed / max) * 100;
                return <rect key={i} x={i * 4} y={y} width={3} height={110 - y} className={h.shortfall > 0 ? 'bar-short' : 'bar'} />;
              })}
              <polyline className="scheduled" fill="none" points={week.map((h, i) => `${i * 4 + 1.5},${110 - (h.scheduled / max) * 100}`).join(' ')} />
              {week.map((h, i) => (i === 0 || h.date !== week[i - 1]!.date ? <text key={h.date} x={i * 4 + 2} y={119} className="axis">{DAY[(new Date(`${h.date}T00:00:00Z`).getUTCDay() + 6) % 7]} {Number(h.date.slice(8))}</text> : null))}
            </svg>
            <figcaption className="small muted">First week of {month}: bars are call-takers needed (red where short), the line is call-takers on the roster. <a href={csv} download>Short hours (CSV)</a></figcaption>
          </figure>
          {short.length > 0 && (
            <table className="forecast-gaps">
              <caption className="small">Hours short of call-takers{short.length > 48 ? ' (first 48; the CSV has all)' : ''}</caption>
              <thead><tr><th scope="col">Date</th><th scope="col">Hour</th><th scope="col">Needed</th><th scope="col">Scheduled</th><th scope="col">Short</th></tr></thead>
              <tbody>
                {short.slice(0, 48).map((h) => (
                  <tr key={h.start}><td className="mono">{h.date}</td><td className="mono">{String(h.hour).padStart(2, '0')}:00</td><td className="mono">{h.needed}</td><td className="mono">{h.scheduled}</td><td><span className="badge danger">{h.shortfall}</span></td></tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
