import type { GeoService } from '../../geo/geo-service';

// Below this a typed address is too doubtful to send a welfare check to without a person choosing.
const CONFIDENT_SCORE = 0.85;

/**
 * Places an enrolment's address on the map when the geocoder is sure of it, so a welfare check
 * goes to a point rather than to words. Null when the server has no geography or is unsure; the
 * incident then carries the address text and the geocoder is tried again at that time.
 */
export function locateAddress(geo: GeoService | null, text: string): { lat: number; lon: number } | null {
  if (!geo?.ready) return null;
  const best = geo.current.geocoder.geocode(text, { limit: 1 })[0];
  return best && best.score >= CONFIDENT_SCORE ? { lat: best.lat, lon: best.lon } : null;
}
