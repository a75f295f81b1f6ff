// The geography engine: pure TypeScript over plain data, no database, no HTTP.
export * from './geocode/index';
export * from './zones/index';
export * from './routing/index';
export * from './osm/index';
export * from './cameras/index';
