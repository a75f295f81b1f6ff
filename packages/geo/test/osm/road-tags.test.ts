import { describe, expect, it } from 'vitest';
import { classifyWay, parseMaxspeed, parseOneway, parseRestriction } from '../../src/osm';

describe('maxspeed', () => {
  it.each([
    ['50', 50],
    ['50 km/h', 50],
    ['30 mph', 48.28032],
    ['25mph', 40.2336],
    ['PT:urban', 50],
    ['FR:rural', 90],
    ['DE:zone30', 30],
    ['DE:zone:20', 20],
    ['walk', 6],
    ['50;30', 30],
  ])('%s is %f km/h', (value, kph) => {
    expect(parseMaxspeed(value)).toBeCloseTo(kph, 4);
  });

  it.each(['none', 'signals', 'fast', '', '0', '-20'])('%s says nothing usable', (value) => {
    expect(parseMaxspeed(value)).toBeNull();
  });
});

describe('oneway', () => {
  it('reads the usual spellings and implied cases', () => {
    expect(parseOneway({ oneway: 'yes' }, 'residential')).toBe(1);
    expect(parseOneway({ oneway: '1' }, 'residential')).toBe(1);
    expect(parseOneway({ oneway: 'true' }, 'residential')).toBe(1);
    expect(parseOneway({ oneway: '-1' }, 'residential')).toBe(-1);
    expect(parseOneway({ oneway: 'no' }, 'motorway')).toBe(0);
    expect(parseOneway({}, 'motorway')).toBe(1);
    expect(parseOneway({}, 'motorway_link')).toBe(1);
    expect(parseOneway({ junction: 'roundabout' }, 'primary')).toBe(1);
    expect(parseOneway({ junction: 'roundabout', oneway: 'no' }, 'primary')).toBe(0);
    expect(parseOneway({}, 'primary')).toBe(0);
    expect(parseOneway({ oneway: 'reversible' }, 'primary')).toBeNull();
  });
});

describe('which ways are drivable', () => {
  it('keeps roads and leaves out paths, construction and private ways', () => {
    expect(classifyWay({ highway: 'residential', name: 'Elm St' })).toMatchObject({ highway: 'residential', oneway: 0, speedKph: 30, name: 'Elm St' });
    expect(classifyWay({ highway: 'primary', maxspeed: '35 mph' })?.speedKph).toBeCloseTo(56.33, 2);
    expect(classifyWay({ highway: 'trunk_link', ref: 'I 95' })?.name).toBe('I 95');
    for (const highway of ['footway', 'cycleway', 'path', 'steps', 'construction', 'proposed', 'pedestrian', 'track', 'bridleway']) {
      expect(classifyWay({ highway }), highway).toBeNull();
    }
    expect(classifyWay({ highway: 'residential', access: 'private' })).toBeNull();
    expect(classifyWay({ highway: 'residential', access: 'no' })).toBeNull();
    expect(classifyWay({ highway: 'residential', motor_vehicle: 'no' })).toBeNull();
    expect(classifyWay({ highway: 'residential', access: 'no', motorcar: 'yes' })).not.toBeNull();
    expect(classifyWay({ highway: 'service', service: 'driveway' })).toBeNull();
    expect(classifyWay({ highway: 'service', service: 'parking_aisle' })).toBeNull();
    expect(classifyWay({ highway: 'service', service: 'alley' })).not.toBeNull();
    expect(classifyWay({ highway: 'service', service: 'driveway' }, { excludedServiceKinds: new Set() })).not.toBeNull();
    expect(classifyWay({ highway: 'pedestrian', area: 'yes' })).toBeNull();
    expect(classifyWay({ highway: 'primary', oneway: 'reversible' })).toBeNull();
  });

  it('lets emergency vehicles use ways closed to the public but open to them', () => {
    expect(classifyWay({ highway: 'service', access: 'no', emergency: 'yes' })).not.toBeNull();
    expect(classifyWay({ highway: 'service', access: 'no', emergency: 'yes' }, { emergencyAccess: false })).toBeNull();
  });
});

describe('restriction relations', () => {
  it('reads no_* and only_*, prefers the motorcar-specific tag and honours exceptions', () => {
    expect(parseRestriction({ type: 'restriction', restriction: 'no_left_turn' })).toEqual({ kind: 'no', value: 'no_left_turn' });
    expect(parseRestriction({ type: 'restriction', restriction: 'only_straight_on' })).toEqual({ kind: 'only', value: 'only_straight_on' });
    expect(parseRestriction({ type: 'restriction', restriction: 'no_left_turn', 'restriction:motorcar': 'only_right_turn' })?.kind).toBe('only');
    expect(parseRestriction({ type: 'restriction', restriction: 'no_left_turn', except: 'bicycle;motorcar' })).toBeNull();
    expect(parseRestriction({ type: 'restriction', restriction: 'no_left_turn', except: 'bicycle' })?.kind).toBe('no');
    expect(parseRestriction({ type: 'route', restriction: 'no_left_turn' })).toBeNull();
    expect(parseRestriction({ type: 'restriction', 'restriction:hgv': 'no_left_turn' })).toBeNull();
  });
});
