-- What responders must know about a place: hazards, officer safety, access, medical; shown on
-- every call and incident within the caution's radius. Special-needs registrations add rows here
-- with their own source.
CREATE TABLE premise_cautions (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lat         double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon         double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  radius_m    real NOT NULL DEFAULT 30 CHECK (radius_m > 0 AND radius_m <= 500),
  address     text,
  kind        text NOT NULL CHECK (kind IN ('hazard', 'officer-safety', 'medical', 'access', 'special-needs', 'other')),
  -- One line every role may read; `details` only for roles that need more.
  summary     text NOT NULL,
  details     text,
  source      text NOT NULL DEFAULT 'premise',
  source_id   text,
  expires_at  timestamptz,
  created_by  integer REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  removed_at  timestamptz
);
CREATE INDEX premise_cautions_position_idx ON premise_cautions (lat, lon) WHERE removed_at IS NULL;

-- The police district a station sits in: the unit board groups units by it ("by agency and zone").
-- Kept current by every geography build, since districts and station positions can both change.
ALTER TABLE stations ADD COLUMN zone text;
