import { useId } from 'react';

export interface ChartSeries {
  name: string;
  values: number[];
  /** A CSS class picking the colour from statistics.css (theme-aware). */
  tone: 'primary' | 'secondary';
}

interface Props {
  title: string;
  labels: string[];
  series: ChartSeries[];
  format?: (n: number) => string;
  /** Show every n-th category label (24 hours would crowd). */
  labelEvery?: number;
  /** A target line, e.g. 90%. */
  reference?: { value: number; label: string };
  max?: number;
  height?: number;
  /** Values are seconds: ticks fall on round minutes (1:00, 2:00, 5:00) rather than 200 s. */
  seconds?: boolean;
}

const SECOND_STEPS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400];

const W = 520;

function niceStep(max: number): number {
  if (!(max > 0)) return 1;
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

const plain = (n: number) => Math.round(n).toLocaleString('en-US');

/** The words a screen reader hears for a chart: every category with its values. */
function description(p: Props, fmt: (n: number) => string): string {
  return p.labels.map((l, i) => `${l}: ${p.series.map((s) => `${p.series.length > 1 ? `${s.name} ` : ''}${fmt(s.values[i] ?? 0)}`).join(', ')}`).join('; ');
}

function Frame({ p, kind, children }: { p: Props; kind: 'bar' | 'line'; children: (geo: { x: (i: number) => number; slot: number; y: (v: number) => number; bottom: number; left: number }) => React.ReactNode }) {
  const id = useId();
  const fmt = p.format ?? plain;
  const h = p.height ?? 180;
  const dataMax = Math.max(0, ...p.series.flatMap((s) => s.values), p.reference?.value ?? 0);
  // Counts step by whole numbers at least, so an axis never reads 0, 0, 1, 1.
  const minStep = p.format ? 0 : 1;
  const pick = (m: number) => (p.seconds ? (SECOND_STEPS.find((st) => st >= m / 4) ?? niceStep(m)) : Math.max(minStep, niceStep(m)));
  const step = pick(p.max ?? dataMax);
  const max = p.max ?? Math.max(step, Math.ceil(dataMax / step) * step);
  const left = 44;
  const top = p.series.length > 1 ? 18 : 6;
  const bottom = h - 18;
  const right = W - 6;
  const n = Math.max(1, p.labels.length);
  const slot = (right - left) / n;
  const y = (v: number) => bottom - ((bottom - top) * v) / max;
  const ticks: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += pick(max)) ticks.push(v);
  return (
    <svg className={`stat-chart stat-chart-${kind}`} viewBox={`0 0 ${W} ${h}`} role="img" aria-labelledby={`${id}-t ${id}-d`} preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-t`}>{p.title}</title>
      <desc id={`${id}-d`}>{description(p, fmt)}</desc>
      {ticks.map((v) => (
        <g key={v} aria-hidden="true">
          <line className="grid" x1={left} x2={right} y1={y(v)} y2={y(v)} />
          <text className="tick" x={left - 4} y={y(v) + 3} textAnchor="end">{fmt(v)}</text>
        </g>
      ))}
      {p.series.length > 1 && (
        <g aria-hidden="true">
          {p.series.map((s, i) => (
            <g key={s.name} transform={`translate(${right - 90 * (p.series.length - i)}, 4)`}>
              <rect className={`tone-${s.tone}`} width="9" height="9" />
              <text className="tick" x="13" y="8">{s.name}</text>
            </g>
          ))}
        </g>
      )}
      <g aria-hidden="true">{children({ x: (i) => left + i * slot + slot / 2, slot, y, bottom, left })}</g>
      {p.reference && (
        <g aria-hidden="true">
          <line className="reference" x1={left} x2={right} y1={y(p.reference.value)} y2={y(p.reference.value)} />
          <text className="reference-label" x={right - 2} y={y(p.reference.value) - 3} textAnchor="end">{p.reference.label}</text>
        </g>
      )}
      <g aria-hidden="true">
        <line className="axis" x1={left} x2={right} y1={bottom} y2={bottom} />
        {p.labels.map((l, i) => (i % (p.labelEvery ?? 1) === 0 ? <text key={i} className="tick" x={left + i * slot + slot / 2} y={bottom + 12} textAnchor="middle">{l}</text> : null))}
      </g>
    </svg>
  );
}

/** Vertical bars, one group per category; each bar carries a tooltip with its exact value. */
export function BarChart(p: Props) {
  const fmt = p.format ?? plain;
  return (
    <Frame p={p} kind="bar">
      {({ x, slot, y, bottom }) => {
        const group = slot * 0.78;
        const bw = group / Math.max(1, p.series.length);
        return p.series.map((s, si) =>
          s.values.map((v, i) =>
            v > 0 ? (
              <rect key={`${si}-${i}`} className={`tone-${s.tone}`} x={x(i) - group / 2 + si * bw} y={y(v)} width={Math.max(1, bw - 1)} height={bottom - y(v)}>
                <title>{`${p.labels[i]}${p.series.length > 1 ? ` (${s.name})` : ''}: ${fmt(v)}`}</title>
              </rect>
            ) : null,
          ),
        );
      }}
    </Frame>
  );
}

/** One line per series with a dot per point. */
export function LineChart(p: Props) {
  const fmt = p.format ?? plain;
  return (
    <Frame p={p} kind="line">
      {({ x, y }) =>
        p.series.map((s) => (
          <g key={s.name} className={`tone-${s.tone}`}>
            <polyline className="series-line" points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
            {s.values.map((v, i) => (
              <circle key={i} cx={x(i)} cy={y(v)} r="3">
                <title>{`${p.labels[i]}: ${fmt(v)}`}</title>
              </circle>
            ))}
          </g>
        ))
      }
    </Frame>
  );
}
