-- Live views of cameras by RTCC analysts. A view is one person watching one camera for one
-- incident with a stated reason; its id is random and its video is served only to the session
-- that started it. camera_access holds the owner-visible start/stop rows; this table holds what
-- the relay needs to keep, check and close views (including ones a crashed server left open).
CREATE TABLE video_views (
  id            text PRIMARY KEY,
  camera_id     integer NOT NULL REFERENCES cameras (id),
  user_id       integer NOT NULL REFERENCES users (id),
  -- The session (sha256 of its id) or API token the video is served to; nobody else gets it.
  bound_to      text NOT NULL,
  reason        text NOT NULL,
  incident_id   integer NOT NULL REFERENCES incidents (id),
  consent_id    integer REFERENCES camera_consents (id),
  started_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  ended_at      timestamptz,
  end_reason    text,
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE INDEX video_views_open_idx ON video_views (last_seen_at) WHERE ended_at IS NULL;
CREATE INDEX video_views_camera_idx ON video_views (camera_id, started_at DESC);
