-- Privacy of the community programs: requests from people for a copy of what the centre holds
-- about them or for its deletion, and the retention rules that erase records on schedule.

-- A request as staff took it. The subject and the identity check are kept as the centre's record
-- of who asked and how they were verified; the exported data itself is never stored, only counts.
CREATE TABLE privacy_requests (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('export', 'deletion')),
  subject         jsonb NOT NULL CHECK (jsonb_typeof(subject) = 'object'),
  -- How the person's identity (or their authority to act for someone) was verified.
  identity_check  text NOT NULL CHECK (length(identity_check) BETWEEN 3 AND 1000),
  state           text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'completed', 'refused')),
  -- The records chosen from the search, as '<source>:<key>'.
  refs            text[] NOT NULL CHECK (cardinality(refs) BETWEEN 1 AND 500),
  requested_by    integer NOT NULL REFERENCES users (id),
  requested_at    timestamptz NOT NULL,
  completed_by    integer REFERENCES users (id),
  completed_at    timestamptz,
  refusal_reason  text,
  -- What was exported or erased, counted by source and kind of row.
  result          jsonb,
  CHECK ((state = 'open') = (completed_at IS NULL)),
  CHECK ((state = 'open') = (completed_by IS NULL)),
  CHECK ((state = 'refused') = (refusal_reason IS NOT NULL))
);
CREATE INDEX privacy_requests_state_idx ON privacy_requests (state, requested_at);

-- The number of days each retention rule keeps records; a rule without a row uses its default
-- (defaults live with each source in src/privacy/sources/).
CREATE TABLE retention_rules (
  rule_id     text PRIMARY KEY CHECK (rule_id ~ '^[a-z][a-z0-9-]*\.[a-z0-9-]+$'),
  days        integer NOT NULL CHECK (days BETWEEN 1 AND 36500),
  updated_by  integer REFERENCES users (id),
  updated_at  timestamptz NOT NULL
);

-- Phone numbers are matched by their digits, without the North American country code, however
-- they were typed: '+1 (410) 555-0142', '410.555.0142' and '14105550142' are one number.
CREATE FUNCTION privacy_phone_digits(raw text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
  AS $$ SELECT CASE WHEN d ~ '^1[0-9]{10}$' THEN substr(d, 2) ELSE d END FROM (SELECT regexp_replace(raw, '[^0-9]', '', 'g') AS d) x $$;

-- A CARE alert that became a welfare-check incident outlives the day it was raised for: erasing a
-- senior's check-in history (on request or by retention) keeps the alert, without its notes, for the
-- incident that refers to it. So the alert can no longer require its day row to exist.
ALTER TABLE care_alerts DROP CONSTRAINT care_alerts_enrolment_id_local_date_fkey;
