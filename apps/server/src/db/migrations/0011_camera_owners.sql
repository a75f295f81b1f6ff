-- The camera owners' portal and footage requests. Owners sign in by a link sent to their e-mail;
-- only hashes of link tokens and session secrets are stored.

-- Where an owner-registered camera is (the address they typed, or the one found for their map point).
ALTER TABLE cameras ADD COLUMN address text;
-- The language the owner uses the portal in, for the messages we send them.
ALTER TABLE camera_owners ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es'));

-- One sign-in (or sign-up) link. A sign-up link carries the details the person gave, so the owner
-- row is created only once they prove they read that mailbox. Single use: used_at is set on use.
CREATE TABLE camera_owner_links (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE,
  email         text NOT NULL,
  owner_id      integer REFERENCES camera_owners (id),
  signup        jsonb,
  language      text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es')),
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  used_at       timestamptz,
  ip            text,
  CHECK ((owner_id IS NULL) = (signup IS NOT NULL))
);
CREATE INDEX camera_owner_links_email_idx ON camera_owner_links (lower(email), created_at DESC);

-- An owner's signed-in browser. Kept apart from staff sessions: an owner cookie never opens a
-- staff route, and a staff cookie never opens an owner's page.
CREATE TABLE camera_owner_sessions (
  id_hash       text PRIMARY KEY,
  owner_id      integer NOT NULL REFERENCES camera_owners (id),
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  ip            text,
  user_agent    text
);
CREATE INDEX camera_owner_sessions_owner_idx ON camera_owner_sessions (owner_id);

-- An analyst's request to an owner for recorded video of one camera, for one incident.
CREATE TABLE footage_requests (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  camera_id       integer NOT NULL REFERENCES cameras (id),
  owner_id        integer NOT NULL REFERENCES camera_owners (id),
  incident_id     integer NOT NULL REFERENCES incidents (id),
  requested_by    integer NOT NULL REFERENCES users (id),
  reason          text NOT NULL,
  window_start    timestamptz NOT NULL,
  window_end      timestamptz NOT NULL,
  state           text NOT NULL DEFAULT 'requested'
                  CHECK (state IN ('requested', 'approved', 'declined', 'uploaded', 'expired', 'cancelled')),
  created_at      timestamptz NOT NULL,
  -- Unanswered or approved-but-not-uploaded requests lapse at this moment (the expiry job).
  expires_at      timestamptz NOT NULL,
  decided_at      timestamptz,
  owner_note      text,
  cancelled_at    timestamptz,
  cancel_reason   text,
  uploaded_at     timestamptz,
  file_name       text,
  file_type       text,
  file_bytes      bigint,
  file_sha256     text,
  -- Where the file is kept: an evidence id when the evidence store holds it, else a path under the data directory.
  evidence_id     text,
  file_path       text,
  updated_at      timestamptz NOT NULL,
  CHECK (window_end > window_start AND window_end - window_start <= interval '2 hours'),
  CHECK ((state = 'uploaded') = (uploaded_at IS NOT NULL))
);
CREATE INDEX footage_requests_camera_idx ON footage_requests (camera_id, created_at DESC);
CREATE INDEX footage_requests_owner_idx ON footage_requests (owner_id, created_at DESC);
CREATE INDEX footage_requests_open_idx ON footage_requests (expires_at) WHERE state IN ('requested', 'approved');
