-- Interoperability: incidents received from other centres as EIDOs, the NENA i3 log of call and
-- agent events, and alarm companies sending alarms in and receiving updates back.

-- Where an incident came from when another centre transferred it (CAD-to-CAD), so a dispatcher
-- can see and answer the sender, and a second import of the same EIDO can be recognised.
CREATE TABLE incident_sources (
  incident_id          bigint PRIMARY KEY REFERENCES incidents (id),
  kind                 text NOT NULL CHECK (kind IN ('eido')),
  source_id            text NOT NULL,
  issuing_element      text NOT NULL,
  sending_agency       text,
  received_at          timestamptz NOT NULL,
  received_by          integer REFERENCES users (id),
  document             jsonb NOT NULL
);
CREATE INDEX incident_sources_source_idx ON incident_sources (source_id);

-- How far a follower of the ledger has got. A follower writes its rows and moves its cursor in
-- one transaction, so each event is handled exactly once whatever restarts or servers there are.
CREATE TABLE ledger_followers (
  name       text PRIMARY KEY,
  event_seq  bigint NOT NULL DEFAULT 0,
  audit_seq  bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- NENA i3 LogEvents (STA-010 LoggingService), one row each, derived from committed events.
CREATE TABLE i3_log_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  log_event_id  text NOT NULL UNIQUE,
  type          text NOT NULL,
  at            timestamptz NOT NULL,
  call_id       bigint,
  incident_id   bigint,
  agent         text,
  source        text NOT NULL CHECK (source IN ('event', 'audit')),
  source_seq    bigint NOT NULL,
  body          jsonb NOT NULL,
  UNIQUE (source, source_seq, type)
);
CREATE INDEX i3_log_events_at_idx ON i3_log_events (at);
CREATE INDEX i3_log_events_call_idx ON i3_log_events (call_id) WHERE call_id IS NOT NULL;
CREATE INDEX i3_log_events_incident_idx ON i3_log_events (incident_id) WHERE incident_id IS NOT NULL;
CREATE TRIGGER i3_log_events_append_only BEFORE UPDATE OR DELETE ON i3_log_events FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Alarm monitoring companies allowed to send alarms (APCO/CSAA ASAP in spirit). Only the key's
-- SHA-256 is kept; the key is shown once when the company is registered.
CREATE TABLE alarm_companies (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  key_hash      text NOT NULL UNIQUE,
  key_prefix    text NOT NULL,
  callback_url  text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  disabled_at   timestamptz
);

CREATE TABLE alarm_events (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  company_id     integer NOT NULL REFERENCES alarm_companies (id),
  external_id    text NOT NULL,
  account        text NOT NULL,
  event_type     text NOT NULL,
  type_code      text NOT NULL,
  zone           text,
  address        text NOT NULL,
  lat            double precision NOT NULL,
  lon            double precision NOT NULL,
  contacts       jsonb NOT NULL DEFAULT '[]',
  permit_number  text,
  comments       text,
  call_id        bigint NOT NULL REFERENCES calls (id),
  received_at    timestamptz NOT NULL,
  cancelled_at   timestamptz,
  cancel_reason  text,
  UNIQUE (company_id, external_id)
);
CREATE INDEX alarm_events_call_idx ON alarm_events (call_id);

-- Each update owed to a company, sent until it is accepted; one per alarm and stage.
CREATE TABLE alarm_deliveries (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alarm_event_id   bigint NOT NULL REFERENCES alarm_events (id),
  stage            text NOT NULL CHECK (stage IN ('accepted', 'dispatched', 'arrived', 'closed', 'cancelled', 'refused')),
  payload          jsonb NOT NULL,
  created_at       timestamptz NOT NULL,
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  delivered_at     timestamptz,
  given_up_at      timestamptz,
  UNIQUE (alarm_event_id, stage)
);
CREATE INDEX alarm_deliveries_due_idx ON alarm_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND given_up_at IS NULL;

-- Every attempt to deliver, with what the company's server answered.
CREATE TABLE alarm_delivery_attempts (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id  bigint NOT NULL REFERENCES alarm_deliveries (id),
  at           timestamptz NOT NULL,
  http_status  integer,
  error        text
);
CREATE INDEX alarm_delivery_attempts_delivery_idx ON alarm_delivery_attempts (delivery_id);
