import { useRef, useState, type FormEvent } from 'react';
import type { PrivateOwnerKind } from '@openpsap/contract';
import { ApiError } from '../api/client';
import type { Lang } from '../public/i18n';
import { askForLink } from './owner-api';
import { ownerWords } from './owner-words';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A text field with its label, hint and error tied to it for screen readers. */
export function Field(props: { id: string; label: string; hint?: string; error?: string; children: (describedBy: string | undefined, invalid: boolean) => React.ReactNode }) {
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="form-field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && <p id={`${props.id}-hint`} className="hint">{props.hint}</p>}
      {props.children(describedBy, Boolean(props.error))}
      {props.error && <p id={`${props.id}-error`} className="field-error">{props.error}</p>}
    </div>
  );
}

/** The portal's front door: what the program is, sign up, or sign in, each by a link sent by e-mail. */
export function OwnerEntry({ lang }: { lang: Lang }) {
  const w = ownerWords(lang);
  const [kind, setKind] = useState<PrivateOwnerKind>('business');
  const [form, setForm] = useState({ name: '', organisation: '', email: '', phone: '' });
  const [signInEmail, setSignInEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState<'up' | 'in' | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  async function send(which: 'up' | 'in', e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const email = (which === 'up' ? form.email : signInEmail).trim();
    const found: Record<string, string> = {};
    const emailKey = which === 'up' ? 'email' : 'signInEmail';
    if (!email) found[emailKey] = w.required;
    else if (!EMAIL_RE.test(email)) found[emailKey] = w.notEmail;
    if (which === 'up' && !form.name.trim()) found.name = w.required;
    if (which === 'up' && kind === 'business' && !form.organisation.trim()) found.organisation = w.required;
    setErrors(found);
    if (Object.keys(found).length) return;
    setSending(which);
    try {
      await askForLink({
        email,
        language: lang,
        ...(which === 'up'
          ? { signup: { kind, name: form.name.trim(), ...(kind === 'business' ? { organisation: form.organisation.trim() } : {}), ...(form.phone.trim() ? { phone: form.phone.trim() } : {}) } }
          : {}),
      });
      setSentTo(email);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      const api = err instanceof ApiError ? err : null;
      const fields = Object.fromEntries(Object.entries(api?.fields ?? {}).map(([k, v]) => [k.replace(/^signup\./, ''), v]));
      if (which === 'in' && fields.email) fields.signInEmail = fields.email;
      setErrors(fields);
      if (!Object.keys(fields).length) setProblem(!api || api.status === 0 ? w.network : api.message);
    } finally {
      setSending(null);
    }
  }

  return (
    <>
      <p>{w.intro}</p>
      <h2>{w.levelsTitle}</h2>
      <ul className="owner-levels">
        {(['registry', 'footage', 'live'] as const).map((l) => (
          <li key={l}><strong>{w.levels[l][0]}.</strong> {w.levels[l][1]}</li>
        ))}
      </ul>
      <p className="owner-no-faces"><strong>{w.noFaces}</strong> <a href={`/transparency/cameras?lang=${lang}`}>{w.transparencyLink}</a></p>
      {sentTo ? (
        <p ref={doneRef} tabIndex={-1} className="owner-status" role="status">{w.checkMail(sentTo)}</p>
      ) : (
        <>
          {problem && <p className="field-error" role="alert">{problem}</p>}
          <form onSubmit={(e) => void send('up', e)} noValidate aria-labelledby="owner-signup-title">
            <h2 id="owner-signup-title">{w.signUpTitle}</h2>
            <fieldset>
              <legend>{w.ownerKind}</legend>
              <div className="checks">
                {(['business', 'resident'] as const).map((k) => (
                  <label key={k}>
                    <input type="radio" name="owner-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {w[k]}
                  </label>
                ))}
              </div>
            </fieldset>
            <Field id="owner-name" label={w.name} error={errors.name}>
              {(d, inv) => <input id="owner-name" autoComplete="name" value={form.name} aria-describedby={d} aria-invalid={inv} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
            </Field>
            {kind === 'business' && (
              <Field id="owner-organisation" label={w.organisation} error={errors.organisation}>
                {(d, inv) => <input id="owner-organisation" autoComplete="organization" value={form.organisation} aria-describedby={d} aria-invalid={inv} onChange={(e) => setForm({ ...form, organisation: e.target.value })} />}
              </Field>
            )}
            <Field id="owner-email" label={w.email} hint={w.emailHint} error={errors.email}>
              {(d, inv) => <input id="owner-email" type="email" autoComplete="email" inputMode="email" value={form.email} aria-describedby={d} aria-invalid={inv} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
            </Field>
            <Field id="owner-phone" label={w.phone} error={errors.phone}>
              {(d, inv) => <input id="owner-phone" type="tel" autoComplete="tel" value={form.phone} aria-describedby={d} aria-invalid={inv} onChange={(e) => setForm({ ...form, phone: e.target.value })} />}
            </Field>
            <button type="submit" disabled={sending !== null}>{sending === 'up' ? w.sending : w.sendSignUp}</button>
          </form>
          <form onSubmit={(e) => void send('in', e)} noValidate aria-labelledby="owner-signin-title" className="owner-signin">
            <h2 id="owner-signin-title">{w.signInTitle}</h2>
            <Field id="owner-signin-email" label={w.email} error={errors.signInEmail}>
              {(d, inv) => <input id="owner-signin-email" type="email" autoComplete="email" inputMode="email" value={signInEmail} aria-describedby={d} aria-invalid={inv} onChange={(e) => setSignInEmail(e.target.value)} />}
            </Field>
            <button type="submit" disabled={sending !== null}>{sending === 'in' ? w.sending : w.sendSignIn}</button>
          </form>
        </>
      )}
    </>
  );
}
