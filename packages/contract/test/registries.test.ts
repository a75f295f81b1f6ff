import { describe, expect, it } from 'vitest';
import {
  ASSIGNED_TRANSITIONS,
  DISPOSITIONS,
  DispositionInputSchema,
  INCIDENT_TYPES,
  IncidentTypeCodeSchema,
  UNIT_STATUSES,
  incidentType,
  isDispatchable,
  parseUnitStatus,
  primaryStatusOf,
  LocationInputSchema,
} from '../src/index';

describe('incident types (APCO 2.103.2 via NENA EIDO)', () => {
  it('holds the 244 APCO codes plus NONEMERG, each with a discipline and default priority', () => {
    expect(INCIDENT_TYPES).toHaveLength(245);
    expect(new Set(INCIDENT_TYPES.map((t) => t.code)).size).toBe(245);
    for (const t of INCIDENT_TYPES) {
      expect(['police', 'fire', 'ems']).toContain(t.discipline);
      expect(t.defaultPriority).toBeGreaterThanOrEqual(1);
      expect(t.defaultPriority).toBeLessThanOrEqual(5);
      expect(t.name.length).toBeGreaterThan(1);
    }
  });

  it('sends fires to fire, medical calls to EMS, crimes to police, with sensible urgency', () => {
    expect(incidentType('FSTRU')).toMatchObject({ discipline: 'fire', defaultPriority: 1, name: 'Fire Structure' });
    expect(incidentType('cardiac')).toMatchObject({ discipline: 'ems', defaultPriority: 1 });
    expect(incidentType('LARCENY')).toMatchObject({ discipline: 'police', defaultPriority: 4 });
    expect(incidentType('ACTSHOOT')?.defaultPriority).toBe(1);
    expect(incidentType('ADMIN')?.defaultPriority).toBe(5);
    expect(incidentType('MAYDAY')?.description).toContain(';'); // both source rows kept
    expect(incidentType('NOPE')).toBeUndefined();
  });

  it('accepts codes case-insensitively and names the problem otherwise', () => {
    expect(IncidentTypeCodeSchema.parse(' fstru ')).toBe('FSTRU');
    const bad = IncidentTypeCodeSchema.safeParse('FIRE');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/APCO 2.103.2/);
  });
});

describe('dispositions (APCO 1.111.2)', () => {
  it('has codes 01-45 without the reserved ones and accepts code, number or name', () => {
    expect(DISPOSITIONS).toHaveLength(45);
    expect(DispositionInputSchema.parse(1)).toBe('01');
    expect(DispositionInputSchema.parse('1')).toBe('01');
    expect(DispositionInputSchema.parse('report taken')).toBe('01');
    expect(DispositionInputSchema.safeParse('46').success).toBe(false);
  });
});

describe('unit statuses (NENA EIDO)', () => {
  it('spells statuses as the registry does and maps what people type', () => {
    expect(UNIT_STATUSES).toContain('OutofService');
    expect(parseUnitStatus('en route')).toBe('EnRoute');
    expect(parseUnitStatus('ON SCENE')).toBe('OnScene');
    expect(parseUnitStatus('available')).toBe('InService');
    expect(parseUnitStatus('AtHospital')).toBe('Hospital');
    expect(parseUnitStatus('out of service')).toBe('OutofService');
    expect(parseUnitStatus('teleporting')).toBeUndefined();
  });

  it('derives the primary status and dispatchability', () => {
    expect(primaryStatusOf('InService')).toBe('Available');
    expect(primaryStatusOf('Cleared')).toBe('Available');
    expect(primaryStatusOf('Meal')).toBe('ConditionallyAvailable');
    expect(primaryStatusOf('EnRoute')).toBe('NotAvailable');
    expect(isDispatchable('Meal')).toBe(true);
    expect(isDispatchable('OutofService')).toBe(false);
  });

  it('never lets a response run backwards', () => {
    const order = ['Dispatched', 'EnRoute', 'OnScene', 'Transporting', 'Hospital'];
    for (const [to, froms] of Object.entries(ASSIGNED_TRANSITIONS)) {
      for (const from of froms) {
        const a = order.indexOf(from);
        const b = order.indexOf(to);
        if (a >= 0 && b >= 0) expect(a, `${from} -> ${to}`).toBeLessThan(b);
      }
    }
  });
});

describe('locations', () => {
  it('needs text or a point, and both coordinates together', () => {
    expect(LocationInputSchema.safeParse({ text: '1 E Pratt St' }).success).toBe(true);
    expect(LocationInputSchema.safeParse({ lat: 39.28, lon: -76.61 }).success).toBe(true);
    expect(LocationInputSchema.safeParse({}).success).toBe(false);
    expect(LocationInputSchema.safeParse({ lat: 39.28 }).error?.issues[0]?.path).toEqual(['lon']);
    expect(LocationInputSchema.safeParse({ text: 'x', verified: true }).success).toBe(false);
  });
});
