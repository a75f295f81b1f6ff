import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePidfLo } from './pidf-lo';
import { parseAdditionalData } from './additional-data';

const PIDF_DIR = join(__dirname, '../../../../../shared/standards/pidf-lo/Ng911Lib-testfiles/PidfFiles');
const ADR_DIR = join(__dirname, '../../../../../shared/standards/pidf-lo/Ng911Lib-testfiles/AdditionalDataFiles');
const pidf = (name: string) => parsePidfLo(readFileSync(join(PIDF_DIR, name), 'utf8'));

describe('PIDF-LO by value', () => {
  it('reads a point', () => {
    const r = pidf('RFC5491TuplePointLocation.xml');
    expect(r.problems).toEqual([]);
    expect(r.locations[0]!.shape.type).toBe('point');
    expect(r.locations[0]!.uncertaintyM).toBeNull();
  });

  it('reads a circle with its confidence and method', () => {
    const r = pidf('DeviceCircleWithConfidence.xml');
    const l = r.locations[0]!;
    expect(l.shape).toEqual({ type: 'circle', center: { lat: 41.760537, lon: -88.261914 }, radius: 50 });
    expect(l.confidence).toBe(95);
    expect(l.method).toBe('802.11');
    expect(l.uncertaintyM).toBe(50);
  });

  it('reads an ellipse with orientation', () => {
    const l = pidf('RFC5491TupleEllipseLocation.xml').locations[0]!;
    expect(l.shape).toEqual({ type: 'ellipse', center: { lat: 42.5463, lon: -73.2512 }, semiMajor: 1275, semiMinor: 670, orientation: 43.2 });
    expect(l.timestamp).toBe('2007-06-22T20:57:29Z');
    expect(l.uncertaintyM).toBe(1275);
  });

  it('reads an arc band and puts the pin in the band, not on the tower', () => {
    const l = pidf('RFC5491TupleArcBandLocation.xml').locations[0]!;
    expect(l.shape).toMatchObject({ type: 'arc-band', innerRadius: 3594, outerRadius: 4148, startAngle: 20, openingAngle: 20 });
    // 30 degrees east of north from -43.5723 153.2176, about 3.9 km out: north and east of the centre
    expect(l.lat!).toBeGreaterThan(-43.5723 + 0.02);
    expect(l.lon!).toBeGreaterThan(153.2176 + 0.01);
  });

  it('reads a polygon from <pos> and from <posList>, without the closing point', () => {
    for (const f of ['RFC5491TuplePolygonLocation.xml', 'RFC5491TuplePolygonCompactLocation.xml']) {
      const l = pidf(f).locations[0]!;
      expect(l.shape.type).toBe('polygon');
      if (l.shape.type === 'polygon') expect(l.shape.points).toHaveLength(6);
      expect(l.lat!).toBeGreaterThan(43.1);
      expect(l.lat!).toBeLessThan(43.42);
    }
  });

  it('reads sphere, ellipsoid and prism by their footprint', () => {
    expect(pidf('RFC5491TupleSphereLocation.xml').locations[0]!.shape.type).toBe('circle');
    expect(pidf('RFC5491TupleEllipsoidLocation.xml').locations[0]!.shape.type).toBe('ellipse');
    expect(pidf('RFC5491TuplePrismLocation.xml').locations[0]!.shape.type).toBe('polygon');
  });

  it('reads civic addresses, RFC 6848 extensions included', () => {
    const l = pidf('DeviceCivicLocation.xml').locations[0]!;
    expect(l.shape.type).toBe('civic');
    expect(l.text).toContain('2106 E NEW YORK ST');
    expect(l.text).toContain('AURORA');
    expect(l.lat).toBeNull();
    const ext = pidf('RFC6848CivicExtendedExample1.xml');
    expect(ext.locations.length).toBeGreaterThan(0);
  });

  it('reads every file of the test set without throwing, each with a location or a problem', () => {
    for (const f of readdirSync(PIDF_DIR)) {
      const r = pidf(f);
      expect(r.locations.length + r.problems.length, f).toBeGreaterThan(0);
    }
  });

  it('turns garbage, a DOCTYPE and impossible coordinates into problems', () => {
    expect(parsePidfLo('<presence><tuple>').problems[0]).toMatch(/not well-formed/);
    expect(parsePidfLo('<!DOCTYPE x [<!ENTITY a "b">]><presence/>').problems[0]).toMatch(/DOCTYPE/);
    const bad = parsePidfLo('<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" xmlns:gml="http://www.opengis.net/gml"><tuple><status><gp:geopriv><gp:location-info><gml:Point><gml:pos>95 10</gml:pos></gml:Point></gp:location-info></gp:geopriv></status></tuple></presence>');
    expect(bad.locations).toEqual([]);
    expect(bad.problems[0]).toMatch(/latitude "95"/);
    expect(parsePidfLo('not xml at all').problems[0]).toMatch(/not XML/);
  });
});

describe('RFC 7852 additional data', () => {
  it('reads plain fields from each block', () => {
    const dev = parseAdditionalData('DeviceInfo', readFileSync(join(ADR_DIR, 'DeviceInfo1.xml'), 'utf8'));
    expect(dev.problem).toBeNull();
    expect(Object.keys(dev.fields).length).toBeGreaterThan(0);
    const prov = parseAdditionalData('ProviderInfo', readFileSync(join(ADR_DIR, 'ProvInfo1.xml'), 'utf8'));
    expect(prov.fields['DataProviderString']).toBeTruthy();
    const sub = parseAdditionalData('SubscriberInfo', readFileSync(join(ADR_DIR, 'SubInfo1.xml'), 'utf8'));
    expect(sub.problem).toBeNull();
    expect(parseAdditionalData('ServiceInfo', '<oops').problem).toMatch(/not well-formed/);
  });
});
