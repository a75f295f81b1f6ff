import type { Canvas, Colour } from './annual-report-canvas';
import type { DensityGrid } from './annual-report.queries';

const EARTH_METRES_PER_DEGREE = 111_320;

/**
 * A grid of square cells (on the ground) over a bounding box, about `cols` cells across its wider
 * side; cells are square so that a count per cell is a density, comparable across the map.
 */
export function densityGrid(bbox: [number, number, number, number], cols = 40): DensityGrid {
  const [x0, y0, x1, y1] = bbox;
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const widthM = Math.max(1, (x1 - x0) * EARTH_METRES_PER_DEGREE * k);
  const heightM = Math.max(1, (y1 - y0) * EARTH_METRES_PER_DEGREE);
  const cellMetres = Math.max(widthM, heightM) / cols;
  const cellLon = cellMetres / (EARTH_METRES_PER_DEGREE * k);
  const cellLat = cellMetres / EARTH_METRES_PER_DEGREE;
  return { minLon: x0, minLat: y0, cellLon, cellLat, cols: Math.max(1, Math.ceil(widthM / cellMetres)), rows: Math.max(1, Math.ceil(heightM / cellMetres)), cellMetres };
}

export function ringsBbox(rings: Array<Array<[number, number]>>): [number, number, number, number] | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const ring of rings)
    for (const [x, y] of ring) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  return Number.isFinite(x0) && x1 > x0 && y1 > y0 ? [x0, y0, x1, y1] : null;
}

/** Light to dark: low counts recede, the densest cells stand out; readable in grey print too. */
export const DENSITY_COLOURS: Colour[] = ['#fff3b0', '#fdc965', '#f7934c', '#e0522f', '#a4161a'];

/**
 * Class breaks at the quintiles of the non-empty cells' counts, so each colour covers about a fifth
 * of the populated area whatever the skew; returns the upper bound of each class.
 */
export function densityBreaks(counts: number[]): number[] {
  const sorted = counts.filter((n) => n > 0).sort((a, b) => a - b);
  if (!sorted.length) return [];
  const out: number[] = [];
  for (let k = 1; k <= DENSITY_COLOURS.length; k++) {
    const v = sorted[Math.min(sorted.length - 1, Math.ceil((k * sorted.length) / DENSITY_COLOURS.length) - 1)]!;
    if (!out.length || v > out[out.length - 1]!) out.push(v);
  }
  return out;
}

export interface DensityMapSpec {
  width: number;
  height: number;
  grid: DensityGrid;
  cells: Map<string, number>;
  outline: Array<Array<[number, number]>>;
}

/** The map: coloured cells, the jurisdiction's boundary over them, a legend and a scale bar. */
export function drawDensityMap(c: Canvas, spec: DensityMapSpec): void {
  const { grid } = spec;
  const legendH = 26;
  const boxW = spec.width;
  const boxH = spec.height - legendH;
  const k = Math.cos(((grid.minLat + (grid.rows * grid.cellLat) / 2) * Math.PI) / 180);
  const spanX = grid.cols * grid.cellLon * k;
  const spanY = grid.rows * grid.cellLat;
  const scale = Math.min(boxW / spanX, boxH / spanY);
  const offX = (boxW - spanX * scale) / 2;
  const offY = (boxH - spanY * scale) / 2;
  const px = (lon: number) => offX + (lon - grid.minLon) * k * scale;
  const py = (lat: number) => offY + (grid.minLat + spanY - lat) * scale;

  const outline = spec.outline.map((ring) => ring.map(([lon, lat]) => [px(lon), py(lat)] as [number, number]));
  // The area itself is tinted so that empty cells inside it read as "none" and outside as "not ours".
  if (outline.length) c.path(outline, { fill: '#eef1f4' });
  else c.rect(offX, offY, spanX * scale, spanY * scale, { fill: '#eef1f4' });
  const breaks = densityBreaks([...spec.cells.values()]);
  const cw = grid.cellLon * k * scale;
  const ch = grid.cellLat * scale;
  for (const [key, n] of spec.cells) {
    const [cx, cy] = key.split(',').map(Number) as [number, number];
    const cls = breaks.findIndex((b) => n <= b);
    const colour = DENSITY_COLOURS[cls < 0 ? DENSITY_COLOURS.length - 1 : Math.round((cls * (DENSITY_COLOURS.length - 1)) / Math.max(1, breaks.length - 1))]!;
    c.rect(px(grid.minLon + cx * grid.cellLon), py(grid.minLat + (cy + 1) * grid.cellLat), cw + 0.05, ch + 0.05, { fill: colour });
  }
  if (outline.length) c.path(outline, { stroke: '#1b2a3a', lineWidth: 1 });

  // Legend: one swatch per class with its count range.
  let x = offX;
  const y = boxH + 8;
  let lower = 1;
  breaks.forEach((upper, i) => {
    const colour = DENSITY_COLOURS[Math.round((i * (DENSITY_COLOURS.length - 1)) / Math.max(1, breaks.length - 1))]!;
    c.rect(x, y, 10, 8, { fill: colour, stroke: '#777777', lineWidth: 0.3 });
    const label = lower === upper ? `${upper.toLocaleString('en-US')}` : `${lower.toLocaleString('en-US')}-${upper.toLocaleString('en-US')}`;
    c.text(x + 13, y + 7, label, { size: 7 });
    x += 20 + c.measure(label, { size: 7 });
    lower = upper + 1;
  });
  if (!breaks.length) c.text(offX, y + 7, 'No incident in this year has a position.', { size: 7 });

  // Scale bar: a round number of kilometres about a fifth of the map wide.
  const metresPerPoint = (grid.cellMetres / cw) || 1;
  const target = (spanX * scale * metresPerPoint) / 5;
  const mag = 10 ** Math.floor(Math.log10(Math.max(1, target)));
  const metres = [1, 2, 5, 10].map((f) => f * mag).filter((m) => m <= target).pop() ?? mag;
  const barW = metres / metresPerPoint;
  const bx = offX + spanX * scale - barW;
  c.line(bx, y + 4, bx + barW, y + 4, { stroke: '#1b2a3a', lineWidth: 1.5 });
  c.line(bx, y + 1, bx, y + 7, { stroke: '#1b2a3a', lineWidth: 1 });
  c.line(bx + barW, y + 1, bx + barW, y + 7, { stroke: '#1b2a3a', lineWidth: 1 });
  c.text(bx + barW / 2, y + 16, metres >= 1000 ? `${metres / 1000} km` : `${metres} m`, { size: 7, align: 'center' });
}
