-- Call and response history from other CAD systems, imported for statistics and the annual report.
-- Live work is read straight from calls / incidents / assignments; imported history lands here,
-- marked with its dataset, and never mixes into the live records a dispatcher works.
CREATE TABLE stat_datasets (
  code          text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$' AND code <> 'live'),
  name          text NOT NULL,
  -- The profile's name and the profile itself as used, so a report can say how the file was read.
  profile       text NOT NULL,
  profile_json  jsonb NOT NULL,
  time_zone     text NOT NULL,
  source_file   text,
  rows_read     integer NOT NULL DEFAULT 0,
  rows_imported integer NOT NULL DEFAULT 0,
  rows_rejected integer NOT NULL DEFAULT 0,
  imported_at   timestamptz NOT NULL DEFAULT now(),
  imported_by   text
);

-- One contact with a centre, where the export has call-level times (answer times, abandoned calls).
CREATE TABLE stat_calls (
  dataset            text NOT NULL REFERENCES stat_datasets (code) ON DELETE CASCADE,
  source_id          text NOT NULL,
  incident_source_id text,
  source             text NOT NULL DEFAULT '911',
  agency             text,
  presented_at       timestamptz NOT NULL,
  answered_at        timestamptz,
  released_at        timestamptz,
  -- Who answered, as the export names them (for workload); never a link to our users.
  taker              text,
  PRIMARY KEY (dataset, source_id),
  CHECK (answered_at IS NULL OR answered_at >= presented_at)
);
CREATE INDEX stat_calls_time_idx ON stat_calls (presented_at);

-- One incident of an export. The first_* times are the earliest over its units (or the export's own
-- incident-level times when it has no unit rows), fixed at import so a report over a million
-- incidents is one scan.
CREATE TABLE stat_incidents (
  dataset           text NOT NULL REFERENCES stat_datasets (code) ON DELETE CASCADE,
  source_id         text NOT NULL,
  agency            text NOT NULL,
  discipline        text CHECK (discipline IN ('police', 'fire', 'ems', 'other')),
  type_code         text,
  type_text         text,
  priority          text,
  zone              text,
  lat               double precision CHECK (lat BETWEEN -90 AND 90),
  lon               double precision CHECK (lon BETWEEN -180 AND 180),
  received_at       timestamptz NOT NULL,
  answered_at       timestamptz,
  created_at        timestamptz,
  first_dispatch_at timestamptz,
  first_enroute_at  timestamptz,
  first_onscene_at  timestamptz,
  closed_at         timestamptz,
  dispatcher        text,
  -- Intervals the source system computed itself (name -> seconds), kept to compare with ours.
  source_intervals  jsonb,
  PRIMARY KEY (dataset, source_id)
);
CREATE INDEX stat_incidents_time_idx ON stat_incidents (received_at);

-- One unit on one incident of an export. seq orders a unit sent twice to the same incident.
CREATE TABLE stat_unit_responses (
  dataset            text NOT NULL,
  incident_source_id text NOT NULL,
  unit               text NOT NULL,
  seq                smallint NOT NULL DEFAULT 1,
  unit_type          text,
  dispatched_at      timestamptz,
  enroute_at         timestamptz,
  onscene_at         timestamptz,
  transporting_at    timestamptz,
  hospital_at        timestamptz,
  cleared_at         timestamptz,
  PRIMARY KEY (dataset, incident_source_id, unit, seq),
  FOREIGN KEY (dataset, incident_source_id) REFERENCES stat_incidents (dataset, source_id) ON DELETE CASCADE
);
