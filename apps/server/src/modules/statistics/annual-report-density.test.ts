import { describe, expect, it } from 'vitest';
import { SvgCanvas } from './annual-report-canvas';
import { densityBreaks, densityGrid, drawDensityMap, ringsBbox } from './annual-report-density';
import { localPartsIn } from './annual-report.queries';

describe('density map', () => {
  it('lays square cells over the box, about 40 across its wider side', () => {
    const g = densityGrid([-76.71, 39.2, -76.53, 39.37]);
    // Square on the ground: a degree of longitude is shorter by cos(latitude).
    const k = Math.cos((((39.2 + 39.37) / 2) * Math.PI) / 180);
    expect(g.cellLon * k * 111_320).toBeCloseTo(g.cellLat * 111_320, 6);
    expect(Math.max(g.cols, g.rows)).toBe(40);
    expect(g.cellMetres).toBeCloseTo((0.17 * 111_320) / 40, 0);
  });

  it('splits the non-empty cells into fifths by count, merging equal bounds', () => {
    expect(densityBreaks([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([2, 4, 6, 8, 10]);
    expect(densityBreaks([5, 5, 5, 5])).toEqual([5]);
    expect(densityBreaks([0, 0])).toEqual([]);
  });

  it('draws the cells, the boundary and a legend as SVG a screen reader can name', () => {
    const outline: Array<Array<[number, number]>> = [[[-76.7, 39.2], [-76.5, 39.2], [-76.5, 39.4], [-76.7, 39.4], [-76.7, 39.2]]];
    const grid = densityGrid(ringsBbox(outline)!);
    const c = new SvgCanvas(300, 300);
    drawDensityMap(c, { width: 300, height: 300, grid, cells: new Map([['0,0', 3], ['5,5', 12]]), outline });
    const svg = c.toSvg('m', 'Incident density, 2025', 'two cells');
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="m-t">Incident density, 2025</title>');
    expect(svg.match(/<rect /g)!.length).toBeGreaterThanOrEqual(4); // two cells and two legend swatches
    expect(svg).toContain('>1-3<');
    expect(svg).toContain('>4-12<');
    expect(svg).toMatch(/ km<\/text>|\d m<\/text>/);
  });
});

describe('local time of UTC quarter-hours', () => {
  it('follows daylight saving time and zones whose offset is not whole hours', () => {
    const ny = localPartsIn('America/New_York');
    expect(ny(Date.parse('2025-01-15T16:00:00Z'))).toEqual({ month: 1, weekday: 3, hour: 11 });
    expect(ny(Date.parse('2025-07-15T16:00:00Z'))).toEqual({ month: 7, weekday: 2, hour: 12 });
    // New Year's Eve local time, though already 1 January in UTC.
    expect(ny(Date.parse('2025-01-01T03:00:00Z'))).toEqual({ month: 12, weekday: 2, hour: 22 });
    const kolkata = localPartsIn('Asia/Kolkata');
    expect(kolkata(Date.parse('2025-03-01T18:45:00Z'))).toEqual({ month: 3, weekday: 0, hour: 0 });
    expect(kolkata(Date.parse('2025-03-01T18:15:00Z'))).toEqual({ month: 3, weekday: 6, hour: 23 });
  });
});
