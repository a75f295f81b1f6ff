-- A live camera shared out with another agency or a unit by an expiring link. An analyst who is
-- watching the camera for an incident creates it with a reason; the link carries the analyst's
-- authority, so it plays only while that analyst could still watch (the one live-access rule,
-- consent included), before it expires and until it is revoked. Only the token's SHA-256 is kept.
CREATE TABLE camera_shares (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash       text NOT NULL UNIQUE,
  camera_id        integer NOT NULL REFERENCES cameras (id),
  incident_id      integer NOT NULL REFERENCES incidents (id),
  -- The analyst's view it was created from.
  view_id          text REFERENCES video_views (id),
  recipient_kind   text NOT NULL CHECK (recipient_kind IN ('agency', 'unit')),
  agency_id        integer REFERENCES agencies (id),
  unit_id          integer REFERENCES units (id),
  -- The recipient as written at the time (agency name, or unit call sign and agency).
  recipient        text NOT NULL,
  reason           text NOT NULL,
  sent_to          text,
  created_by       integer NOT NULL REFERENCES users (id),
  created_by_label text NOT NULL,
  created_at       timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  revoked_at       timestamptz,
  revoked_by_label text,
  opens            integer NOT NULL DEFAULT 0,
  last_opened_at   timestamptz,
  CHECK (expires_at > created_at),
  CHECK ((recipient_kind = 'agency') = (agency_id IS NOT NULL AND unit_id IS NULL)),
  CHECK ((recipient_kind = 'unit') = (unit_id IS NOT NULL))
);
CREATE INDEX camera_shares_camera_idx ON camera_shares (camera_id, created_at DESC);
CREATE INDEX camera_shares_creator_idx ON camera_shares (created_by, created_at DESC);

-- Each opening of a share link that played video: when it started, was last heard from and why it
-- ended. The owner-visible start/stop rows are in camera_access; this is what the relay keeps.
CREATE TABLE camera_share_views (
  id            text PRIMARY KEY,
  share_id      integer NOT NULL REFERENCES camera_shares (id),
  started_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  ended_at      timestamptz,
  end_reason    text,
  ip            text,
  user_agent    text,
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE INDEX camera_share_views_share_idx ON camera_share_views (share_id, started_at DESC);
CREATE INDEX camera_share_views_open_idx ON camera_share_views (last_seen_at) WHERE ended_at IS NULL;
