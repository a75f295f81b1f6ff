-- The RTCC's camera registry and the owners' written consents. City cameras have no owner row
-- (owner_kind 'city'); businesses and residents own theirs and decide what the centre may do.
CREATE TABLE camera_owners (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('business', 'resident')),
  name          text NOT NULL,
  organisation  text,
  email         text NOT NULL,
  phone         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  verified_at   timestamptz
);
CREATE UNIQUE INDEX camera_owners_email_idx ON camera_owners (lower(email));

CREATE TABLE cameras (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name           text NOT NULL,
  owner_kind     text NOT NULL CHECK (owner_kind IN ('city', 'business', 'resident')),
  owner_id       integer REFERENCES camera_owners (id),
  lat            double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon            double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  -- Compass bearing the camera faces (0 = north) and its horizontal field of view; null = unknown
  -- (a PTZ camera, or not recorded), treated as seeing all around within range.
  direction_deg  real CHECK (direction_deg >= 0 AND direction_deg < 360),
  fov_deg        real CHECK (fov_deg > 0 AND fov_deg <= 360),
  range_m        real NOT NULL DEFAULT 60 CHECK (range_m > 0 AND range_m <= 1000),
  kind           text NOT NULL DEFAULT 'fixed' CHECK (kind IN ('fixed', 'ptz')),
  -- Where the video comes from. Kept server-side: browsers only ever get the relayed HLS.
  stream_url     text,
  stream_kind    text CHECK (stream_kind IN ('rtsp', 'hls', 'mjpeg')),
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'removed')),
  health         text NOT NULL DEFAULT 'unknown' CHECK (health IN ('unknown', 'online', 'offline', 'degraded')),
  health_checked_at timestamptz,
  tags           text[] NOT NULL DEFAULT '{}',
  installed_on   date,
  -- Where the row came from (an import file, the owner portal), so re-imports update in place.
  source         text NOT NULL DEFAULT 'manual',
  source_id      text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((owner_kind = 'city') = (owner_id IS NULL)),
  CHECK ((stream_url IS NULL) = (stream_kind IS NULL))
);
CREATE UNIQUE INDEX cameras_source_idx ON cameras (source, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX cameras_position_idx ON cameras (lat, lon) WHERE status <> 'removed';

-- A private owner's written consent for one camera. Rows are never changed except to record a
-- revocation once; a new scope is a new consent. What the centre may do is always decided from
-- the current row: not revoked, not expired.
CREATE TABLE camera_consents (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  camera_id      integer NOT NULL REFERENCES cameras (id),
  owner_id       integer NOT NULL REFERENCES camera_owners (id),
  -- registry: "contact me"; footage: recordings on request; live: live view during incidents.
  level          text NOT NULL CHECK (level IN ('registry', 'footage', 'live')),
  terms_version  text NOT NULL,
  terms_text     text NOT NULL,
  signed_name    text NOT NULL,
  signed_title   text,
  signed_date    date NOT NULL,
  signed_at      timestamptz NOT NULL DEFAULT now(),
  signed_ip      text,
  expires_at     timestamptz,
  revoked_at     timestamptz,
  revoked_reason text
);
CREATE INDEX camera_consents_camera_idx ON camera_consents (camera_id, signed_at DESC);

CREATE FUNCTION camera_consents_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'camera consents are kept: revoke instead of deleting';
  END IF;
  IF OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL
     OR (to_jsonb(NEW) - 'revoked_at' - 'revoked_reason') <> (to_jsonb(OLD) - 'revoked_at' - 'revoked_reason') THEN
    RAISE EXCEPTION 'a signed consent cannot be changed; only revoked, once';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER camera_consents_immutable BEFORE UPDATE OR DELETE ON camera_consents
  FOR EACH ROW EXECUTE FUNCTION camera_consents_immutable();

-- Every use of a camera the owner may see: views started and stopped, refusals, footage requests.
-- Kept apart from the audit log so an owner's page can list them without reading the audit.
CREATE TABLE camera_access (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  camera_id    integer NOT NULL REFERENCES cameras (id),
  at           timestamptz NOT NULL DEFAULT now(),
  user_id      integer REFERENCES users (id),
  actor_label  text NOT NULL,
  action       text NOT NULL CHECK (action IN ('view-start', 'view-stop', 'view-denied', 'footage-request', 'footage-received', 'share')),
  reason       text,
  incident_id  integer REFERENCES incidents (id),
  detail       jsonb
);
CREATE INDEX camera_access_camera_idx ON camera_access (camera_id, at DESC);
