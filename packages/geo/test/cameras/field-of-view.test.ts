import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { angleBetween, bearingDeg, CameraIndex, cameraSees, destination, fieldOfViewRing, type CameraView } from '../../src/cameras/index.js';

// A corner in Baltimore; cameras and points are placed by bearing and distance from it.
const HERE = { lat: 39.2904, lon: -76.6122 };
const at = (bearing: number, m: number) => destination(HERE.lat, HERE.lon, bearing, m);
const cam = (over: Partial<CameraView>): CameraView => ({ ...HERE, directionDeg: 0, fovDeg: 90, rangeM: 100, ...over });

describe('bearings', () => {
  it('measures compass bearings clockwise from north', () => {
    for (const b of [0, 45, 90, 180, 270, 359]) expect(angleBetween(bearingDeg(HERE.lat, HERE.lon, at(b, 50).lat, at(b, 50).lon), b)).toBeLessThan(1e-6);
  });
  it('takes the short way round across north', () => {
    expect(angleBetween(350, 10)).toBe(20);
    expect(angleBetween(10, 350)).toBe(20);
    expect(angleBetween(0, 180)).toBe(180);
    expect(angleBetween(720, 1)).toBe(1);
  });
});

describe('what a camera sees', () => {
  it('sees a point inside its sector and range, not outside either', () => {
    const c = cam({ directionDeg: 90, fovDeg: 60 });
    expect(cameraSees(c, at(90, 50).lat, at(90, 50).lon).sees).toBe(true);
    expect(cameraSees(c, at(115, 99).lat, at(115, 99).lon).sees).toBe(true);
    expect(cameraSees(c, at(125, 50).lat, at(125, 50).lon).sees).toBe(false);
    expect(cameraSees(c, at(270, 50).lat, at(270, 50).lon).sees).toBe(false);
    expect(cameraSees(c, at(90, 101).lat, at(90, 101).lon).sees).toBe(false);
  });

  it('handles a sector that spans north (facing 350, 60 wide: 320 to 20)', () => {
    const c = cam({ directionDeg: 350, fovDeg: 60 });
    for (const b of [321, 340, 0, 10, 19]) expect(cameraSees(c, at(b, 60).lat, at(b, 60).lon).sees, `bearing ${b}`).toBe(true);
    for (const b of [25, 90, 180, 300, 315]) expect(cameraSees(c, at(b, 60).lat, at(b, 60).lon).sees, `bearing ${b}`).toBe(false);
  });

  it('treats 360 degree cameras, and unknown direction or field of view, as seeing all around within range', () => {
    for (const c of [cam({ fovDeg: 360 }), cam({ directionDeg: null }), cam({ fovDeg: null }), cam({ directionDeg: null, fovDeg: null })]) {
      for (const b of [0, 90, 180, 270]) expect(cameraSees(c, at(b, 90).lat, at(b, 90).lon).sees).toBe(true);
      expect(cameraSees(c, at(180, 110).lat, at(180, 110).lon).sees).toBe(false);
    }
  });

  it('reports distance and bearing, and sees a point on the camera itself', () => {
    const p = at(200, 42);
    const s = cameraSees(cam({ directionDeg: 200, fovDeg: 10 }), p.lat, p.lon);
    expect(s.distanceM).toBeCloseTo(42, 1);
    expect(s.bearingDeg).toBeCloseTo(200, 2);
    expect(cameraSees(cam({ directionDeg: 90, fovDeg: 10 }), HERE.lat, HERE.lon).sees).toBe(true);
  });

  it('agrees with a plain angle test for any direction, width and point', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 359 }), fc.integer({ min: 1, max: 359 }), fc.integer({ min: 0, max: 359 }), fc.integer({ min: 1, max: 200 }), (dir, fov, b, m) => {
        // Keep clear of the edges, where a plain test and rounding may differ.
        const off = angleBetween(b, dir);
        if (Math.abs(off - fov / 2) < 0.5 || Math.abs(m - 100) < 0.5) return;
        const p = at(b, m);
        expect(cameraSees(cam({ directionDeg: dir, fovDeg: fov }), p.lat, p.lon).sees).toBe(m <= 100 && off <= fov / 2);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the field-of-view outline', () => {
  it('is a closed wedge from the camera for a directed camera and a circle otherwise', () => {
    const wedge = fieldOfViewRing(cam({ directionDeg: 350, fovDeg: 60 }));
    expect(wedge[0]).toEqual([HERE.lon, HERE.lat]);
    expect(wedge.at(-1)).toEqual(wedge[0]);
    // every outer point is at the range and inside the sector
    for (const [lon, lat] of wedge.slice(1, -1)) {
      const s = cameraSees(cam({ directionDeg: 350, fovDeg: 60.01, rangeM: 100.5 }), lat, lon);
      expect(s.sees).toBe(true);
      expect(s.distanceM).toBeCloseTo(100, 0);
    }
    const circle = fieldOfViewRing(cam({ directionDeg: null }));
    expect(circle.at(-1)).toEqual(circle[0]);
    expect(circle.length).toBe(61);
  });
});

describe('the camera index', () => {
  const cameras = [
    { id: 1, ...cam({ directionDeg: 0, fovDeg: 90 }) },
    { id: 2, ...at(90, 150), directionDeg: 270, fovDeg: 40, rangeM: 200 },
    { id: 3, ...at(0, 500), directionDeg: null, fovDeg: null, rangeM: 60 },
    { id: 4, ...at(180, 30), directionDeg: 180, fovDeg: 90, rangeM: 100 },
  ];
  const index = new CameraIndex(cameras);

  it('finds the cameras whose sector holds the point, nearest first', () => {
    const p = at(45, 20); // north-east of camera 1, west of camera 2's view line
    const seen = index.seeing(p.lat, p.lon).map((s) => s.id);
    expect(seen).toEqual([1, 2]);
    expect(index.seeing(at(0, 480).lat, at(0, 480).lon).map((s) => s.id)).toEqual([3]);
    expect(index.seeing(at(0, 300).lat, at(0, 300).lon)).toEqual([]);
  });

  it('matches testing every camera, for random points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 359 }), fc.integer({ min: 0, max: 700 }), (b, m) => {
        const p = at(b, m);
        const brute = cameras.filter((c) => cameraSees(c, p.lat, p.lon).sees).map((c) => c.id).sort();
        expect(index.seeing(p.lat, p.lon).map((s) => s.id).sort()).toEqual(brute);
      }),
      { numRuns: 500 },
    );
  });

  it('lists cameras near a point whatever they face, and copes with an empty registry', () => {
    expect(index.near(HERE.lat, HERE.lon, 160).map((s) => s.id)).toEqual([1, 4, 2]);
    expect(new CameraIndex([]).seeing(HERE.lat, HERE.lon)).toEqual([]);
  });
});
