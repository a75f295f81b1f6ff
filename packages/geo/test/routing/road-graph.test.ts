import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRoadGraphFromSegments, IndexedMinHeap, segmentsToRoadInput, strongComponents, type RoadSegment } from '../../src/routing';

const a: [number, number] = [-76.62, 39.3];
const b: [number, number] = [-76.619, 39.3];
const c: [number, number] = [-76.618, 39.3];
const d: [number, number] = [-76.618, 39.301];
const e: [number, number] = [-76.617, 39.3];

describe('road graph from street segments', () => {
  it('joins segments at shared coordinates and merges pass-through vertices into one road', () => {
    // a-b-c is drawn as two segments meeting at b (a pass-through point), c is a T junction with c-d and c-e.
    const segments: RoadSegment[] = [
      { id: 1, coords: [a, b], oneway: 'no', speedKph: 30 },
      { id: 2, coords: [b, c], oneway: 'no', speedKph: 30 },
      { id: 3, coords: [c, d], oneway: 'forward', speedKph: 30 },
      { id: 4, coords: [c, e], oneway: 'backward', speedKph: 30 },
    ];
    const { graph, skipped } = buildRoadGraphFromSegments(segments);
    expect(skipped).toEqual([]);
    // Junctions: every segment end (a, b, c, d, e); b joins two segments but is kept since both end there.
    expect(graph.junctionCount).toBe(5);
    expect(graph.roadCount).toBe(4);
    // Arcs: two each for the two-way roads, one each for the one-ways.
    expect(graph.arcCount).toBe(6);
    const cIndex = Array.from(graph.nodeLon).findIndex((lon, i) => lon === c[0] && graph.nodeLat[i] === c[1]);
    const out = Array.from(graph.arcHead.subarray(graph.arcOffsets[cIndex], graph.arcOffsets[cIndex + 1])).map((h) => [graph.nodeLon[h], graph.nodeLat[h]]);
    expect(out).toContainEqual(d);
    expect(out).not.toContainEqual(e);
    expect(out).toContainEqual(b);
  });

  it('splits a street at an interior vertex shared with another street', () => {
    const long: RoadSegment = { id: 'long', coords: [a, b, c], oneway: 'no', speedKph: 30 };
    const side: RoadSegment = { id: 'side', coords: [b, [-76.619, 39.301]], oneway: 'no', speedKph: 30 };
    expect(buildRoadGraphFromSegments([long, side]).graph.roadCount).toBe(3);
    // With endpoint-only joining the side street does not connect to the middle of the long one.
    const apart = buildRoadGraphFromSegments([long, side], { joinAt: 'endpoints' }).graph;
    expect(apart.roadCount).toBe(2);
    expect(strongComponents(apart).component[0]).not.toBe(strongComponents(apart).component[apart.nodeCount - 1]);
  });

  it('reports unusable segments instead of failing', () => {
    const { input, skipped } = segmentsToRoadInput([
      { id: 'ok', coords: [a, b], oneway: 'no', speedKph: 30 },
      { id: 'slow', coords: [a, b], oneway: 'no', speedKph: 0 },
      { id: 'dot', coords: [a, a], oneway: 'no', speedKph: 30 },
      { id: 'bad', coords: [a, [200, 0]], oneway: 'no', speedKph: 30 },
      { id: 'dir', coords: [a, b], oneway: 'sideways' as never, speedKph: 30 },
    ]);
    expect(input.polylineOffsets.length - 1).toBe(1);
    expect(skipped.map((s) => s.id)).toEqual(['slow', 'dot', 'bad', 'dir']);
  });

  it('weights arcs by travel time in whole milliseconds and keeps lengths in metres', () => {
    const { graph } = buildRoadGraphFromSegments([{ id: 1, coords: [a, c], oneway: 'forward', speedKph: 36 }]);
    expect(graph.arcCount).toBe(1);
    const metres = graph.arcMeters[0] as number;
    expect(metres).toBeGreaterThan(170);
    expect(graph.arcWeight[0]).toBe(Math.round(metres * 100));
  });
});

describe('indexed binary heap', () => {
  it('pops ids in key order after any mix of inserts and key changes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 49 }), fc.integer({ min: 0, max: 1000 })), { maxLength: 300 }), (ops) => {
        const heap = new IndexedMinHeap(50);
        const keys = new Map<number, number>();
        for (const [id, key] of ops) {
          heap.set(id, key);
          keys.set(id, key);
        }
        let last = -Infinity;
        const popped: number[] = [];
        while (!heap.isEmpty()) {
          const k = heap.peekKey();
          const id = heap.pop();
          expect(k).toBe(keys.get(id));
          expect(k).toBeGreaterThanOrEqual(last);
          last = k;
          popped.push(id);
        }
        expect(popped.sort((x, y) => x - y)).toEqual([...keys.keys()].sort((x, y) => x - y));
      }),
    );
  });
});
