-- NG9-1-1 intake over SIP: the SIP dialog (or text conversation) behind a call, every location
-- reported for it, and text-to-9-1-1 messages. The dispatcher-verified location stays on calls.

CREATE TABLE sip_dialogs (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  call_id               bigint NOT NULL REFERENCES calls (id),
  kind                  text NOT NULL CHECK (kind IN ('invite', 'message')),
  line                  text NOT NULL CHECK (line IN ('sos', 'admin', 'text')),
  sip_call_id           text NOT NULL,
  remote_tag            text,
  local_tag             text NOT NULL,
  request_uri           text NOT NULL,
  caller_uri            text,
  -- where requests to the caller go: Contact, else From; and how (udp/tcp) with the peer address seen
  remote_target         text,
  transport             text NOT NULL CHECK (transport IN ('udp', 'tcp')),
  peer                  text NOT NULL,
  emergency_call_id     text,
  emergency_incident_id text,
  location_status       text NOT NULL DEFAULT 'ok' CHECK (location_status IN ('ok', 'unavailable', 'reference-failed')),
  location_problem      text,
  additional_data       jsonb NOT NULL DEFAULT '[]',
  state                 text NOT NULL DEFAULT 'ringing' CHECK (state IN ('ringing', 'connected', 'ended')),
  end_reason            text,
  local_cseq            integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL,
  ended_at              timestamptz
);
CREATE UNIQUE INDEX sip_dialogs_call_idx ON sip_dialogs (call_id);
CREATE INDEX sip_dialogs_sip_call_idx ON sip_dialogs (sip_call_id);
CREATE INDEX sip_dialogs_caller_idx ON sip_dialogs (caller_uri) WHERE state <> 'ended';

CREATE TABLE call_locations (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  call_id        bigint NOT NULL REFERENCES calls (id),
  kind           text NOT NULL CHECK (kind IN ('device', 'update', 'supplemental')),
  shape          jsonb NOT NULL,
  lat            double precision CHECK (lat BETWEEN -90 AND 90),
  lon            double precision CHECK (lon BETWEEN -180 AND 180),
  uncertainty_m  double precision CHECK (uncertainty_m >= 0),
  confidence     double precision CHECK (confidence BETWEEN 0 AND 100),
  method         text,
  source         text NOT NULL CHECK (source IN ('sip-value', 'sip-reference', 'http')),
  label          text,
  received_at    timestamptz NOT NULL,
  created_by     integer REFERENCES users (id)
);
CREATE INDEX call_locations_call_idx ON call_locations (call_id, id);

CREATE TABLE call_texts (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  call_id         bigint NOT NULL REFERENCES calls (id),
  direction       text NOT NULL CHECK (direction IN ('in', 'out')),
  body            text NOT NULL,
  at              timestamptz NOT NULL,
  sent_by         integer REFERENCES users (id),
  delivery_status integer,
  delivered_at    timestamptz
);
CREATE INDEX call_texts_call_idx ON call_texts (call_id, id);
