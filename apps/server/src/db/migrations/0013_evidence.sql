-- Evidence: files (photos, videos) that reached the centre, their chain of custody, the one-time
-- links that bring them in (witness uploads, live video from a caller's phone) and the expiring
-- links that share them out. The bytes live in a content-addressed store (a folder under the data
-- directory, or S3-compatible storage), named by their SHA-256; these rows say what they are.

-- A link sent to a member of the public for one purpose: uploading files, or live video.
-- Only the token's SHA-256 is kept; a link works for its purpose and its incident only.
CREATE TABLE evidence_links (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  purpose          text NOT NULL CHECK (purpose IN ('upload', 'live-video')),
  token_hash       text NOT NULL UNIQUE,
  incident_id      bigint NOT NULL REFERENCES incidents (id),
  recipient_phone  text NOT NULL,
  recipient_name   text,
  language         text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es')),
  created_by       integer REFERENCES users (id),
  created_by_label text NOT NULL,
  created_at       timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  message_id       bigint,
  opened_at        timestamptz,
  -- upload: the sender pressed "Done"; live video: the call ended. Either way the link is spent.
  finished_at      timestamptz,
  revoked_at       timestamptz,
  revoked_by_label text,
  -- live video only: recorded as evidence (the agency's setting when the link was made), the
  -- caller's consent and, if they agreed, where the phone is.
  record           boolean NOT NULL DEFAULT false,
  consented_at     timestamptz,
  location_consent boolean,
  lat              double precision CHECK (lat BETWEEN -90 AND 90),
  lon              double precision CHECK (lon BETWEEN -180 AND 180),
  location_accuracy_m real CHECK (location_accuracy_m >= 0),
  location_at      timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX evidence_links_incident_idx ON evidence_links (incident_id, created_at);

CREATE TABLE evidence_items (
  id                   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id          bigint REFERENCES incidents (id),
  sha256               text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes           bigint NOT NULL CHECK (size_bytes > 0),
  content_type         text NOT NULL,
  media_kind           text NOT NULL CHECK (media_kind IN ('photo', 'video')),
  declared_name        text NOT NULL,
  source               text NOT NULL CHECK (source IN ('witness', 'footage', 'caller-video', 'staff')),
  -- Who gave it (a witness's phone number, a camera owner, a dispatcher) and how it reached us.
  submitted_by         text NOT NULL,
  submitted_by_user_id integer REFERENCES users (id),
  how                  text NOT NULL,
  link_id              integer REFERENCES evidence_links (id),
  received_at          timestamptz NOT NULL,
  lat                  double precision CHECK (lat BETWEEN -90 AND 90),
  lon                  double precision CHECK (lon BETWEEN -180 AND 180),
  location_accuracy_m  real CHECK (location_accuracy_m >= 0),
  store                text NOT NULL CHECK (store IN ('local', 's3')),
  -- Retention removes the bytes and keeps this row and the custody log, so what existed stays known.
  erased_at            timestamptz,
  erased_reason        text,
  CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX evidence_items_incident_idx ON evidence_items (incident_id, received_at);
CREATE INDEX evidence_items_sha_idx ON evidence_items (sha256) WHERE erased_at IS NULL;
CREATE INDEX evidence_items_due_idx ON evidence_items (source, received_at) WHERE erased_at IS NULL;

-- Every access to an item: received, viewed, downloaded, shared, a share used, verified, erased.
-- Append-only: each row also has its twin in the chained audit log.
CREATE TABLE evidence_custody (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  evidence_id  integer NOT NULL REFERENCES evidence_items (id),
  at           timestamptz NOT NULL,
  action       text NOT NULL CHECK (action IN ('received', 'view', 'download', 'share', 'share-use', 'share-revoked', 'verified', 'integrity-failed', 'erased')),
  user_id      integer REFERENCES users (id),
  actor_label  text NOT NULL,
  ip           text,
  purpose      text,
  detail       jsonb
);
CREATE INDEX evidence_custody_item_idx ON evidence_custody (evidence_id, id);

CREATE FUNCTION evidence_custody_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the chain of custody is append-only';
END $$;
CREATE TRIGGER evidence_custody_append_only BEFORE UPDATE OR DELETE ON evidence_custody
  FOR EACH ROW EXECUTE FUNCTION evidence_custody_append_only();
CREATE TRIGGER evidence_custody_no_truncate BEFORE TRUNCATE ON evidence_custody
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_custody_append_only();

-- A resumable upload in progress: bytes arrive in chunks at stated offsets into a part file; the
-- part file's length is the truth about how far it got, so a dropped connection resumes there.
CREATE TABLE evidence_uploads (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  upload_key     text NOT NULL UNIQUE CHECK (upload_key ~ '^[a-z0-9]{20,40}$'),
  source         text NOT NULL CHECK (source IN ('witness', 'caller-video', 'staff')),
  link_id        integer REFERENCES evidence_links (id),
  incident_id    bigint REFERENCES incidents (id),
  started_by     integer REFERENCES users (id),
  declared_name  text NOT NULL,
  declared_type  text,
  -- null while the length is unknown (a recording still running)
  declared_size  bigint CHECK (declared_size > 0),
  received_bytes bigint NOT NULL DEFAULT 0,
  content_type   text,
  lat            double precision CHECK (lat BETWEEN -90 AND 90),
  lon            double precision CHECK (lon BETWEEN -180 AND 180),
  location_accuracy_m real,
  state          text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'complete', 'refused', 'abandoned')),
  refused_reason text,
  evidence_id    integer REFERENCES evidence_items (id),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE INDEX evidence_uploads_link_idx ON evidence_uploads (link_id);
CREATE INDEX evidence_uploads_open_idx ON evidence_uploads (updated_at) WHERE state = 'open';

-- An item shared out with another agency or a unit by an expiring link; each use is in the custody log.
CREATE TABLE evidence_shares (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  evidence_id      integer NOT NULL REFERENCES evidence_items (id),
  token_hash       text NOT NULL UNIQUE,
  recipient_kind   text NOT NULL CHECK (recipient_kind IN ('agency', 'unit', 'other')),
  recipient        text NOT NULL,
  unit_id          integer REFERENCES units (id),
  purpose          text NOT NULL,
  sent_to          text,
  created_by       integer REFERENCES users (id),
  created_by_label text NOT NULL,
  created_at       timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  revoked_at       timestamptz,
  revoked_by_label text,
  uses             integer NOT NULL DEFAULT 0,
  last_used_at     timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX evidence_shares_item_idx ON evidence_shares (evidence_id);
