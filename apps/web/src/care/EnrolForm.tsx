import { useState, type FormEvent, type ReactNode } from 'react';
import { CARE_WEEKDAYS, type CareEnrolment, type CareWeekday } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { enrol } from './care-api';

const DAY_LABELS: Record<CareWeekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

interface ContactRow {
  name: string;
  relation: string;
  phone: string;
}

const EMPTY_CONTACT: ContactRow = { name: '', relation: '', phone: '' };

/** A text field with its label and the server's message for it, tied together for screen readers. */
function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="care-field">
      <label htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="hint muted small">{hint}</p>}
      {children}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}

const described = (id: string, error?: string, hint?: boolean) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/**
 * The enrolment form. The server checks everything again; its per-field messages are shown next
 * to the fields they name, and the new code and link are shown once it is saved.
 */
export function EnrolForm({ onEnrolled }: { onEnrolled: (e: CareEnrolment) => void }) {
  const [personName, setPersonName] = useState('');
  const [phone, setPhone] = useState('');
  const [language, setLanguage] = useState<'en' | 'es'>('en');
  const [address, setAddress] = useState('');
  const [windowStart, setWindowStart] = useState('08:00');
  const [windowEnd, setWindowEnd] = useState('10:00');
  const [days, setDays] = useState<CareWeekday[]>([...CARE_WEEKDAYS]);
  const [contacts, setContacts] = useState<ContactRow[]>([{ ...EMPTY_CONTACT }]);
  const [notes, setNotes] = useState('');
  const [escalation, setEscalation] = useState('30');
  const [startDate, setStartDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setContact = (i: number, patch: Partial<ContactRow>) => setContacts((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const e = await enrol({
        personName,
        ...(phone.trim() ? { phone } : {}),
        language,
        address,
        windowStart,
        windowEnd,
        days,
        contacts: contacts.map((c) => ({ name: c.name, relation: c.relation, phone: c.phone })),
        ...(notes.trim() ? { notes } : {}),
        escalationMinutes: Number(escalation),
        ...(startDate ? { startDate } : {}),
      });
      setErrors({});
      setPersonName('');
      setPhone('');
      setAddress('');
      setNotes('');
      setContacts([{ ...EMPTY_CONTACT }]);
      onEnrolled(e);
    } catch (err) {
      const e = err as ApiError;
      setErrors(e.fields ?? {});
      setMessage(e.message);
    } finally {
      setBusy(false);
    }
  }

  const err = (k: string) => errors[k];
  return (
    <form className="care-enrol" onSubmit={submit} noValidate aria-describedby={message ? 'enrol-message' : undefined}>
      {message && <p id="enrol-message" role="alert" className="error">Not enrolled: {message}</p>}
      <div className="care-grid">
        <Field id="care-name" label="Name" error={err('personName')}>
          <input id="care-name" value={personName} onChange={(e) => setPersonName(e.target.value)} required autoComplete="off" aria-invalid={Boolean(err('personName'))} aria-describedby={described('care-name', err('personName'))} />
        </Field>
        <Field id="care-phone" label="Phone for SMS reminders" hint="Optional; without it, reminders are not sent." error={err('phone')}>
          <input id="care-phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" aria-invalid={Boolean(err('phone'))} aria-describedby={described('care-phone', err('phone'), true)} />
        </Field>
        <Field id="care-address" label="Address" hint="Where a welfare check goes." error={err('address')}>
          <input id="care-address" value={address} onChange={(e) => setAddress(e.target.value)} required autoComplete="off" aria-invalid={Boolean(err('address'))} aria-describedby={described('care-address', err('address'), true)} />
        </Field>
        <Field id="care-language" label="Language">
          <select id="care-language" value={language} onChange={(e) => setLanguage(e.target.value as 'en' | 'es')}>
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        </Field>
        <Field id="care-start" label="Window opens" error={err('windowStart')}>
          <input id="care-start" type="time" value={windowStart} onChange={(e) => setWindowStart(e.target.value)} required aria-invalid={Boolean(err('windowStart'))} aria-describedby={described('care-start', err('windowStart'))} />
        </Field>
        <Field id="care-end" label="Window closes" error={err('windowEnd')}>
          <input id="care-end" type="time" value={windowEnd} onChange={(e) => setWindowEnd(e.target.value)} required aria-invalid={Boolean(err('windowEnd'))} aria-describedby={described('care-end', err('windowEnd'))} />
        </Field>
        <Field id="care-escalation" label="Welfare check after (minutes)" hint="How long a missed check-in waits for staff." error={err('escalationMinutes')}>
          <input id="care-escalation" type="number" min={5} max={720} value={escalation} onChange={(e) => setEscalation(e.target.value)} aria-invalid={Boolean(err('escalationMinutes'))} aria-describedby={described('care-escalation', err('escalationMinutes'), true)} />
        </Field>
        <Field id="care-start-date" label="First day" hint="Leave empty for today." error={err('startDate')}>
          <input id="care-start-date" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} aria-invalid={Boolean(err('startDate'))} aria-describedby={described('care-start-date', err('startDate'), true)} />
        </Field>
      </div>
      <fieldset className="care-days" aria-describedby={err('days') ? 'care-days-error' : undefined}>
        <legend>Days</legend>
        {CARE_WEEKDAYS.map((d) => (
          <label key={d} className="care-check">
            <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays((ds) => (e.target.checked ? CARE_WEEKDAYS.filter((x) => ds.includes(x) || x === d) : ds.filter((x) => x !== d)))} />
            {DAY_LABELS[d]}
          </label>
        ))}
        {err('days') && <p id="care-days-error" className="field-error">{err('days')}</p>}
      </fieldset>
      <fieldset className="care-contacts">
        <legend>Contacts (1 to 5)</legend>
        {err('contacts') && <p className="field-error">{err('contacts')}</p>}
        {contacts.map((c, i) => (
          <div key={i} className="care-contact" role="group" aria-label={`Contact ${i + 1}`}>
            <Field id={`care-c${i}-name`} label={`Contact ${i + 1} name`} error={err(`contacts.${i}.name`)}>
              <input id={`care-c${i}-name`} value={c.name} onChange={(e) => setContact(i, { name: e.target.value })} autoComplete="off" aria-invalid={Boolean(err(`contacts.${i}.name`))} />
            </Field>
            <Field id={`care-c${i}-relation`} label="Relation" error={err(`contacts.${i}.relation`)}>
              <input id={`care-c${i}-relation`} value={c.relation} onChange={(e) => setContact(i, { relation: e.target.value })} autoComplete="off" aria-invalid={Boolean(err(`contacts.${i}.relation`))} />
            </Field>
            <Field id={`care-c${i}-phone`} label="Phone" error={err(`contacts.${i}.phone`)}>
              <input id={`care-c${i}-phone`} type="tel" value={c.phone} onChange={(e) => setContact(i, { phone: e.target.value })} autoComplete="off" aria-invalid={Boolean(err(`contacts.${i}.phone`))} />
            </Field>
            {contacts.length > 1 && (
              <button type="button" className="secondary small-btn" onClick={() => setContacts((cs) => cs.filter((_, j) => j !== i))}>
                Remove contact {i + 1}
              </button>
            )}
          </div>
        ))}
        {contacts.length < 5 && (
          <button type="button" className="secondary" onClick={() => setContacts((cs) => [...cs, { ...EMPTY_CONTACT }])}>
            Add a contact
          </button>
        )}
      </fieldset>
      <Field id="care-notes" label="Notes for responders" hint='Goes with a welfare check, e.g. "key under the blue flowerpot".' error={err('notes')}>
        <textarea id="care-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} aria-describedby={described('care-notes', err('notes'), true)} />
      </Field>
      <button type="submit" disabled={busy}>{busy ? 'Enrolling…' : 'Enrol'}</button>
    </form>
  );
}
