-- Core of the centre: who works here, what responds, what happened, and the ledger that
-- orders every change (events) and proves nothing was altered (audit chain).

CREATE TABLE agencies (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code            text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,16}$'),
  name            text NOT NULL,
  disciplines     text[] NOT NULL CHECK (disciplines <@ ARRAY['police', 'fire', 'ems'] AND cardinality(disciplines) > 0),
  time_zone       text NOT NULL DEFAULT 'America/New_York',
  priority_labels jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stations (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_id  integer NOT NULL REFERENCES agencies (id),
  code       text NOT NULL,
  name       text NOT NULL,
  address    text,
  lat        double precision CHECK (lat BETWEEN -90 AND 90),
  lon        double precision CHECK (lon BETWEEN -180 AND 180),
  UNIQUE (agency_id, code)
);

CREATE TABLE units (
  id                  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_id           integer NOT NULL REFERENCES agencies (id),
  call_sign           text NOT NULL,
  unit_type           text NOT NULL,
  capabilities        text[] NOT NULL DEFAULT '{}',
  home_station_id     integer REFERENCES stations (id),
  status              text NOT NULL DEFAULT 'InService',
  primary_status      text NOT NULL DEFAULT 'Available' CHECK (primary_status IN ('Available', 'ConditionallyAvailable', 'NotAvailable')),
  status_changed_at   timestamptz NOT NULL DEFAULT now(),
  current_incident_id bigint,
  last_lat            double precision,
  last_lon            double precision,
  last_position_at    timestamptz,
  active              boolean NOT NULL DEFAULT true,
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX units_call_sign_key ON units (upper(call_sign));

CREATE TABLE users (
  id                   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username             text NOT NULL CHECK (username = lower(username)),
  display_name         text NOT NULL,
  role                 text NOT NULL CHECK (role IN ('call-taker', 'dispatcher', 'supervisor', 'responder', 'rtcc-analyst', 'community-officer', 'admin')),
  agency_id            integer REFERENCES agencies (id),
  unit_id              integer REFERENCES units (id),
  password_hash        text NOT NULL,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  totp_secret          text,
  totp_enabled         boolean NOT NULL DEFAULT false,
  failed_logins        integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  disabled_at          timestamptz,
  last_login_at        timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (username);

CREATE TABLE sessions (
  id_hash       text PRIMARY KEY,
  user_id       integer NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  mfa_state     text NOT NULL DEFAULT 'none' CHECK (mfa_state IN ('none', 'totp-required', 'totp-enrollment-required')),
  pending_totp_secret text,
  ip            text,
  user_agent    text,
  revoked_at    timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       integer NOT NULL REFERENCES users (id),
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  prefix        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  expires_at    timestamptz,
  revoked_at    timestamptz
);

CREATE TABLE calls (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source            text NOT NULL CHECK (source IN ('911', 'non-emergency', 'text', 'alarm', 'officer-initiated', 'walk-in')),
  presented_at      timestamptz NOT NULL,
  answered_at       timestamptz,
  released_at       timestamptz,
  callback_number   text,
  caller_name       text,
  location_text     text,
  lat               double precision CHECK (lat BETWEEN -90 AND 90),
  lon               double precision CHECK (lon BETWEEN -180 AND 180),
  location_verified boolean NOT NULL DEFAULT false,
  notes             text,
  incident_id       bigint,
  created_by        integer REFERENCES users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (answered_at IS NULL OR answered_at >= presented_at),
  CHECK (released_at IS NULL OR released_at >= presented_at)
);
CREATE INDEX calls_presented_idx ON calls (presented_at);
CREATE INDEX calls_open_idx ON calls (presented_at) WHERE incident_id IS NULL AND released_at IS NULL;

CREATE TABLE incident_counters (
  agency_id  integer NOT NULL REFERENCES agencies (id),
  year       integer NOT NULL,
  last       integer NOT NULL,
  PRIMARY KEY (agency_id, year)
);

CREATE TABLE incidents (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_id         integer NOT NULL REFERENCES agencies (id),
  number            text NOT NULL,
  type_code         text NOT NULL,
  priority          smallint NOT NULL CHECK (priority BETWEEN 1 AND 5),
  status            text NOT NULL CHECK (status IN ('Pending', 'Dispatched', 'EnRoute', 'OnScene', 'Closed')),
  location_text     text,
  lat               double precision CHECK (lat BETWEEN -90 AND 90),
  lon               double precision CHECK (lon BETWEEN -180 AND 180),
  location_verified boolean NOT NULL DEFAULT false,
  disposition_code  text,
  received_at       timestamptz NOT NULL,
  created_at        timestamptz NOT NULL,
  closed_at         timestamptz,
  reopened_count    integer NOT NULL DEFAULT 0,
  created_by        integer REFERENCES users (id),
  version           integer NOT NULL DEFAULT 1,
  UNIQUE (agency_id, number),
  CHECK ((status = 'Closed') = (closed_at IS NOT NULL AND disposition_code IS NOT NULL))
);
CREATE INDEX incidents_open_idx ON incidents (priority, created_at) WHERE status <> 'Closed';
CREATE INDEX incidents_created_idx ON incidents (created_at);

ALTER TABLE calls ADD CONSTRAINT calls_incident_fk FOREIGN KEY (incident_id) REFERENCES incidents (id);
ALTER TABLE units ADD CONSTRAINT units_incident_fk FOREIGN KEY (current_incident_id) REFERENCES incidents (id);

CREATE TABLE incident_narrative (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id    bigint NOT NULL REFERENCES incidents (id),
  at             timestamptz NOT NULL,
  author_user_id integer REFERENCES users (id),
  author_label   text,
  kind           text NOT NULL DEFAULT 'narrative' CHECK (kind IN ('narrative', 'system')),
  text           text NOT NULL
);
CREATE INDEX incident_narrative_incident_idx ON incident_narrative (incident_id, id);

CREATE TABLE assignments (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id        bigint NOT NULL REFERENCES incidents (id),
  unit_id            integer NOT NULL REFERENCES units (id),
  dispatched_at      timestamptz NOT NULL,
  acknowledged_at    timestamptz,
  enroute_at         timestamptz,
  onscene_at         timestamptz,
  patient_contact_at timestamptz,
  transporting_at    timestamptz,
  hospital_at        timestamptz,
  cleared_at         timestamptz,
  cleared_reason     text,
  dispatched_by      integer REFERENCES users (id)
);
-- A unit works one incident at a time; this index is the last word when two dispatchers race.
CREATE UNIQUE INDEX assignments_one_active_per_unit ON assignments (unit_id) WHERE cleared_at IS NULL;
CREATE INDEX assignments_incident_idx ON assignments (incident_id);

CREATE TABLE unit_status_history (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id        integer NOT NULL REFERENCES units (id),
  status         text NOT NULL,
  primary_status text NOT NULL,
  incident_id    bigint REFERENCES incidents (id),
  at             timestamptz NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  actor_user_id  integer REFERENCES users (id),
  note           text
);
CREATE INDEX unit_status_history_unit_idx ON unit_status_history (unit_id, at);

-- Every change, in one global, gap-free order. `seq` is assigned under the ledger row lock,
-- so seq order is commit order and a reader that has seen seq N has seen everything before it.
CREATE TABLE events (
  seq            bigint PRIMARY KEY,
  at             timestamptz NOT NULL,
  type           text NOT NULL,
  actor_user_id  integer,
  actor_label    text,
  agency_id      integer,
  incident_id    bigint,
  unit_id        integer,
  call_id        bigint,
  rooms          text[] NOT NULL,
  data           jsonb NOT NULL
);
CREATE INDEX events_incident_idx ON events (incident_id, seq) WHERE incident_id IS NOT NULL;

-- Who did what, when, from where, with the before and after; each row's hash covers the previous
-- row's hash, so altering or deleting any row breaks the chain from there on.
CREATE TABLE audit_log (
  seq            bigint PRIMARY KEY,
  at             timestamptz NOT NULL,
  actor_user_id  integer,
  actor_label    text NOT NULL,
  ip             text,
  action         text NOT NULL,
  entity         text NOT NULL,
  entity_id      text,
  before         jsonb,
  after          jsonb,
  purpose        text,
  prev_hash      text NOT NULL,
  hash           text NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

CREATE TABLE ledger (
  id          integer PRIMARY KEY CHECK (id = 1),
  event_seq   bigint NOT NULL,
  audit_seq   bigint NOT NULL,
  audit_hash  text NOT NULL
);
INSERT INTO ledger VALUES (1, 0, 0, repeat('0', 64));

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
CREATE TRIGGER unit_status_append_only BEFORE UPDATE OR DELETE ON unit_status_history FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Appends audit rows (each with its canonical text, built by the caller) and at most one event,
-- under one lock on the ledger row. Called last in a command's transaction so the lock is held
-- only for the append and the commit. Returns the event's seq (0 when there is none).
CREATE FUNCTION ledger_append(p_audits jsonb, p_event jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  l ledger%ROWTYPE;
  a jsonb;
  prev text;
  note text;
BEGIN
  SELECT * INTO l FROM ledger WHERE id = 1 FOR UPDATE;
  FOR a IN SELECT value FROM jsonb_array_elements(coalesce(p_audits, '[]'::jsonb)) LOOP
    l.audit_seq := l.audit_seq + 1;
    prev := l.audit_hash;
    l.audit_hash := encode(sha256(convert_to(prev || '|' || l.audit_seq::text || '|' || (a ->> 'canon'), 'UTF8')), 'hex');
    INSERT INTO audit_log (seq, at, actor_user_id, actor_label, ip, action, entity, entity_id, before, after, purpose, prev_hash, hash)
    VALUES (l.audit_seq, (a ->> 'at')::timestamptz, (a ->> 'actorUserId')::integer, a ->> 'actorLabel', a ->> 'ip', a ->> 'action',
            a ->> 'entity', a ->> 'entityId', a -> 'before', a -> 'after', a ->> 'purpose', prev, l.audit_hash);
  END LOOP;
  IF p_event IS NOT NULL THEN
    l.event_seq := l.event_seq + 1;
    INSERT INTO events (seq, at, type, actor_user_id, actor_label, agency_id, incident_id, unit_id, call_id, rooms, data)
    VALUES (l.event_seq, (p_event ->> 'at')::timestamptz, p_event ->> 'type', (p_event ->> 'actorUserId')::integer, p_event ->> 'actorLabel',
            (p_event ->> 'agencyId')::integer, (p_event ->> 'incidentId')::bigint, (p_event ->> 'unitId')::integer, (p_event ->> 'callId')::bigint,
            ARRAY(SELECT jsonb_array_elements_text(p_event -> 'rooms')), p_event -> 'data');
    -- The notification carries the whole event when it fits, so listeners need not read it back.
    note := jsonb_build_object('seq', l.event_seq, 'event', p_event)::text;
    IF octet_length(note) > 7900 THEN
      note := jsonb_build_object('seq', l.event_seq)::text;
    END IF;
    PERFORM pg_notify('psap_events', note);
  END IF;
  UPDATE ledger SET event_seq = l.event_seq, audit_seq = l.audit_seq, audit_hash = l.audit_hash WHERE id = 1;
  RETURN CASE WHEN p_event IS NULL THEN 0 ELSE l.event_seq END;
END $$;
