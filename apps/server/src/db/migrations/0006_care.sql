-- CARE: seniors living alone check in once a day; a missed check-in becomes a welfare check.

CREATE TABLE care_enrolments (
  id                  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_name         text NOT NULL CHECK (length(person_name) BETWEEN 1 AND 200),
  -- Where SMS reminders go; NULL when the senior checks in by link, code or phone call only.
  phone               text,
  language            text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es')),
  address_text        text NOT NULL,
  -- From the geocoder when it was confident (score >= 0.85); a welfare check goes to this point.
  lat                 double precision CHECK (lat BETWEEN -90 AND 90),
  lon                 double precision CHECK (lon BETWEEN -180 AND 180),
  -- Local wall-clock times in the centre's time zone; a window never crosses midnight.
  window_start        time NOT NULL,
  window_end          time NOT NULL,
  days                text[] NOT NULL CHECK (cardinality(days) BETWEEN 1 AND 7 AND days <@ ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  contacts            jsonb NOT NULL CHECK (jsonb_typeof(contacts) = 'array' AND jsonb_array_length(contacts) BETWEEN 1 AND 5),
  -- For responders on a welfare check ("key under the blue flowerpot").
  notes               text,
  active              boolean NOT NULL DEFAULT true,
  -- When the enrolment was last enrolled or resumed: a window that opened before this does not count.
  active_since        timestamptz,
  start_date          date NOT NULL,
  escalation_minutes  integer NOT NULL DEFAULT 30 CHECK (escalation_minutes BETWEEN 5 AND 720),
  checkin_code        text NOT NULL CHECK (checkin_code ~ '^[0-9]{6}$'),
  link_token          text NOT NULL UNIQUE CHECK (length(link_token) >= 20),
  created_by          integer REFERENCES users (id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((lat IS NULL) = (lon IS NULL)),
  CHECK (window_end > window_start),
  CHECK (NOT active OR active_since IS NOT NULL)
);
-- A code typed at /care must name one senior; paused enrolments may share a code until resumed.
CREATE UNIQUE INDEX care_enrolments_active_code_idx ON care_enrolments (checkin_code) WHERE active;

-- One row per enrolment and scheduled local date. Each step is a timestamp taken once, by an
-- UPDATE ... WHERE <stamp> IS NULL, so a crash or a second server can never repeat a step.
-- Times here are the scheduler's clock (the system clock in production), not the database's.
CREATE TABLE care_days (
  enrolment_id          integer NOT NULL REFERENCES care_enrolments (id),
  local_date            date NOT NULL,
  window_start_at       timestamptz NOT NULL,
  window_end_at         timestamptz NOT NULL,
  reminder_sent_at      timestamptz,
  missed_at             timestamptz,
  contacts_notified_at  timestamptz,
  escalated_at          timestamptz,
  checked_in_at         timestamptz,
  checked_in_via        text CHECK (checked_in_via IN ('link', 'code', 'staff')),
  -- The staff member's username, or 'senior' for the link and the code.
  checked_in_by         text,
  checked_in_note       text,
  PRIMARY KEY (enrolment_id, local_date),
  CHECK (window_end_at > window_start_at),
  CHECK ((checked_in_at IS NULL) = (checked_in_via IS NULL))
);
CREATE INDEX care_days_date_idx ON care_days (local_date);

-- A missed check-in: the call-takers' queue. Resolved by a late check-in or by staff, or turned
-- into a welfare-check incident when still open at escalates_at.
CREATE TABLE care_alerts (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enrolment_id  integer NOT NULL,
  local_date    date NOT NULL,
  state         text NOT NULL CHECK (state IN ('open', 'resolved', 'welfare-check')),
  opened_at     timestamptz NOT NULL,
  escalates_at  timestamptz NOT NULL,
  resolved_at   timestamptz,
  resolved_by   integer REFERENCES users (id),
  resolution    text,
  incident_id   bigint REFERENCES incidents (id),
  -- The database's time of the insert: bounds the search for a welfare incident after a crash.
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enrolment_id, local_date),
  FOREIGN KEY (enrolment_id, local_date) REFERENCES care_days (enrolment_id, local_date),
  CHECK ((state = 'welfare-check') = (incident_id IS NOT NULL)),
  CHECK ((state = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE INDEX care_alerts_open_idx ON care_alerts (escalates_at) WHERE state = 'open';
CREATE INDEX care_alerts_state_idx ON care_alerts (state, opened_at);
