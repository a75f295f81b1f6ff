-- CAP messages received from other senders (the National Weather Service, neighbouring centres,
-- the state): kept as received, with what was read from them, so the map can draw active warnings
-- and the welfare-check list can find who lives inside one.
CREATE TABLE external_alerts (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  identifier      text NOT NULL,
  sender          text NOT NULL,
  -- As written in the message: references name it in this exact form.
  sent            text NOT NULL,
  sent_at         timestamptz,
  msg_type        text NOT NULL,
  status          text NOT NULL,
  cap_version     text NOT NULL CHECK (cap_version IN ('1.1', '1.2')),
  -- "sender,identifier,sent" of the messages this one updates or cancels.
  refs            text[] NOT NULL DEFAULT '{}',
  raw_xml         text NOT NULL,
  parsed          jsonb NOT NULL,
  -- The first area drawn as a shape (polygon, or a circle as a polygon), GeoJSON in lon/lat.
  area_geojson    jsonb,
  expires_at      timestamptz,
  source_url      text,
  received_at     timestamptz NOT NULL,
  -- Set when a later Update or Cancel from the sender names this message.
  superseded_by   bigint REFERENCES external_alerts (id),
  superseded_how  text CHECK (superseded_how IN ('Update', 'Cancel')),
  UNIQUE (sender, identifier, sent)
);
CREATE INDEX external_alerts_active ON external_alerts (expires_at) WHERE superseded_by IS NULL;
CREATE INDEX external_alerts_refs ON external_alerts USING gin (refs);
