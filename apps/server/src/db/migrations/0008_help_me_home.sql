-- Help Me Home: people who may wander, registered before they go missing. Descriptions are free
-- text a call-taker can search while someone describes a person they found.
CREATE TABLE hmh_people (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  state            text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'missing', 'inactive')),
  first_name       text NOT NULL,
  last_name        text NOT NULL,
  preferred_name   text,
  date_of_birth    date,
  sex              text CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  height_cm        integer,
  weight_kg        integer,
  hair             text,
  eyes             text,
  build            text,
  features         text,
  usual_clothing   text,
  medical_notes    text,
  behaviours       text,
  calming          text,
  communication    text,
  tracking_device  text,
  home_address     text NOT NULL,
  home_lat         double precision,
  home_lon         double precision,
  caregivers       jsonb NOT NULL DEFAULT '[]',
  photo            bytea,
  -- Registered from an approved special-needs notice, when the family said the person may wander.
  special_needs_id integer REFERENCES special_needs_notices (id) ON DELETE SET NULL,
  created_by       integer REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  -- 'simple' keeps words as typed (no English stemming): descriptions mix names, colours, brands.
  search           tsvector GENERATED ALWAYS AS (to_tsvector('simple',
                     coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(preferred_name, '') || ' ' ||
                     coalesce(sex, '') || ' ' || coalesce(hair, '') || ' ' || coalesce(eyes, '') || ' ' || coalesce(build, '') || ' ' ||
                     coalesce(features, '') || ' ' || coalesce(usual_clothing, '') || ' ' || coalesce(behaviours, ''))) STORED
);
CREATE INDEX hmh_people_search_idx ON hmh_people USING gin (search);
CREATE UNIQUE INDEX hmh_people_special_needs_idx ON hmh_people (special_needs_id) WHERE special_needs_id IS NOT NULL;

CREATE TABLE hmh_destinations (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id  integer NOT NULL REFERENCES hmh_people (id) ON DELETE CASCADE,
  label      text NOT NULL,
  address    text NOT NULL,
  lat        double precision,
  lon        double precision
);
CREATE INDEX hmh_destinations_person_idx ON hmh_destinations (person_id);

-- Each time a registered person goes missing: the incident it became and what was sent out.
CREATE TABLE hmh_missing_reports (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id       integer NOT NULL REFERENCES hmh_people (id) ON DELETE CASCADE,
  incident_id     integer NOT NULL REFERENCES incidents (id),
  reported_at     timestamptz NOT NULL,
  reported_by     integer REFERENCES users (id),
  last_seen_text  text,
  last_seen_lat   double precision,
  last_seen_lon   double precision,
  last_seen_at    timestamptz,
  clothing        text,
  found_at        timestamptz,
  found_note      text
);
-- A person is missing at most once at a time.
CREATE UNIQUE INDEX hmh_missing_open_idx ON hmh_missing_reports (person_id) WHERE found_at IS NULL;
CREATE INDEX hmh_missing_incident_idx ON hmh_missing_reports (incident_id);

-- Be-On-the-Look-Out notices to units. Kept apart from public alerts (CAP), which need approval.
CREATE TABLE bolos (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind           text NOT NULL,
  title          text NOT NULL,
  body           text NOT NULL,
  incident_id    integer REFERENCES incidents (id),
  source         text,
  source_id      text,
  photo_url      text,
  issued_at      timestamptz NOT NULL,
  issued_by      text NOT NULL,
  cancelled_at   timestamptz,
  cancel_reason  text
);
CREATE INDEX bolos_active_idx ON bolos (issued_at) WHERE cancelled_at IS NULL;

-- Public alerts prepared but not yet issued (AMBER, Silver, weather). Issuing as CAP 1.2 is a
-- separate, approved step; a draft never leaves the centre by itself.
CREATE TABLE alert_drafts (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('amber', 'silver', 'severe-weather', 'other')),
  state        text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'issued', 'cancelled')),
  headline     text NOT NULL,
  description  text NOT NULL,
  instruction  text,
  area_desc    text,
  lat          double precision,
  lon          double precision,
  incident_id  integer REFERENCES incidents (id),
  source       text,
  source_id    text,
  -- Why this kind was chosen and what must be verified before issuing.
  criteria_note text,
  created_at   timestamptz NOT NULL,
  created_by   text NOT NULL,
  updated_at   timestamptz NOT NULL
);
