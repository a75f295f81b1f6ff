import type { IncidentZonesValue, LocationInput } from '@openpsap/contract';
import type { GeoEngine } from '../../geo/geo-engine';

// Below this a typed address is too doubtful to put a point on the map without a person choosing.
const AUTO_GEOCODE_SCORE = 0.85;

export interface Located {
  location: LocationInput;
  zones: IncidentZonesValue;
  /** What the text was matched to, when the point came from the geocoder rather than the caller. */
  geocoded: { label: string; score: number } | null;
}

/**
 * Completes a location before it is stored: text without a point gets the geocoder's confident
 * answer (left unverified: a dispatcher confirms it), and any point gets its zones.
 */
export function locate(engine: GeoEngine | null, loc: LocationInput): Located {
  let location = loc;
  let geocoded: Located['geocoded'] = null;
  if (engine && loc.lat === undefined && loc.text) {
    const best = engine.geocoder.geocode(loc.text, { limit: 1 })[0];
    if (best && best.score >= AUTO_GEOCODE_SCORE) {
      location = { ...loc, lat: best.lat, lon: best.lon, verified: false };
      geocoded = { label: best.label, score: best.score };
    }
  }
  const zones = engine && location.lat !== undefined && location.lon !== undefined ? engine.zonesAt(location.lat, location.lon) : null;
  return { location, zones: { police: zones?.police ?? null, fire: zones?.fire ?? null, ems: zones?.ems ?? null }, geocoded };
}
