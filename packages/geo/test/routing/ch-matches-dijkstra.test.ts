import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SnappedPoint } from '../../src/routing';
import { bangorFixture, gridFixture, type RouterFixture } from './fixtures';

// Uniform in value: fc.double is uniform over bit patterns (so mostly tiny numbers) and biased towards edge values,
// which would pile the points into one corner of the map.
const fraction = fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((i) => i / 1_000_000);
const pair = fc.tuple(fraction, fraction, fraction, fraction);

function checkPairs(f: RouterFixture, runs: number): void {
  let reachable = 0;
  fc.assert(
    fc.property(pair, ([ax, ay, bx, by]) => {
      const a = f.snapAt(ax, ay);
      const b = f.snapAt(bx, by);
      const ch = f.router.route(a, b);
      const plain = f.router.routeDijkstra(a, b);
      expect(ch === null).toBe(plain === null);
      if (!ch || !plain) return;
      reachable++;
      // Weights are whole milliseconds, so both searches must agree exactly, not approximately.
      expect(ch.seconds).toBe(plain.seconds);
      // The line starts and ends at the snapped points (recomputed from `along`, so equal to ~1e-12 degrees).
      const first = ch.geometry[0] as [number, number];
      const last = ch.geometry[ch.geometry.length - 1] as [number, number];
      expect(Math.abs(first[0] - a.lon) + Math.abs(first[1] - a.lat)).toBeLessThan(1e-9);
      expect(Math.abs(last[0] - b.lon) + Math.abs(last[1] - b.lat)).toBeLessThan(1e-9);
    }),
    { numRuns: runs },
  );
  // Snapping keeps to the main strongly connected component, so every pair must be routable.
  expect(reachable).toBe(runs);
}

function checkManyToOne(f: RouterFixture, targets: number, sources: number, seed: number): void {
  fc.assert(
    fc.property(fc.array(fc.tuple(fraction, fraction), { minLength: sources, maxLength: sources }), fc.tuple(fraction, fraction), (points, [tx, ty]) => {
      const units: SnappedPoint[] = points.map(([x, y]) => f.snapAt(x, y));
      const incident = f.snapAt(tx, ty);
      const fast = f.router.manyToOne(units, incident);
      const plain = f.router.manyToOneDijkstra(units, incident);
      expect(Array.from(fast.seconds)).toEqual(Array.from(plain.seconds));
      for (let i = 0; i < units.length; i++) {
        // Equal times may come from different paths of different length, so metres are only checked loosely.
        expect(Number.isFinite(fast.meters[i])).toBe(Number.isFinite(plain.meters[i]));
      }
    }),
    { numRuns: targets, seed },
  );
}

describe('contraction hierarchy against plain Dijkstra', () => {
  it('gives the same travel time on 1000 random pairs in Bangor, Maine', () => {
    checkPairs(bangorFixture(), 1000);
  });

  it('gives the same many-to-one times in Bangor for 20 incidents x 200 units', () => {
    checkManyToOne(bangorFixture(), 20, 200, 7);
  });

  it('gives the same travel time on 1000 random pairs in a synthetic grid with one-ways and turn restrictions', () => {
    const grid = gridFixture({ rows: 25, cols: 25, seed: 11, onewayShare: 0.3, gapShare: 0.1, restrictions: 120 });
    expect(grid.graph.restrictionsApplied).toBeGreaterThan(50);
    expect(grid.graph.nodeCount).toBeGreaterThan(grid.graph.junctionCount);
    checkPairs(grid, 1000);
    checkManyToOne(grid, 20, 100, 3);
  });

  it('returns the same route length as the geometry it draws', () => {
    const f = bangorFixture();
    const a = f.snapAt(0.2, 0.3);
    const b = f.snapAt(0.8, 0.6);
    const route = f.router.route(a, b);
    expect(route).not.toBeNull();
    let drawn = 0;
    const g = route?.geometry ?? [];
    for (let i = 1; i < g.length; i++) {
      const p = g[i - 1] as [number, number];
      const q = g[i] as [number, number];
      const dx = (q[0] - p[0]) * 111_195 * Math.cos((p[1] * Math.PI) / 180);
      const dy = (q[1] - p[1]) * 111_195;
      drawn += Math.hypot(dx, dy);
    }
    expect(drawn).toBeGreaterThan(0);
    expect(Math.abs(drawn - (route?.meters ?? 0)) / drawn).toBeLessThan(0.01);
  });
});
