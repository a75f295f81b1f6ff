-- The people of the centre and its agencies whose shifts, training and certifications are kept:
-- telecommunicators (usually also users who sign in) and field officers (CIT training).
CREATE TABLE staff_members (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Set when the person signs in to OpenPSAP; field officers often have no account.
  user_id       integer UNIQUE REFERENCES users (id),
  employee_no   text UNIQUE,
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  -- 'centre' for communications staff, else the agency code (BPD, BCFD).
  organisation  text NOT NULL DEFAULT 'centre',
  job_title     text,
  email         text,
  phone         text,
  hired_on      date,
  left_on       date,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (left_on IS NULL OR hired_on IS NULL OR left_on >= hired_on)
);
