-- The BOLO board: BOLOs written on the floor as well as by Help Me Home and public alerts, with
-- what a unit needs to recognise the subject (a person or a vehicle), a caution, a photo and an
-- expiry after which units no longer look.
ALTER TABLE bolos
  ADD COLUMN subject            text NOT NULL DEFAULT 'other' CHECK (subject IN ('person', 'vehicle', 'other')),
  ADD COLUMN caution            text,
  ADD COLUMN description        text,
  ADD COLUMN person_name        text,
  ADD COLUMN person_age         text,
  ADD COLUMN person_sex         text,
  ADD COLUMN person_height      text,
  ADD COLUMN person_build       text,
  ADD COLUMN person_clothing    text,
  ADD COLUMN vehicle_plate      text,
  ADD COLUMN vehicle_plate_state text,
  ADD COLUMN vehicle_make       text,
  ADD COLUMN vehicle_model      text,
  ADD COLUMN vehicle_colour     text,
  ADD COLUMN vehicle_year       smallint CHECK (vehicle_year IS NULL OR vehicle_year BETWEEN 1900 AND 2100),
  ADD COLUMN vehicle_direction  text,
  ADD COLUMN alert_id           integer REFERENCES alerts (id),
  -- A picture uploaded with the BOLO itself (JPEG or PNG, checked by content); HMH and alert BOLOs
  -- point photo_url at their own source's picture instead.
  ADD COLUMN photo              bytea,
  ADD COLUMN photo_type         text CHECK (photo_type IS NULL OR photo_type IN ('image/jpeg', 'image/png')),
  -- Null: until cancelled (a Help Me Home report stays up until the person is found).
  ADD COLUMN expires_at         timestamptz,
  -- Set with cancelled_at when the expiry job took it down, so the board can tell expired from cancelled.
  ADD COLUMN expired_at         timestamptz,
  ADD COLUMN updated_at         timestamptz;

-- Earlier rows: a missing-person BOLO is about a person; the last change was the issue or the cancel.
UPDATE bolos SET subject = 'person' WHERE kind = 'missing-person';
UPDATE bolos SET updated_at = COALESCE(cancelled_at, issued_at);
ALTER TABLE bolos ALTER COLUMN updated_at SET NOT NULL;

CREATE INDEX bolos_expiry_idx ON bolos (expires_at) WHERE cancelled_at IS NULL AND expires_at IS NOT NULL;
