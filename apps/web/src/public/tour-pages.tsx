import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  describeTourProblem,
  groupSizeProblem,
  normaliseAges,
  tourDateProblem,
  type TourAvailability,
  type TourPeriod,
  type TourRequestBody,
} from '@openpsap/contract';
import { ApiError } from '../api/client';
import { LanguageSwitch, useLang, words, type Lang } from './i18n';
import { registerPublicRoute } from './public-routes';
import { TourLinkPage } from '../tours/TourLinkPage';
import { loadAvailability, sendTourRequest } from '../tours/tours-api';
import { TOUR_WORDS } from '../tours/tour-words';
import '../tours/tours.css';

interface Choice {
  date: string;
  period: TourPeriod | '';
}

interface TourForm {
  organisation: string;
  contactName: string;
  email: string;
  phone: string;
  groupSize: string;
  ages: string;
  accessibility: string;
  message: string;
  choices: Choice[];
}

const EMPTY: TourForm = {
  organisation: '',
  contactName: '',
  email: '',
  phone: '',
  groupSize: '',
  ages: '',
  accessibility: '',
  message: '',
  choices: [
    { date: '', period: '' },
    { date: '', period: '' },
    { date: '', period: '' },
  ],
};

// The same shapes the server checks (packages/contract calls.ts and tours.ts), asked here first so
// the requester sees every problem in their language before anything is sent.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^\+?[0-9 ()./-]{3,}$/;

/** Every problem with the form, keyed by field, in the page's language. */
function checkTourForm(f: TourForm, lang: Lang, avail: TourAvailability | null): Record<string, string> {
  const w = words(TOUR_WORDS, lang);
  const e: Record<string, string> = {};
  if (!f.organisation.trim()) e.organisation = w.required;
  if (!f.contactName.trim()) e.contactName = w.required;
  if (f.email.trim() && !EMAIL_RE.test(f.email.trim())) e.email = w.notEmail;
  if (f.phone.trim() && !PHONE_RE.test(f.phone.trim())) e.phone = w.notPhone;
  if (!f.email.trim() && !f.phone.trim()) e.email = w.needContact;
  const size = Number(f.groupSize);
  if (!f.groupSize.trim()) e.groupSize = w.required;
  else if (!Number.isInteger(size)) e.groupSize = w.notNumber;
  else if (avail) {
    const p = groupSizeProblem(avail.rules, size, lang);
    if (p) e.groupSize = p;
  }
  if (!f.ages.trim()) e.ages = w.required;
  else if (normaliseAges(f.ages) === null) e.ages = w.badAges;
  const seen = new Set<string>();
  f.choices.forEach((c, i) => {
    if (i > 0 && !c.date && !c.period) return;
    if (!c.date) e[`choice${i}.date`] = w.required;
    if (!c.period) e[`choice${i}.period`] = w.pickTime;
    if (!c.date || !c.period) return;
    if (seen.has(`${c.date} ${c.period}`)) e[`choice${i}.date`] = w.sameChoice;
    seen.add(`${c.date} ${c.period}`);
    if (avail && !e[`choice${i}.date`]) {
      const p = tourDateProblem(avail.rules, c.date, c.period, { today: avail.today, blockedDates: avail.blockedDates, booked: avail.booked });
      if (p) e[`choice${i}.date`] = describeTourProblem(p, avail.rules, lang);
    }
  });
  return e;
}

/** The request body: only the choices given, only the contact fields filled. */
function toBody(f: TourForm, lang: Lang): { body: TourRequestBody; choiceIndex: number[] } {
  const choiceIndex: number[] = [];
  const preferences = f.choices.flatMap((c, i) => (c.date && c.period ? (choiceIndex.push(i), [{ date: c.date, period: c.period }]) : []));
  const body: TourRequestBody = {
    organisation: f.organisation.trim(),
    contactName: f.contactName.trim(),
    groupSize: Number(f.groupSize),
    ages: f.ages.trim(),
    preferences,
    lang,
  };
  if (f.email.trim()) body.email = f.email.trim();
  if (f.phone.trim()) body.phone = f.phone.trim();
  if (f.accessibility.trim()) body.accessibility = f.accessibility.trim();
  if (f.message.trim()) body.message = f.message.trim();
  return { body, choiceIndex };
}

/** The server names fields by their place in the body; the form names them by their place on the page. */
function serverFieldKey(key: string, choiceIndex: number[]): string {
  const m = /^preferences(?:\.(\d+)\.(date|period))?$/.exec(key);
  if (!m) return key;
  if (m[1] === undefined) return 'choice0.date';
  return `choice${choiceIndex[Number(m[1])] ?? 0}.${m[2]}`;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

function Field(props: { id: string; label: string; hint?: string; error: string | undefined; children: (describedBy: string | undefined) => ReactNode }) {
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="tour-field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p id={`${props.id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {props.children(describedBy)}
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}

/** The public request form: phone first, English and Spanish, every problem named at its field. */
export function TourRequestPage() {
  const [lang, setLang] = useLang();
  const w = words(TOUR_WORDS, lang);
  const [form, setForm] = useState<TourForm>(EMPTY);
  const [avail, setAvail] = useState<TourAvailability | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<{ reference: string; by: 'email' | 'sms' } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const thanksRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Without the rules the form still works: the server checks everything again.
    loadAvailability().then(setAvail, () => undefined);
  }, []);
  useEffect(() => {
    document.title = w.title;
  }, [w.title]);
  useEffect(() => {
    if (sent) thanksRef.current?.focus();
  }, [sent]);

  const set = (patch: Partial<TourForm>) => setForm((f) => ({ ...f, ...patch }));
  const setChoice = (i: number, patch: Partial<Choice>) => setForm((f) => ({ ...f, choices: f.choices.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
  const slot = (p: TourPeriod) => (avail ? `${avail.rules.slots[p].start}–${avail.rules.slots[p].end}` : p === 'morning' ? '10:00–11:30' : '14:00–15:30');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setGeneral(null);
    const found = checkTourForm(form, lang, avail);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const { body, choiceIndex } = toBody(form, lang);
    setSending(true);
    try {
      const r = await sendTourRequest(body);
      setSent({ reference: r.reference, by: body.email ? 'email' : 'sms' });
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : null;
      const fields = Object.fromEntries(Object.entries(apiErr?.fields ?? {}).map(([k, v]) => [serverFieldKey(k, choiceIndex), v]));
      setErrors(fields);
      if (Object.keys(fields).length === 0) setGeneral(apiErr?.status === 0 || !apiErr ? w.network : apiErr.message);
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setSending(false);
    }
  }

  const labelFor = (key: string): string => {
    const m = /^choice(\d)\.(date|period)$/.exec(key);
    if (m) return `${w.choice(Number(m[1]) + 1)} · ${m[2] === 'date' ? w.date : w.time}`;
    const labels: Record<string, string> = {
      organisation: w.organisation,
      contactName: w.contactName,
      email: w.email,
      phone: w.phone,
      groupSize: w.groupSize,
      ages: w.ages,
      accessibility: w.accessibility,
      message: w.message,
    };
    return labels[key] ?? key;
  };
  const fieldId = (key: string) => `tour-${key.replace('.', '-')}`;

  if (sent) {
    return (
      <main className="public-page tour-page">
        <LanguageSwitch lang={lang} onChange={setLang} />
        <h1 ref={thanksRef} tabIndex={-1}>
          {w.thanksTitle}
        </h1>
        <p className="tour-reference" role="status">
          {w.thanks(sent.reference)}
        </p>
        <p>{w.thanksNext(sent.by)}</p>
        <button type="button" className="secondary" onClick={() => (setSent(null), setForm(EMPTY), setErrors({}))}>
          {w.another}
        </button>
      </main>
    );
  }

  const errorKeys = Object.keys(errors);
  return (
    <main className="public-page tour-page">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{w.title}</h1>
      <p>{w.intro({ min: avail?.rules.minGroupSize ?? 4, max: avail?.rules.maxGroupSize ?? 25, notice: avail?.rules.minNoticeDays ?? 7, months: avail?.rules.maxMonthsAhead ?? 6 })}</p>
      <form noValidate onSubmit={submit}>
        <div id="tour-summary" ref={summaryRef} tabIndex={-1} role="alert" className={errorKeys.length || general ? 'tour-summary' : undefined}>
          {general && <p>{general}</p>}
          {errorKeys.length > 0 && (
            <>
              <p>{w.fixThese}</p>
              <ul>
                {errorKeys.map((k) => (
                  <li key={k}>
                    <a href={`#${fieldId(k)}`} onClick={(e) => (e.preventDefault(), document.getElementById(fieldId(k))?.focus())}>
                      {labelFor(k)}
                    </a>
                    : {errors[k]}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>

        <fieldset>
          <legend>{w.group}</legend>
          <Field id="tour-organisation" label={w.organisation} hint={w.organisationHint} error={errors.organisation}>
            {(d) => <input id="tour-organisation" autoComplete="organization" maxLength={200} value={form.organisation} aria-invalid={Boolean(errors.organisation)} aria-describedby={d} onChange={(e) => set({ organisation: e.target.value })} />}
          </Field>
          <Field id="tour-groupSize" label={w.groupSize} error={errors.groupSize}>
            {(d) => (
              <input id="tour-groupSize" type="number" inputMode="numeric" min={avail?.rules.minGroupSize ?? 4} max={avail?.rules.maxGroupSize ?? 25} value={form.groupSize} aria-invalid={Boolean(errors.groupSize)} aria-describedby={d} onChange={(e) => set({ groupSize: e.target.value })} />
            )}
          </Field>
          <Field id="tour-ages" label={w.ages} hint={w.agesHint} error={errors.ages}>
            {(d) => <input id="tour-ages" maxLength={100} value={form.ages} aria-invalid={Boolean(errors.ages)} aria-describedby={d} onChange={(e) => set({ ages: e.target.value })} />}
          </Field>
          <Field id="tour-accessibility" label={w.accessibility} hint={w.accessibilityHint} error={errors.accessibility}>
            {(d) => <textarea id="tour-accessibility" rows={2} maxLength={1000} value={form.accessibility} aria-invalid={Boolean(errors.accessibility)} aria-describedby={d} onChange={(e) => set({ accessibility: e.target.value })} />}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{w.contact}</legend>
          <p id="tour-contact-hint" className="hint">
            {w.contactHint}
          </p>
          <Field id="tour-contactName" label={w.contactName} error={errors.contactName}>
            {(d) => <input id="tour-contactName" autoComplete="name" maxLength={200} value={form.contactName} aria-invalid={Boolean(errors.contactName)} aria-describedby={d} onChange={(e) => set({ contactName: e.target.value })} />}
          </Field>
          <Field id="tour-email" label={w.email} error={errors.email}>
            {(d) => (
              <input id="tour-email" type="email" autoComplete="email" inputMode="email" maxLength={254} value={form.email} aria-invalid={Boolean(errors.email)} aria-describedby={['tour-contact-hint', d].filter(Boolean).join(' ')} onChange={(e) => set({ email: e.target.value })} />
            )}
          </Field>
          <Field id="tour-phone" label={w.phone} error={errors.phone}>
            {(d) => (
              <input id="tour-phone" type="tel" autoComplete="tel" inputMode="tel" maxLength={32} value={form.phone} aria-invalid={Boolean(errors.phone)} aria-describedby={['tour-contact-hint', d].filter(Boolean).join(' ')} onChange={(e) => set({ phone: e.target.value })} />
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{w.dates}</legend>
          <p id="tour-dates-hint" className="hint">
            {w.datesHint(avail?.earliest ?? '', avail?.latest ?? '')}
          </p>
          {form.choices.map((c, i) => {
            const dateErr = errors[`choice${i}.date`];
            const periodErr = errors[`choice${i}.period`];
            return (
              <fieldset key={i} className="tour-choice">
                <legend>
                  {w.choice(i + 1)} {i > 0 && <span className="hint-inline">{w.optional}</span>}
                </legend>
                <label htmlFor={`tour-choice${i}-date`}>{w.date}</label>
                <input
                  id={`tour-choice${i}-date`}
                  type="date"
                  min={avail?.earliest}
                  max={avail?.latest}
                  value={c.date}
                  aria-invalid={Boolean(dateErr)}
                  aria-describedby={['tour-dates-hint', dateErr ? `tour-choice${i}-date-error` : ''].filter(Boolean).join(' ')}
                  onChange={(e) => setChoice(i, { date: e.target.value })}
                />
                <FieldError id={`tour-choice${i}-date-error`} message={dateErr} />
                <fieldset className="tour-period checks" id={`tour-choice${i}-period`} tabIndex={-1} aria-describedby={periodErr ? `tour-choice${i}-period-error` : undefined}>
                  <legend>{w.time}</legend>
                  {(['morning', 'afternoon'] as const).map((p) => (
                    <label key={p}>
                      <input type="radio" name={`tour-choice${i}-period`} value={p} checked={c.period === p} aria-invalid={Boolean(periodErr)} onChange={() => setChoice(i, { period: p })} />
                      {p === 'morning' ? w.morning(slot('morning')) : w.afternoon(slot('afternoon'))}
                    </label>
                  ))}
                </fieldset>
                <FieldError id={`tour-choice${i}-period-error`} message={periodErr} />
              </fieldset>
            );
          })}
        </fieldset>

        <Field id="tour-message" label={w.message} error={errors.message}>
          {(d) => <textarea id="tour-message" rows={3} maxLength={2000} value={form.message} aria-invalid={Boolean(errors.message)} aria-describedby={d} onChange={(e) => set({ message: e.target.value })} />}
        </Field>
        <button type="submit" disabled={sending}>
          {sending ? w.sending : w.send}
        </button>
      </form>
    </main>
  );
}

registerPublicRoute({ pattern: '/public/tours', component: TourRequestPage });
registerPublicRoute({ pattern: '/public/tours/:reference/:token', component: TourLinkPage });
