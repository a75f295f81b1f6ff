-- Historical calls for service imported for analysis (hot spots, before/after evaluations). Kept
-- apart from incidents: they are another centre's or another period's records, never worked
-- here, and may cover a place other than the jurisdiction.
CREATE TABLE analysis_datasets (
  code         text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$' AND code <> 'live'),
  name         text NOT NULL,
  preset       text NOT NULL,
  -- Local times in the file are read in this zone; hour-of-week and dates are computed in it.
  time_zone    text NOT NULL,
  attribution  text NOT NULL DEFAULT '',
  source_file  text,
  imported_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE analysis_calls (
  dataset      text NOT NULL REFERENCES analysis_datasets (code) ON DELETE CASCADE,
  -- The file's own id, or a hash of the row when it has none, so a re-import updates in place.
  source_id    text NOT NULL,
  received_at  timestamptz NOT NULL,
  category     text NOT NULL,
  type         text NOT NULL,
  area         text,
  lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon          double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  -- The H3 cells holding the point at each resolution the hot-spot map offers, as 64-bit integers,
  -- so a hot-spot query is one GROUP BY without a geospatial extension. Each is computed from the
  -- point (a parent cell does not exactly contain its children, so it cannot be derived later).
  h3_r6        bigint NOT NULL,
  h3_r7        bigint NOT NULL,
  h3_r8        bigint NOT NULL,
  h3_r9        bigint NOT NULL,
  h3_r10       bigint NOT NULL,
  PRIMARY KEY (dataset, source_id)
);
CREATE INDEX analysis_calls_time_idx ON analysis_calls (dataset, received_at);
CREATE INDEX analysis_calls_position_idx ON analysis_calls (dataset, lat, lon);

-- Places in a dataset's area that an evaluation can centre on, e.g. the cameras of a published
-- list. installed_on stays null unless the source says when: an evaluation at any other date is
-- then a placebo test.
CREATE TABLE analysis_sites (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dataset      text NOT NULL REFERENCES analysis_datasets (code) ON DELETE CASCADE,
  source_id    text NOT NULL,
  name         text NOT NULL,
  detail       text,
  lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon          double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  installed_on date,
  UNIQUE (dataset, source_id)
);

-- Every before/after evaluation run, with its inputs and result, so a figure quoted later
-- ("evaluation 12") can be looked up and checked. Who ran it is also in the audit log.
CREATE TABLE camera_evaluations (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at   timestamptz NOT NULL,
  user_id      integer REFERENCES users (id),
  actor_label  text NOT NULL,
  result       jsonb NOT NULL
);
CREATE INDEX camera_evaluations_created_idx ON camera_evaluations (created_at DESC);
