import { cellToBoundary, cellToLatLng, getHexagonAreaAvg, latLngToCell, UNITS } from 'h3-js';
import { HOTSPOT_RESOLUTIONS } from '@openpsap/contract';

export type HotspotResolution = (typeof HOTSPOT_RESOLUTIONS)[number];

/** The column of analysis_calls holding a call's cell at a resolution (whitelisted: used in SQL text). */
export function cellColumn(res: HotspotResolution): string {
  if (!HOTSPOT_RESOLUTIONS.includes(res)) throw new RangeError(`no stored cells at H3 resolution ${res}`);
  return `h3_r${res}`;
}

/**
 * The cells holding a point at every offered resolution, as signed 64-bit decimal strings (how
 * PostgreSQL's bigint reads H3's unsigned index; the top bit of an H3 cell index is always 0).
 */
export function pointCells(lat: number, lon: number): string[] {
  return HOTSPOT_RESOLUTIONS.map((r) => BigInt(`0x${latLngToCell(lat, lon, r)}`).toString());
}

/** The H3 index string of a cell held as a bigint, as PostgreSQL returns it. */
export function cellHex(cell: string | bigint): string {
  return BigInt.asUintN(64, BigInt(cell)).toString(16);
}

/** The cell at `res` holding a point, as an index string: live incidents are binned in the server. */
export function pointCellAt(lat: number, lon: number, res: number): string {
  return latLngToCell(lat, lon, res);
}

/** A closed GeoJSON ring ([lon, lat] pairs) around a cell. */
export function cellPolygon(hex: string): [number, number][][] {
  const ring = cellToBoundary(hex, true) as [number, number][];
  return [ring.map(([lon, lat]) => [round6(lon), round6(lat)] as [number, number])];
}

export function cellCentre(hex: string): { lat: number; lon: number } {
  const [lat, lon] = cellToLatLng(hex);
  return { lat: round6(lat), lon: round6(lon) };
}

export function cellAreaKm2(res: number): number {
  return getHexagonAreaAvg(res, UNITS.km2);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
