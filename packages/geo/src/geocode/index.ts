export { createGeocoder, Geocoder } from './geocoder.js';
export type { GeocodeOptions, GeocoderOptions } from './geocoder.js';
export type { ReverseResult } from './reverse.js';
export { loadBaltimoreStreetsGeoJson, mapBaltimoreStreetFeature } from './load-baltimore-streets.js';
export type { BaltimoreStreetFeature, BaltimoreStreetProperties } from './load-baltimore-streets.js';
export {
  cleanAddressText,
  formatStreetLabel,
  interpretStreetTokens,
  streetNameKey,
  streetPartsFromFields,
  tokenizeStreetText,
} from './normalize-address.js';
export type { StreetParts } from './normalize-address.js';
export { normalizeOrdinalTokens, ordinalOf } from './ordinals.js';
export { parseQuery } from './parse-query.js';
export type { ParsedQuery, ParseOptions } from './parse-query.js';
export { damerauLevenshtein, prefixDistance } from './edit-distance.js';
export { phoneticKey } from './phonetic-key.js';
export { haversineMeters } from './geometry.js';
export type { Street, StreetMatch } from './street-index.js';
export type { IntersectionPoint, IntersectionOptions } from './intersections.js';
export type {
  AddressPoint,
  CommonPlace,
  GeocodeCandidate,
  MatchType,
  StreetSegment,
  ZoneLookup,
} from './types.js';
