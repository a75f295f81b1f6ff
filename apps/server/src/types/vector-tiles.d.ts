// Minimal typings for the two tile libraries, covering only what src/geo/map-tiles.ts uses.
declare module 'geojson-vt' {
  export interface TileFeature {
    type: 1 | 2 | 3;
    geometry: unknown;
    tags: Record<string, unknown>;
  }
  export interface Tile {
    features: TileFeature[];
  }
  export interface GeoJsonVt {
    getTile(z: number, x: number, y: number): Tile | null;
  }
  export default function geojsonvt(data: unknown, options?: { maxZoom?: number; indexMaxZoom?: number; indexMaxPoints?: number; tolerance?: number; extent?: number; buffer?: number }): GeoJsonVt;
}

declare module 'vt-pbf' {
  export function fromGeojsonVt(layers: Record<string, unknown>, options?: { version?: number; extent?: number }): Uint8Array;
}
