-- 12-hour rotations: teams on a day/night/off sequence, members on teams at a position, and what
-- departs from the pattern (approved leave, approved swaps, overtime). Assignments themselves are
-- computed from these rows on demand, so a changed pattern never leaves stale shifts behind.

-- Shift times are local wall-clock times in the centre's zone; a night crossing a clock change is
-- 11 or 13 hours long. ahtSeconds: handling time used by the forecast when no call history has one.
CREATE TABLE roster_settings (
  id           boolean PRIMARY KEY DEFAULT true CHECK (id),
  day_start    text NOT NULL DEFAULT '07:00' CHECK (day_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  night_start  text NOT NULL DEFAULT '19:00' CHECK (night_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  aht_seconds  integer NOT NULL DEFAULT 180 CHECK (aht_seconds BETWEEN 10 AND 3600),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO roster_settings DEFAULT VALUES;

-- sequence: one letter per day of the cycle (D day, N night, O off); cycle_start is the date of
-- its first letter.
CREATE TABLE roster_teams (
  code         text PRIMARY KEY CHECK (code IN ('A', 'B', 'C', 'D')),
  pattern      text CHECK (pattern IN ('pitman', 'dupont', 'custom')),
  sequence     text CHECK (sequence ~ '^[DNO]{1,200}$'),
  cycle_start  date,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((sequence IS NULL) = (cycle_start IS NULL))
);
INSERT INTO roster_teams (code) VALUES ('A'), ('B'), ('C'), ('D');

CREATE TABLE roster_members (
  staff_id     integer PRIMARY KEY REFERENCES staff_members (id),
  team_code    text REFERENCES roster_teams (code),
  position     text NOT NULL CHECK (position IN ('call-taker', 'police-dispatch', 'fire-ems-dispatch', 'supervisor'))
);

CREATE TABLE roster_minimums (
  position     text NOT NULL CHECK (position IN ('call-taker', 'police-dispatch', 'fire-ems-dispatch', 'supervisor')),
  hour         smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  minimum      smallint NOT NULL CHECK (minimum BETWEEN 0 AND 50),
  PRIMARY KEY (position, hour)
);
-- A demo default: three call-takers from 07:00 to 23:00 and two overnight; one of each other position.
INSERT INTO roster_minimums (position, hour, minimum)
  SELECT p, h, CASE WHEN p = 'call-taker' THEN (CASE WHEN h BETWEEN 7 AND 22 THEN 3 ELSE 2 END) ELSE 1 END
    FROM unnest(ARRAY['call-taker', 'police-dispatch', 'fire-ems-dispatch', 'supervisor']) AS p, generate_series(0, 23) AS h;

CREATE TABLE roster_leave (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  staff_id     integer NOT NULL REFERENCES staff_members (id),
  from_date    date NOT NULL,
  to_date      date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('annual', 'sick', 'training', 'other')),
  note         text,
  state        text NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'approved', 'refused', 'cancelled')),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by   text,
  decided_at   timestamptz,
  CHECK (to_date >= from_date AND to_date - from_date <= 366)
);
CREATE INDEX roster_leave_dates_idx ON roster_leave (from_date, to_date) WHERE state = 'approved';

-- A swap: the requester's shift on give_date goes to the partner; with take_date the requester
-- works the partner's shift that day in return. Both accept, then a supervisor approves.
CREATE TABLE roster_swaps (
  id                 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  requester_id       integer NOT NULL REFERENCES staff_members (id),
  partner_id         integer NOT NULL REFERENCES staff_members (id),
  give_date          date NOT NULL,
  give_shift         text NOT NULL CHECK (give_shift IN ('D', 'N')),
  take_date          date,
  take_shift         text CHECK (take_shift IN ('D', 'N')),
  requester_accepted_at timestamptz,
  partner_accepted_at   timestamptz,
  state              text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'refused', 'cancelled')),
  decided_by         text,
  decided_at         timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (requester_id <> partner_id),
  CHECK ((take_date IS NULL) = (take_shift IS NULL))
);

-- Overtime worked on top of the pattern; hours may be less than a whole shift (from its start).
CREATE TABLE roster_overtime (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  staff_id     integer NOT NULL REFERENCES staff_members (id),
  work_date    date NOT NULL,
  shift        text NOT NULL CHECK (shift IN ('D', 'N')),
  position     text NOT NULL CHECK (position IN ('call-taker', 'police-dispatch', 'fire-ems-dispatch', 'supervisor')),
  hours        smallint CHECK (hours BETWEEN 1 AND 12),
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (staff_id, work_date, shift)
);
CREATE INDEX roster_overtime_date_idx ON roster_overtime (work_date);

-- The position a signed-in person works from, chosen at the console; kept per session so two
-- sign-ins of one person (or a change of position) read correctly.
CREATE TABLE console_positions (
  session_hash text PRIMARY KEY REFERENCES sessions (id_hash) ON DELETE CASCADE,
  user_id      integer NOT NULL REFERENCES users (id),
  position     text NOT NULL CHECK (position IN ('call-taker', 'police-dispatch', 'fire-ems-dispatch', 'supervisor')),
  chosen_at    timestamptz NOT NULL DEFAULT now()
);
