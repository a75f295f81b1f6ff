import type { Canvas, Colour } from './annual-report-canvas';

export interface Series {
  name: string;
  colour: Colour;
  values: number[];
}

export interface ChartSpec {
  width: number;
  height: number;
  labels: string[];
  series: Series[];
  format?: (n: number) => string;
  /** Show every n-th category label when they would crowd (24 hours, 31 days). */
  labelEvery?: number;
  /** A horizontal line, e.g. a standard's target share. */
  reference?: { value: number; label: string };
  /** The axis top; default: a round number above the largest value. */
  max?: number;
}

export const INK = '#222222';
const GRID = '#d9d9d9';
const MUTED = '#5f5f5f';

const plain = (n: number) => Math.round(n).toLocaleString('en-US');

/** A round step for about `target` axis divisions, so ticks read 0, 50, 100 rather than 0, 47, 94. */
export function niceStep(max: number, target = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

interface Frame {
  left: number;
  top: number;
  right: number;
  bottom: number;
  max: number;
  y(v: number): number;
}

function frame(c: Canvas, spec: ChartSpec): Frame {
  const fmt = spec.format ?? plain;
  const dataMax = Math.max(0, ...spec.series.flatMap((s) => s.values), spec.reference?.value ?? 0);
  // Counts step by whole numbers at least, so an axis never reads 0, 0, 1, 1.
  const minStep = spec.format ? 0 : 1;
  const step = Math.max(minStep, niceStep(spec.max ?? dataMax));
  const max = spec.max ?? Math.max(step, Math.ceil(dataMax / step) * step);
  const tickWidth = Math.max(...[0, max / 2, max].map((v) => c.measure(fmt(v), { size: 7 })));
  const legend = spec.series.length > 1 ? 14 : 4;
  const f: Frame = { left: tickWidth + 6, top: legend + 4, right: spec.width - 4, bottom: spec.height - 16, max, y: (v) => f.bottom - ((f.bottom - f.top) * v) / max };
  for (let v = 0; v <= max + 1e-9; v += Math.max(minStep, niceStep(max))) {
    const y = f.y(v);
    c.line(f.left, y, f.right, y, { stroke: GRID, lineWidth: 0.5 });
    c.text(f.left - 3, y + 2.5, fmt(v), { size: 7, align: 'right', colour: MUTED });
  }
  if (spec.series.length > 1) {
    let x = f.right;
    for (const s of [...spec.series].reverse()) {
      const w = c.measure(s.name, { size: 7 });
      x -= w;
      c.text(x, 9, s.name, { size: 7, colour: INK });
      x -= 10;
      c.rect(x, 3, 7, 7, { fill: s.colour });
      x -= 10;
    }
  }
  return f;
}

function reference(c: Canvas, f: Frame, spec: ChartSpec): void {
  if (!spec.reference) return;
  const y = f.y(spec.reference.value);
  c.line(f.left, y, f.right, y, { stroke: '#b3261e', lineWidth: 1, dash: [3, 2] });
  // On a white patch so the label stays readable over a bar.
  const w = c.measure(spec.reference.label, { size: 7 });
  c.rect(f.right - w - 4, y - 9, w + 4, 8, { fill: '#ffffff' });
  c.text(f.right - 2, y - 2.5, spec.reference.label, { size: 7, align: 'right', colour: '#b3261e' });
}

function categoryLabels(c: Canvas, f: Frame, spec: ChartSpec, centre: (i: number) => number): void {
  const every = spec.labelEvery ?? 1;
  spec.labels.forEach((label, i) => {
    if (i % every === 0) c.text(centre(i), f.bottom + 10, label, { size: 7, align: 'center', colour: INK });
  });
  c.line(f.left, f.bottom, f.right, f.bottom, { stroke: MUTED, lineWidth: 0.75 });
}

/** Vertical bars, one group per category, one bar per series (e.g. this year beside last year). */
export function drawBarChart(c: Canvas, spec: ChartSpec): void {
  const f = frame(c, spec);
  const n = Math.max(1, spec.labels.length);
  const slot = (f.right - f.left) / n;
  const groupWidth = slot * 0.78;
  const barWidth = groupWidth / Math.max(1, spec.series.length);
  spec.series.forEach((s, si) => {
    s.values.forEach((v, i) => {
      if (!(v > 0)) return;
      const x = f.left + i * slot + (slot - groupWidth) / 2 + si * barWidth;
      const y = f.y(v);
      c.rect(x, y, barWidth, f.bottom - y, { fill: s.colour });
    });
  });
  reference(c, f, spec);
  categoryLabels(c, f, spec, (i) => f.left + i * slot + slot / 2);
}

/** Lines with a dot per point, for a year's months against the year before. */
export function drawLineChart(c: Canvas, spec: ChartSpec): void {
  const f = frame(c, spec);
  const n = Math.max(1, spec.labels.length);
  const slot = (f.right - f.left) / n;
  const x = (i: number) => f.left + i * slot + slot / 2;
  for (const s of spec.series) {
    const pts = s.values.map((v, i) => [x(i), f.y(v)] as [number, number]);
    c.path([pts], { stroke: s.colour, lineWidth: 1.5, close: false });
    for (const [px, py] of pts) c.rect(px - 1.75, py - 1.75, 3.5, 3.5, { fill: s.colour });
  }
  reference(c, f, spec);
  categoryLabels(c, f, spec, x);
}

export interface HBarRow {
  label: string;
  values: number[];
}

/** Horizontal bars for categories with long names (incident types, agencies). Returns the height used. */
export function drawHorizontalBars(c: Canvas, spec: { width: number; rows: HBarRow[]; series: Array<{ name: string; colour: Colour }>; format?: (n: number) => string }): number {
  const fmt = spec.format ?? plain;
  const rowH = 6 + 5 * spec.series.length;
  const labelW = Math.min(spec.width * 0.42, Math.max(40, ...spec.rows.map((r) => c.measure(r.label, { size: 7 }))) + 6);
  const valueW = 40;
  const max = Math.max(1, ...spec.rows.flatMap((r) => r.values));
  const barSpace = spec.width - labelW - valueW;
  let y = 2;
  if (spec.series.length > 1) {
    let x = labelW;
    for (const s of spec.series) {
      c.rect(x, y, 7, 7, { fill: s.colour });
      c.text(x + 10, y + 6.5, s.name, { size: 7 });
      x += 20 + c.measure(s.name, { size: 7 });
    }
    y += 12;
  }
  for (const row of spec.rows) {
    let label = row.label;
    while (label.length > 4 && c.measure(label, { size: 7 }) > labelW - 6) label = `${label.slice(0, -2)}…`;
    c.text(labelW - 4, y + rowH / 2 + 2.5, label, { size: 7, align: 'right' });
    row.values.forEach((v, si) => {
      const w = (barSpace * v) / max;
      const by = y + 2 + si * 5;
      if (w > 0) c.rect(labelW, by, w, 4.5, { fill: spec.series[si]!.colour });
      if (si === 0) c.text(labelW + w + 3, by + 4.5, fmt(v), { size: 7, colour: INK });
    });
    y += rowH;
  }
  return y + 2;
}
