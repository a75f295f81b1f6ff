-- Messages the centre sends to the public (SMS, e-mail) through the messaging gateway. The local
-- stand-in gateway "delivers" by recording here; a real gateway records its provider's id.
CREATE TABLE outbound_messages (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel       text NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient     text NOT NULL,
  subject       text,
  body          text NOT NULL,
  -- Why it was sent, e.g. 'care.reminder' or 'special-needs.manage-link': for the audit and for retention.
  purpose       text NOT NULL,
  related       text,
  gateway       text NOT NULL,
  status        text NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  provider_id   text,
  error         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  sent_at       timestamptz
);
CREATE INDEX outbound_messages_related_idx ON outbound_messages (related);

-- Background jobs that must run once per due moment even with several servers and restarts:
-- each run takes this row's lock, so only one server works a job at a time.
CREATE TABLE job_runs (
  job          text PRIMARY KEY,
  last_run_at  timestamptz,
  last_error   text
);
