-- Community education tours: groups ask to visit the centre with a public form, community services
-- officers confirm each request into a slot of the centre's local day. Contact details are personal
-- data: staff read them one request at a time, audited with a purpose.
CREATE TABLE tour_requests (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Short enough to read out on the phone; unambiguous letters only (no 0/O, 1/I/L).
  reference       text NOT NULL UNIQUE CHECK (reference ~ '^T-[A-Z2-9]{6}$'),
  state           text NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'confirmed', 'declined', 'cancelled', 'withdrawn')),
  organisation    text NOT NULL,
  contact_name    text NOT NULL,
  email           text,
  phone           text,
  group_size      integer NOT NULL CHECK (group_size > 0),
  ages            text NOT NULL,
  accessibility   text,
  -- Up to three {date, period} wishes, in the requester's order.
  preferences     jsonb NOT NULL CHECK (jsonb_typeof(preferences) = 'array'),
  message         text,
  lang            text NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'es')),
  -- The centre's local date the request was made: notice is counted from it.
  requested_on    date NOT NULL,
  -- The booked slot; kept after a cancellation or withdrawal so the history reads complete.
  tour_date       date,
  period          text CHECK (period IN ('morning', 'afternoon')),
  -- The decline or cancellation message the requester was sent.
  staff_message   text,
  decided_at      timestamptz,
  decided_by      integer REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (email IS NOT NULL OR phone IS NOT NULL),
  CHECK (state <> 'confirmed' OR (tour_date IS NOT NULL AND period IS NOT NULL))
);
-- One confirmed tour per slot, whatever the application does: the last line against double booking.
CREATE UNIQUE INDEX tour_requests_one_per_slot ON tour_requests (tour_date, period) WHERE state = 'confirmed';
CREATE INDEX tour_requests_state_idx ON tour_requests (state, created_at);

-- Private links sent to the requester: only hashes are kept, so a copy of the database cannot
-- withdraw anyone's request. Each message carrying a link mints its own.
CREATE TABLE tour_links (
  token_hash   text PRIMARY KEY,
  request_id   bigint NOT NULL REFERENCES tour_requests (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tour_links_request_idx ON tour_links (request_id);

-- Days without tours (a drill, a holiday, an inspection), kept by the officers.
CREATE TABLE tour_blocked_dates (
  date         date PRIMARY KEY,
  reason       text NOT NULL,
  created_by   integer REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
