-- Training of new telecommunicators (phases with a communications training officer, daily
-- observation reports, checklists, sign-offs) and certifications with expiry (reminders, and the
-- CIT capability of the units whose crews hold one).

-- A program is written once: a change is a new program, so a trainee's record keeps the phases,
-- checklist items and rating categories it was signed against.
CREATE TABLE training_programs (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  -- { "phases": [{ "key", "name", "minDays", "maxDays", "checklist": [{ "key", "label" }] }],
  --   "categories": [{ "key", "label" }] }
  definition  jsonb NOT NULL,
  is_default  boolean NOT NULL DEFAULT false,
  created_by  integer REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX training_programs_one_default ON training_programs (is_default) WHERE is_default;

CREATE TABLE trainees (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  staff_member_id  integer NOT NULL REFERENCES staff_members (id),
  program_id       integer NOT NULL REFERENCES training_programs (id),
  hired_on         date NOT NULL,
  cto_staff_id     integer REFERENCES staff_members (id),
  -- Index into the program's phases; equals the number of phases once released.
  phase_index      integer NOT NULL DEFAULT 0 CHECK (phase_index >= 0),
  phase_started_on date NOT NULL,
  status           text NOT NULL DEFAULT 'in-training' CHECK (status IN ('in-training', 'released', 'withdrawn')),
  completed_on     date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (cto_staff_id IS NULL OR cto_staff_id <> staff_member_id)
);
CREATE UNIQUE INDEX trainees_one_active ON trainees (staff_member_id) WHERE status = 'in-training';

CREATE TABLE training_dors (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  trainee_id       integer NOT NULL REFERENCES trainees (id),
  observed_on      date NOT NULL,
  phase_key        text NOT NULL,
  cto_staff_id     integer NOT NULL REFERENCES staff_members (id),
  -- { "<category key>": 1..7 } (7 best), every category of the program rated.
  ratings          jsonb NOT NULL,
  narrative        text NOT NULL CHECK (length(narrative) BETWEEN 1 AND 10000),
  acknowledged_at  timestamptz,
  acknowledged_by  integer REFERENCES users (id),
  trainee_comment  text,
  recorded_by      integer REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_dors_trainee_idx ON training_dors (trainee_id, observed_on);

-- Sign-offs are never changed or removed: together they are the trail of the trainee's record.
CREATE TABLE training_checklist_signoffs (
  trainee_id   integer NOT NULL REFERENCES trainees (id),
  phase_key    text NOT NULL,
  item_key     text NOT NULL,
  cto_staff_id integer NOT NULL REFERENCES staff_members (id),
  signed_on    date NOT NULL,
  recorded_by  integer REFERENCES users (id),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (trainee_id, phase_key, item_key)
);

CREATE TABLE training_phase_signoffs (
  trainee_id          integer NOT NULL REFERENCES trainees (id),
  phase_key           text NOT NULL,
  cto_staff_id        integer NOT NULL REFERENCES staff_members (id),
  supervisor_user_id  integer NOT NULL REFERENCES users (id),
  signed_on           date NOT NULL,
  note                text,
  recorded_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (trainee_id, phase_key)
);

CREATE OR REPLACE FUNCTION training_signoff_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'training sign-offs are kept as signed; record a new one instead';
END $$;
CREATE TRIGGER training_checklist_signoffs_immutable BEFORE UPDATE OR DELETE ON training_checklist_signoffs FOR EACH ROW EXECUTE FUNCTION training_signoff_immutable();
CREATE TRIGGER training_phase_signoffs_immutable BEFORE UPDATE OR DELETE ON training_phase_signoffs FOR EACH ROW EXECUTE FUNCTION training_signoff_immutable();

-- Kinds of certification and their default validity: settings of the centre, changed by a
-- supervisor to follow the agency's policy (the seeded numbers are common practice, not rules).
CREATE TABLE certification_kinds (
  code             text PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{2,24}$'),
  name             text NOT NULL,
  -- Null: no default; the expiry is entered from the certificate.
  validity_months  integer CHECK (validity_months IS NULL OR validity_months BETWEEN 1 AND 240),
  reminder_days    integer[] NOT NULL DEFAULT '{60,30,7}',
  -- The unit capability a valid certification of this kind gives the crew's unit ('CIT').
  unit_capability  text,
  active           boolean NOT NULL DEFAULT true,
  note             text
);
INSERT INTO certification_kinds (code, name, validity_months, unit_capability, note) VALUES
  ('APCO-PST', 'APCO Public Safety Telecommunicator', 24, NULL, 'Agency policy: continuing education cycle; change to suit.'),
  ('CIT', 'Crisis Intervention Team', 36, 'CIT', 'Refresher interval set by the agency; change to suit.'),
  ('EMD', 'Emergency Medical Dispatch', 24, NULL, 'Recertification interval of the issuing body; change to suit.'),
  ('CPR', 'CPR / BLS', 24, NULL, 'Card validity of the issuing body; change to suit.');

CREATE TABLE certifications (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  staff_member_id  integer NOT NULL REFERENCES staff_members (id),
  kind_code        text NOT NULL REFERENCES certification_kinds (code),
  issued_on        date NOT NULL,
  -- Last day the certification is valid.
  expires_on       date,
  certificate_no   text,
  issuer           text,
  document_file    text,
  document_type    text,
  document_sha256  text,
  revoked_at       timestamptz,
  revoked_reason   text,
  recorded_by      integer REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_on IS NULL OR expires_on >= issued_on)
);
CREATE INDEX certifications_staff_idx ON certifications (staff_member_id, kind_code);
CREATE INDEX certifications_expiry_idx ON certifications (expires_on) WHERE revoked_at IS NULL;

-- One row per reminder threshold: inserted in the transaction that sends it, so it goes once.
CREATE TABLE certification_reminders (
  certification_id  integer NOT NULL REFERENCES certifications (id),
  days_before       integer NOT NULL,
  sent_at           timestamptz NOT NULL,
  sent_to           text,
  message_id        integer,
  PRIMARY KEY (certification_id, days_before)
);

-- Who rides which unit: a field officer's certifications decide the unit's capabilities.
CREATE TABLE unit_crew (
  staff_member_id  integer PRIMARY KEY REFERENCES staff_members (id),
  unit_id          integer NOT NULL REFERENCES units (id),
  assigned_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unit_crew_unit_idx ON unit_crew (unit_id);
