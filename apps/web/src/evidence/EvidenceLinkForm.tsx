import { useState, type FormEvent } from 'react';
import type { EvidenceLinkCreated } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { requestLiveVideo, sendUploadLink } from './evidence-api';

/** Texts a one-time link to a caller or witness: for sending files, or for live video. */
export function EvidenceLinkForm({ incidentId, kind, defaultPhone, onSent, onCancel }: {
  incidentId: number;
  kind: 'upload' | 'live-video';
  defaultPhone: string | null;
  onSent: (c: EvidenceLinkCreated) => void;
  onCancel: () => void;
}) {
  const [phone, setPhone] = useState(defaultPhone ?? '');
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<'en' | 'es'>('en');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const id = `ev-${kind}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const body = { phone, name: name.trim() || undefined, language };
      onSent(kind === 'upload' ? await sendUploadLink(incidentId, body) : await requestLiveVideo(incidentId, body));
    } catch (err) {
      const a = err as ApiError;
      setErrors(Object.keys(a.fields).length ? a.fields : { form: a.message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="evidence-form" onSubmit={(e) => void submit(e)} aria-label={kind === 'upload' ? 'Send upload link' : 'Request live video'}>
      <div className="evidence-form-row">
        <div>
          <label htmlFor={`${id}-phone`}>Mobile number</label>
          <input id={`${id}-phone`} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} aria-invalid={Boolean(errors.phone)} aria-describedby={errors.phone ? `${id}-phone-err` : undefined} autoFocus />
          {errors.phone && <p id={`${id}-phone-err`} className="error small">{errors.phone}</p>}
        </div>
        <div>
          <label htmlFor={`${id}-name`}>Name (optional)</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-lang`}>Language</label>
          <select id={`${id}-lang`} value={language} onChange={(e) => setLanguage(e.target.value as 'en' | 'es')}>
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        </div>
      </div>
      {errors.form && <p className="error small" role="alert">{errors.form}</p>}
      <div className="inline-controls">
        <button type="submit" disabled={busy}>{kind === 'upload' ? 'Text the upload link' : 'Text the video link'}</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
