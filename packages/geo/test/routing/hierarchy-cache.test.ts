import { describe, expect, it } from 'vitest';
import {
  buildRoadGraphFromSegments,
  contractGraph,
  CorruptHierarchyError,
  deserializeHierarchy,
  hierarchyForGraph,
  readHierarchyHeader,
  RoadRouter,
  serializeHierarchy,
  StaleHierarchyError,
  type ContractionHierarchy,
} from '../../src/routing';
import { bangorFixture, gridSegments } from './fixtures';

const ARRAYS = ['rankOf', 'nodeOfRank', 'upOffsets', 'upHead', 'upWeight', 'upMeters', 'upVia', 'downOffsets', 'downTail', 'downWeight', 'downMeters', 'downVia'] as const;

function expectSameHierarchy(a: ContractionHierarchy, b: ContractionHierarchy): void {
  expect(b.nodeCount).toBe(a.nodeCount);
  expect(b.graphChecksum).toBe(a.graphChecksum);
  expect(b.shortcutCount).toBe(a.shortcutCount);
  for (const key of ARRAYS) expect(Array.from(b[key]), key).toEqual(Array.from(a[key]));
}

describe('hierarchy serialisation', () => {
  const { graph, router } = bangorFixture();
  const ch = router.hierarchy;
  const bytes = serializeHierarchy(ch);

  it('round-trips every array and the graph checksum', () => {
    expectSameHierarchy(ch, deserializeHierarchy(bytes, graph.checksum));
    const header = readHierarchyHeader(bytes);
    expect(header.graphChecksum).toBe(graph.checksum);
    expect(header.nodeCount).toBe(graph.nodeCount);
    expect(bytes.length).toBeLessThan(40 * (ch.upHead.length + ch.downTail.length) + 16 * graph.nodeCount + 1024);
  });

  it('loads from a buffer that does not start on a 4-byte boundary', () => {
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expectSameHierarchy(ch, deserializeHierarchy(shifted.subarray(1), graph.checksum));
  });

  it('answers queries exactly as the hierarchy it was made from', () => {
    const loaded = new RoadRouter(graph, deserializeHierarchy(bytes, graph.checksum));
    const f = bangorFixture();
    const units = [0.1, 0.3, 0.5, 0.7, 0.9].map((x) => f.snapAt(x, 1 - x));
    const incident = f.snapAt(0.45, 0.55);
    expect(Array.from(loaded.manyToOne(units, incident).seconds)).toEqual(Array.from(router.manyToOne(units, incident).seconds));
  });

  it('rejects a damaged file', () => {
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 3] = (damaged[damaged.length - 3] as number) ^ 0xff;
    expect(() => deserializeHierarchy(damaged, graph.checksum)).toThrow(CorruptHierarchyError);
    expect(() => deserializeHierarchy(bytes.subarray(0, 100))).toThrow(CorruptHierarchyError);
    expect(() => deserializeHierarchy(Buffer.from('not a hierarchy at all, just some text that is long enough'.repeat(4)))).toThrow(CorruptHierarchyError);
  });
});

describe('stale cache detection', () => {
  const { segments } = gridSegments({ rows: 8, cols: 8, seed: 5, onewayShare: 0.2 });
  const before = buildRoadGraphFromSegments(segments).graph;
  const cached = serializeHierarchy(contractGraph(before));

  it('changes the graph checksum when a street speed changes, and refuses the old hierarchy', () => {
    const slower = segments.map((s, i) => (i === 10 ? { ...s, speedKph: s.speedKph / 2 } : s));
    const after = buildRoadGraphFromSegments(slower).graph;
    expect(after.checksum).not.toBe(before.checksum);
    expect(() => deserializeHierarchy(cached, after.checksum)).toThrow(StaleHierarchyError);
    expect(() => new RoadRouter(after, deserializeHierarchy(cached))).toThrow(StaleHierarchyError);
    const rebuilt = hierarchyForGraph(after, cached);
    expect(rebuilt.fromCache).toBe(false);
    expect(rebuilt.cacheRejected).toMatch(/stale/);
    expect(rebuilt.hierarchy.graphChecksum).toBe(after.checksum);
  });

  it('changes the checksum when a street is reversed or removed', () => {
    const reversed = segments.map((s, i) => (i === 3 ? { ...s, oneway: s.oneway === 'forward' ? ('backward' as const) : ('forward' as const) } : s));
    expect(buildRoadGraphFromSegments(reversed).graph.checksum).not.toBe(before.checksum);
    expect(buildRoadGraphFromSegments(segments.slice(1)).graph.checksum).not.toBe(before.checksum);
  });

  it('keeps the checksum for identical input, so the cache is reused', () => {
    const again = buildRoadGraphFromSegments(segments).graph;
    expect(again.checksum).toBe(before.checksum);
    const reused = hierarchyForGraph(again, cached);
    expect(reused.fromCache).toBe(true);
    expect(reused.cacheRejected).toBeNull();
  });
});
