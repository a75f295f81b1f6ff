import type { LonLat } from './route-geometry';

/** A drive from one snapped point to another. */
export interface Route {
  readonly seconds: number;
  readonly meters: number;
  /** [lon, lat] vertices from the origin point to the destination point, following the streets. */
  readonly geometry: LonLat[];
}

/** Drive times and distances from many origins to one destination, aligned with the origins given. */
export interface TravelTimes {
  /** Infinity where the destination cannot be reached (or the origin was null). */
  readonly seconds: Float64Array;
  readonly meters: Float64Array;
}
