import { useEffect, useState, type FormEvent } from 'react';
import type { ConsentLevel, ConsentTerms, OwnerCamera } from '@openpsap/contract';
import { ApiError } from '../api/client';
import type { Lang } from '../public/i18n';
import { Field } from './OwnerEntry';
import { loadTerms, signConsent } from './owner-api';
import { ownerWords } from './owner-words';

const todayLocal = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * The written consent: the owner picks a level, reads the exact terms the server will store with
 * their signature, and signs with their typed name, title and the date.
 */
export function ConsentForm({ camera, lang, onSigned }: { camera: OwnerCamera; lang: Lang; onSigned: (c: OwnerCamera) => void }) {
  const w = ownerWords(lang);
  const id = `consent-${camera.id}`;
  const [level, setLevel] = useState<ConsentLevel | null>(null);
  const [terms, setTerms] = useState<ConsentTerms | null>(null);
  const [f, setF] = useState({ name: '', title: '', date: todayLocal(), expiresOn: '', agree: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setTerms(null);
    if (level) loadTerms(level, lang).then(setTerms, () => setProblem(w.network));
  }, [level, lang, w.network]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!level || !terms) return;
    const found: Record<string, string> = {};
    if (!f.name.trim()) found.signedName = w.required;
    if (!f.date) found.signedDate = w.required;
    if (!f.agree) found.agree = w.required;
    setErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    setProblem(null);
    try {
      const cam = await signConsent(camera.id, {
        level,
        termsVersion: terms.version,
        language: terms.language,
        signedName: f.name.trim(),
        ...(f.title.trim() ? { signedTitle: f.title.trim() } : {}),
        signedDate: f.date,
        ...(f.expiresOn ? { expiresOn: f.expiresOn } : {}),
        agree: true,
      });
      setLevel(null);
      setF({ name: '', title: '', date: todayLocal(), expiresOn: '', agree: false });
      onSigned(cam);
    } catch (err) {
      const api = err instanceof ApiError ? err : null;
      setErrors(api?.fields ?? {});
      if (!api?.fields || !Object.keys(api.fields).length) setProblem(!api || api.status === 0 ? w.network : api.message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="owner-consent-form">
      <fieldset>
        <legend>{w.chooseLevel}</legend>
        {(['registry', 'footage', 'live'] as const).map((l) => (
          <label key={l} className="owner-level-choice">
            <input type="radio" name={`${id}-level`} value={l} checked={level === l} onChange={() => setLevel(l)} />
            <span><strong>{w.levels[l][0]}</strong><br /><span className="hint">{w.levels[l][1]}</span></span>
          </label>
        ))}
      </fieldset>
      {level && !terms && <p>{w.loading}</p>}
      {terms && (
        <>
          <h4 id={`${id}-terms-title`}>{w.readTerms}</h4>
          <div className="consent-text owner-terms" tabIndex={0} role="document" aria-labelledby={`${id}-terms-title`} lang={terms.language}>
            {terms.text}
          </div>
          <p className="hint">{w.termsVersion(terms.version)}</p>
          <Field id={`${id}-name`} label={w.signedName} error={errors.signedName}>
            {(d, inv) => <input id={`${id}-name`} autoComplete="name" value={f.name} aria-describedby={d} aria-invalid={inv} onChange={(e) => setF({ ...f, name: e.target.value })} />}
          </Field>
          <Field id={`${id}-title`} label={w.signedTitle} hint={w.signedTitleHint} error={errors.signedTitle}>
            {(d, inv) => <input id={`${id}-title`} autoComplete="organization-title" value={f.title} aria-describedby={d} aria-invalid={inv} onChange={(e) => setF({ ...f, title: e.target.value })} />}
          </Field>
          <Field id={`${id}-date`} label={w.signedDate} error={errors.signedDate}>
            {(d, inv) => <input id={`${id}-date`} type="date" value={f.date} aria-describedby={d} aria-invalid={inv} onChange={(e) => setF({ ...f, date: e.target.value })} />}
          </Field>
          <Field id={`${id}-expires`} label={w.expiresOn} hint={w.expiresHint} error={errors.expiresOn}>
            {(d, inv) => <input id={`${id}-expires`} type="date" min={todayLocal()} value={f.expiresOn} aria-describedby={d} aria-invalid={inv} onChange={(e) => setF({ ...f, expiresOn: e.target.value })} />}
          </Field>
          <div className="checks">
            <label>
              <input type="checkbox" checked={f.agree} aria-invalid={Boolean(errors.agree)} aria-describedby={errors.agree ? `${id}-agree-error` : undefined} onChange={(e) => setF({ ...f, agree: e.target.checked })} /> {w.agree}
            </label>
          </div>
          {errors.agree && <p id={`${id}-agree-error`} className="field-error">{errors.agree}</p>}
          {problem && <p className="field-error" role="alert">{problem}</p>}
          <button type="submit" disabled={saving}>{saving ? w.saving : w.sign}</button>
        </>
      )}
    </form>
  );
}
