-- Where things are: streets with address ranges, address points, named places, zones, the
-- boundary. The in-memory geography engine (packages/geo) is built from these rows at start and
-- rebuilt when `jurisdiction.data_version` changes.

CREATE TABLE jurisdiction (
  id            integer PRIMARY KEY CHECK (id = 1),
  name          text NOT NULL,
  boundary      jsonb,            -- GeoJSON Polygon or MultiPolygon
  center_lat    double precision,
  center_lon    double precision,
  data_version  bigint NOT NULL DEFAULT 0,
  -- When set, only street segments of this source feed the road graph (e.g. an OSM import with
  -- one-way data routes, while the city's centerlines geocode). Null: every source routes.
  routing_source text,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE street_segments (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source       text NOT NULL,
  source_id    text NOT NULL,
  prefix       text NOT NULL DEFAULT '',
  name         text NOT NULL DEFAULT '',
  suffix_type  text NOT NULL DEFAULT '',
  suffix_dir   text NOT NULL DEFAULT '',
  from_left    integer NOT NULL DEFAULT 0,
  to_left      integer NOT NULL DEFAULT 0,
  from_right   integer NOT NULL DEFAULT 0,
  to_right     integer NOT NULL DEFAULT 0,
  zip_left     text,
  zip_right    text,
  road_class   text,
  oneway       text NOT NULL DEFAULT 'no' CHECK (oneway IN ('no', 'forward', 'backward')),
  speed_kph    real CHECK (speed_kph IS NULL OR speed_kph > 0),
  -- [[lon, lat], ...] in digitised order; "from" addresses are at the first vertex.
  coords       jsonb NOT NULL,
  UNIQUE (source, source_id)
);

-- OSM turn restrictions: no_* forbid from -> to at the via node; only_* allow nothing else.
CREATE TABLE turn_restrictions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source      text NOT NULL,
  source_id   text NOT NULL,
  kind        text NOT NULL CHECK (kind ~ '^(no|only)_'),
  from_way    text NOT NULL,
  via_lon     double precision NOT NULL,
  via_lat     double precision NOT NULL,
  to_way      text NOT NULL,
  UNIQUE (source, source_id)
);

CREATE TABLE address_points (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source     text NOT NULL,
  source_id  text NOT NULL,
  number     text NOT NULL,
  street     text NOT NULL,
  unit       text,
  city       text,
  zip        text,
  lat        double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon        double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  UNIQUE (source, source_id)
);

CREATE TABLE places (
  id       integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name     text NOT NULL,
  aliases  text[] NOT NULL DEFAULT '{}',
  kind     text,
  address  text,
  lat      double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon      double precision NOT NULL CHECK (lon BETWEEN -180 AND 180)
);
CREATE UNIQUE INDEX places_name_key ON places (upper(name));

-- A zone set is one way of dividing the map: police districts, fire first-due areas, EMS zones.
CREATE TABLE zone_sets (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]+$'),
  name        text NOT NULL,
  -- 'police' / 'fire' / 'ems': which field of an incident the set fills.
  role        text NOT NULL CHECK (role IN ('police', 'fire', 'ems', 'other')),
  derived     boolean NOT NULL DEFAULT false
);

CREATE TABLE zones (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  zone_set_id  integer NOT NULL REFERENCES zone_sets (id) ON DELETE CASCADE,
  code         text NOT NULL,
  name         text NOT NULL,
  geometry     jsonb,             -- GeoJSON Polygon/MultiPolygon; null for sets derived from drive times
  UNIQUE (zone_set_id, code)
);

ALTER TABLE stations ADD COLUMN geocode_match text;
ALTER TABLE stations ADD COLUMN geocode_score real;

-- Every location set on an incident gets its zones, one per zone set role.
ALTER TABLE incidents ADD COLUMN police_zone text;
ALTER TABLE incidents ADD COLUMN fire_zone text;
ALTER TABLE incidents ADD COLUMN ems_zone text;
ALTER TABLE calls ADD COLUMN location_label text;

-- Run cards: what an incident type (or type group) needs in a zone at an alarm level.
CREATE TABLE response_plans (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL,
  -- APCO codes this plan covers; empty with is_default means "any type of this discipline".
  type_codes   text[] NOT NULL DEFAULT '{}',
  discipline   text CHECK (discipline IN ('police', 'fire', 'ems')),
  zone         text,              -- null: every zone
  alarm_level  integer NOT NULL DEFAULT 1 CHECK (alarm_level BETWEEN 1 AND 5),
  -- [{ "unitTypes": ["engine"], "capabilities": [], "count": 3, "label": "Engines" }, ...]
  requirements jsonb NOT NULL,
  -- [{ "requirement": "Engines", "substitute": ["truck"], "whenCloserBySeconds": 20 }, ...]
  substitutions jsonb NOT NULL DEFAULT '[]',
  priority     integer NOT NULL DEFAULT 0,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX response_plans_types_idx ON response_plans USING gin (type_codes);

CREATE TABLE unit_positions (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id    integer NOT NULL REFERENCES units (id),
  lat        double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon        double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  heading    real,
  speed      real,
  at         timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unit_positions_unit_idx ON unit_positions (unit_id, at);
-- Position fixes are a record in themselves (who, where, when received); they are never edited.
CREATE TRIGGER unit_positions_append_only BEFORE UPDATE OR DELETE ON unit_positions FOR EACH ROW EXECUTE FUNCTION forbid_change();
-- When this unit's position last went out on the stream (positions are throttled there).
ALTER TABLE units ADD COLUMN position_event_at timestamptz;
