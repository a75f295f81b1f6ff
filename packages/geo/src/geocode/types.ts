/** One street centerline segment with left/right address ranges, as the city's GIS publishes it. */
export interface StreetSegment {
  id: number;
  /** Pre-directional: N, S, E, W (or ''). */
  prefix: string;
  name: string;
  /** Street type as stored (ST, AVE, ROAD...); normalised to USPS abbreviations on load. */
  suffixType: string;
  suffixDir: string;
  /** Address at the first vertex on the left side (left of the digitised direction); 0-0 means none. */
  fromLeft: number;
  toLeft: number;
  fromRight: number;
  toRight: number;
  zipLeft?: string;
  zipRight?: string;
  /** [lon, lat] vertices in digitised order. */
  coords: [number, number][];
  /** Road class, e.g. 'Paved Road', 'Alley', 'Ramp'. */
  class?: string;
}

/** A surveyed address point: more exact than interpolation where the city has them. */
export interface AddressPoint {
  number: string;
  street: string;
  unit?: string;
  lat: number;
  lon: number;
}

/** A named place dispatchers ask for by name ("CITY HALL", "PENN STATION"). */
export interface CommonPlace {
  name: string;
  aliases: string[];
  lat: number;
  lon: number;
}

/** How a candidate was located. */
export type MatchType = 'address' | 'address-point' | 'intersection' | 'block' | 'place' | 'street';

/** One answer to "where exactly?", ranked by score. */
export interface GeocodeCandidate {
  lat: number;
  lon: number;
  /** Normalised full address, intersection or place name. */
  label: string;
  matchType: MatchType;
  /** Confidence in [0, 1]; 1 is an exact match of every part typed. */
  score: number;
  /** Zone per zone set ({ police: 'Central', fire: 'E-23' }) when the geocoder has a zone index. */
  zoneIds?: Record<string, string>;
  segmentId?: number;
  /** The house number lies outside every range of the street; the point is the nearest range end. */
  outOfRange?: boolean;
  /** House number as typed, for address matches. */
  houseNumber?: string;
  /** Unit, suite or apartment taken out of the query. */
  unit?: string;
  /** Normalised street label(s): one for addresses, two for intersections. */
  streets?: string[];
  /** Side of the centerline the address is on, relative to the digitised direction. */
  side?: 'left' | 'right';
  /** The number's parity matches neither side of the segment used. */
  parityMismatch?: boolean;
}

/** Lookup of zone ids by position, filled into candidates when given to the geocoder. */
export interface ZoneLookup {
  lookup(lat: number, lon: number): Record<string, string>;
}
