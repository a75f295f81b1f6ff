-- Special Needs Notifications from the public, their review, and the caution each approved one
-- places at its address. The form is kept as submitted (jsonb, validated by the API) so a reviewer
-- sees exactly what the family wrote; the columns beside it are what queries and cautions need.
CREATE TABLE special_needs_notices (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  state            text NOT NULL CHECK (state IN ('pending', 'needs-info', 'approved', 'rejected', 'withdrawn')),
  form             jsonb NOT NULL,
  person_name      text NOT NULL,
  address_text     text NOT NULL,
  photo            bytea,
  -- The geocoder's reading of the address at submission, for the reviewer; confirmed on approval.
  lat              double precision,
  lon              double precision,
  geocode_label    text,
  geocode_score    real,
  review_message   text,
  reviewed_by      integer REFERENCES users (id),
  reviewed_at      timestamptz,
  -- Approval and each yearly re-confirmation set these; after expires_at the caution is flagged.
  confirmed_at     timestamptz,
  expires_at       timestamptz,
  reminder_sent_at timestamptz,
  caution_id       integer REFERENCES premise_cautions (id),
  submitted_at     timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  withdrawn_at     timestamptz
);
CREATE INDEX special_needs_state_idx ON special_needs_notices (state, submitted_at);
CREATE INDEX special_needs_expiry_idx ON special_needs_notices (expires_at) WHERE state = 'approved';

-- Private links to a notice. Only a hash is stored: the link itself is in the submitter's hands
-- alone. Each message to the submitter carries a fresh link, since the old one cannot be re-sent.
CREATE TABLE special_needs_links (
  token_hash  text PRIMARY KEY,
  notice_id   integer NOT NULL REFERENCES special_needs_notices (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX special_needs_links_notice_idx ON special_needs_links (notice_id);

-- What each role reads in a caution: the least each needs (see cautions.queries.ts).
ALTER TABLE premise_cautions ADD COLUMN details_by_role jsonb;
