import { CLASS_COLOURS, count, DAY_NAMES, DAY_SHORT } from './hotspot-format';

/** Calls per hour of the week as a 7 x 24 grid, brighter where busier; the numbers are there for screen readers and on hover. */
export function HourOfWeekGrid({ values, timeZone }: { values: number[]; timeZone: string }) {
  const max = Math.max(1, ...values);
  const colour = (n: number) => (n === 0 ? 'transparent' : CLASS_COLOURS[Math.min(CLASS_COLOURS.length - 1, Math.floor((n / max) * CLASS_COLOURS.length - 1e-9))]);
  const busiest = values.reduce((best, n, i) => (n > values[best]! ? i : best), 0);
  return (
    <figure className="hs-how">
      <table>
        <caption>
          Calls per hour of the week ({timeZone}); busiest: {DAY_NAMES[Math.floor(busiest / 24)]} {String(busiest % 24).padStart(2, '0')}:00–{String(busiest % 24).padStart(2, '0')}:59, {count(values[busiest] ?? 0)} calls
        </caption>
        <thead>
          <tr>
            <th scope="col"><span className="sr-only">Day</span></th>
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} scope="col" className="hs-how-hour">{h % 3 === 0 ? String(h).padStart(2, '0') : <span className="sr-only">{String(h).padStart(2, '0')}</span>}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DAY_SHORT.map((d, day) => (
            <tr key={d}>
              <th scope="row">{d}</th>
              {Array.from({ length: 24 }, (_, h) => {
                const n = values[day * 24 + h] ?? 0;
                return (
                  <td key={h} style={{ background: colour(n) }} title={`${DAY_NAMES[day]} ${String(h).padStart(2, '0')}:00: ${count(n)} calls`}>
                    <span className="sr-only">{count(n)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="hs-how-key muted small">
        <span>fewer</span>
        {CLASS_COLOURS.map((c) => <span key={c} className="hs-swatch" style={{ background: c }} aria-hidden="true" />)}
        <span>more calls; empty: none. Hover a square for its count.</span>
      </figcaption>
    </figure>
  );
}
