-- Public alerts (AMBER, Silver / missing and endangered, Blue, local emergencies, severe weather),
-- drafted by one person and issued only after a supervisor other than the drafter approves.
CREATE TABLE alerts (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('amber', 'silver', 'blue', 'local-emergency', 'severe-weather')),
  state            text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'awaiting-approval', 'issued', 'updated', 'cancelled', 'expired')),
  incident_id      integer REFERENCES incidents (id),
  hmh_person_id    integer REFERENCES hmh_people (id) ON DELETE SET NULL,
  -- The Help Me Home draft this alert was prefilled from; each is imported once.
  source_draft_id  integer UNIQUE REFERENCES alert_drafts (id),
  event            text NOT NULL,
  same_code        text NOT NULL CHECK (same_code ~ '^[A-Z]{3}$'),
  headline         text NOT NULL,
  description      text NOT NULL,
  instruction      text NOT NULL DEFAULT '',
  wea_short        text NOT NULL DEFAULT '' CHECK (char_length(wea_short) <= 90),
  wea_long         text NOT NULL DEFAULT '' CHECK (char_length(wea_long) <= 360),
  area_desc        text NOT NULL DEFAULT '',
  -- [[lat, lon], ...] closed ring, or null.
  polygon          jsonb,
  circle_lat       double precision,
  circle_lon       double precision,
  circle_km        double precision CHECK (circle_km IS NULL OR circle_km > 0),
  same_geocodes    text[] NOT NULL DEFAULT '{}',
  expires_at       timestamptz,
  -- Published with the alert once issued (a missing person's picture); never shown before.
  photo            bytea,
  -- Free details the composer keeps for the prefill (last seen place and time, vehicle).
  last_seen        text NOT NULL DEFAULT '',
  vehicle          text NOT NULL DEFAULT '',
  criteria_set     text NOT NULL,
  criteria         jsonb NOT NULL DEFAULT '{}',
  drafted_by       integer REFERENCES users (id),
  drafted_by_label text NOT NULL,
  drafted_at       timestamptz NOT NULL,
  submitted_at     timestamptz,
  approved_by      integer REFERENCES users (id),
  approved_by_label text,
  issued_at        timestamptz,
  returned_note    text,
  cancelled_at     timestamptz,
  cancel_reason    text,
  bolo_id          integer REFERENCES bolos (id),
  -- The CAP message as issued (the first Alert), kept verbatim.
  cap_xml          text,
  updated_at       timestamptz NOT NULL,
  -- Two-person rule, held by the database too: nobody approves their own draft.
  CONSTRAINT alerts_two_person CHECK (approved_by IS NULL OR drafted_by IS NULL OR approved_by <> drafted_by)
);
CREATE INDEX alerts_state_idx ON alerts (state);

-- Every CAP message sent for an alert (Alert, Update, Cancel), in order; Update and Cancel reference the earlier ones.
CREATE TABLE alert_messages (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id    integer NOT NULL REFERENCES alerts (id),
  identifier  text NOT NULL UNIQUE,
  sender      text NOT NULL,
  sent        text NOT NULL,
  msg_type    text NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel')),
  "references" text[] NOT NULL DEFAULT '{}',
  xml         text NOT NULL,
  created_at  timestamptz NOT NULL,
  created_by  text NOT NULL
);
CREATE INDEX alert_messages_alert_idx ON alert_messages (alert_id, id);

-- The local publishing stand-in: what would have gone to the federal gateway, kept here instead.
CREATE TABLE alert_publications (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id  integer NOT NULL REFERENCES alert_messages (id),
  channel     text NOT NULL,
  published_at timestamptz NOT NULL,
  receipt     text NOT NULL
);
