import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CONDITION_LABELS, CONDITION_LABELS_ES, SPECIAL_NEEDS_CONDITIONS, type SpecialNeedsCondition } from '@openpsap/contract';
import { ApiError } from '../api/client';
import type { Lang } from '../public/i18n';
import { Field } from './Field';
import { checkForm, toPayload, type FormState } from './form-state';
import { photoToJpeg } from '../shared/photo-to-jpeg';
import { SN_WORDS } from './words';

export type Payload = ReturnType<typeof toPayload> & { removePhoto?: boolean };

/**
 * The Special Needs Notification form, for a first submission and for corrections. Checks what it
 * can before sending, shows the server's field errors beside the fields, and keeps everything
 * typed when sending fails.
 */
export function NoticeForm(props: {
  lang: Lang;
  initial: FormState;
  consentText: string | null;
  existingPhotoUrl?: string | null;
  submitLabel: string;
  onSubmit: (p: Payload) => Promise<void>;
  onCancel?: () => void;
}) {
  const w = SN_WORDS[props.lang];
  const labels = props.lang === 'es' ? CONDITION_LABELS_ES : CONDITION_LABELS;
  const [s, setS] = useState<FormState>(props.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [photo, setPhoto] = useState<{ base64: string; previewUrl: string } | null>(null);
  const [removeExisting, setRemoveExisting] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setS((x) => ({ ...x, [k]: v }));
  const err = (k: string) => errors[k];

  useEffect(() => {
    if (banner) summaryRef.current?.focus();
  }, [banner]);

  function toggle(c: SpecialNeedsCondition, on: boolean) {
    set('conditions', on ? [...s.conditions, c] : s.conditions.filter((x) => x !== c));
  }

  async function choosePhoto(file: File | undefined) {
    setErrors(({ photo: _drop, ...rest }) => rest);
    if (!file) return;
    try {
      setPhoto(await photoToJpeg(file));
    } catch {
      setErrors((e) => ({ ...e, photo: w.photoError }));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = checkForm(s, w);
    setErrors(found);
    if (Object.keys(found).length) {
      setBanner(w.fix);
      return;
    }
    setSending(true);
    setBanner(null);
    try {
      await props.onSubmit({ ...toPayload(s, props.lang, photo?.base64 ?? null), ...(removeExisting && !photo ? { removePhoto: true } : {}) });
    } catch (x) {
      if (x instanceof ApiError && Object.keys(x.fields).length) {
        // The server names the fields; its words are English, so a Spanish page says "check this field".
        setErrors(Object.fromEntries(Object.entries(x.fields).map(([k, v]) => [k, props.lang === 'en' ? v : w.checkField])));
        setBanner(w.fix);
      } else if (x instanceof ApiError && x.status === 429) setBanner(w.tooMany);
      else setBanner(w.network);
    } finally {
      setSending(false);
    }
  }

  const errorList = Object.entries(errors);
  return (
    <form noValidate onSubmit={submit} aria-busy={sending}>
      {banner && (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="form-summary">
          <p>{banner}</p>
          {errorList.length > 0 && (
            <ul>
              {errorList.map(([k, v]) => (
                <li key={k}><a href={`#f-${k.replace(/\./g, '-')}`}>{v}</a></li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p className="hint">{w.required}</p>

      <fieldset>
        <legend>{w.person}</legend>
        <Field name="person.firstName" label={w.firstName} required error={err('person.firstName')}>
          {(a) => <input {...a} autoComplete="off" value={s.firstName} onChange={(e) => set('firstName', e.target.value)} maxLength={100} />}
        </Field>
        <Field name="person.lastName" label={w.lastName} required error={err('person.lastName')}>
          {(a) => <input {...a} autoComplete="off" value={s.lastName} onChange={(e) => set('lastName', e.target.value)} maxLength={100} />}
        </Field>
        <Field name="person.preferredName" label={w.preferredName} error={err('person.preferredName')}>
          {(a) => <input {...a} autoComplete="off" value={s.preferredName} onChange={(e) => set('preferredName', e.target.value)} maxLength={100} />}
        </Field>
        <Field name="person.dateOfBirth" label={w.dateOfBirth} error={err('person.dateOfBirth')}>
          {(a) => <input {...a} type="date" value={s.dateOfBirth} onChange={(e) => set('dateOfBirth', e.target.value)} />}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{w.address}</legend>
        <Field name="address.street" label={w.street} required hint={w.streetHint} error={err('address.street')}>
          {(a) => <input {...a} autoComplete="street-address" value={s.street} onChange={(e) => set('street', e.target.value)} maxLength={200} />}
        </Field>
        <Field name="address.unit" label={w.unit} error={err('address.unit')}>
          {(a) => <input {...a} value={s.unit} onChange={(e) => set('unit', e.target.value)} maxLength={50} />}
        </Field>
        <Field name="address.city" label={w.city} error={err('address.city')}>
          {(a) => <input {...a} autoComplete="address-level2" value={s.city} onChange={(e) => set('city', e.target.value)} maxLength={100} />}
        </Field>
        <Field name="address.zip" label={w.zip} error={err('address.zip')}>
          {(a) => <input {...a} autoComplete="postal-code" inputMode="numeric" value={s.zip} onChange={(e) => set('zip', e.target.value)} maxLength={10} />}
        </Field>
      </fieldset>

      <fieldset aria-describedby="conditions-hint" aria-invalid={err('conditions') ? true : undefined} id="f-conditions" tabIndex={-1}>
        <legend>{w.conditions} *</legend>
        <p id="conditions-hint" className="hint">{w.conditionsHint}</p>
        <div className="checks two-col">
          {SPECIAL_NEEDS_CONDITIONS.map((c) => (
            <label key={c}>
              <input type="checkbox" checked={s.conditions.includes(c)} onChange={(e) => toggle(c, e.target.checked)} /> {labels[c]}
            </label>
          ))}
        </div>
        {err('conditions') && <p className="field-error">{err('conditions')}</p>}
        {s.conditions.includes('other') && (
          <Field name="conditionsOther" label={w.conditionsOther} required error={err('conditionsOther')}>
            {(a) => <input {...a} value={s.conditionsOther} onChange={(e) => set('conditionsOther', e.target.value)} maxLength={500} />}
          </Field>
        )}
      </fieldset>

      <fieldset>
        <legend>{w.care}</legend>
        <Field name="communication" label={w.communication} hint={w.communicationHint} error={err('communication')}>
          {(a) => <textarea {...a} rows={3} value={s.communication} onChange={(e) => set('communication', e.target.value)} maxLength={2000} />}
        </Field>
        <Field name="medications" label={w.medications} hint={w.medicationsHint} error={err('medications')}>
          {(a) => <textarea {...a} rows={2} value={s.medications} onChange={(e) => set('medications', e.target.value)} maxLength={2000} />}
        </Field>
        <Field name="equipment" label={w.equipment} hint={w.equipmentHint} error={err('equipment')}>
          {(a) => <textarea {...a} rows={2} value={s.equipment} onChange={(e) => set('equipment', e.target.value)} maxLength={1000} />}
        </Field>
        <Field name="access" label={w.access} hint={w.accessHint} error={err('access')}>
          {(a) => <textarea {...a} rows={2} value={s.access} onChange={(e) => set('access', e.target.value)} maxLength={1000} />}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{w.contacts} *</legend>
        {err('contacts') && <p className="field-error">{err('contacts')}</p>}
        {s.contacts.map((c, i) => {
          const setC = (k: 'name' | 'relationship' | 'phone', v: string) => set('contacts', s.contacts.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
          return (
            <div key={i} className="contact-block" role="group" aria-label={w.contact(i + 1)}>
              <h3>{w.contact(i + 1)}</h3>
              <Field name={`contacts.${i}.name`} label={w.contactName} required error={err(`contacts.${i}.name`)}>
                {(a) => <input {...a} value={c.name} onChange={(e) => setC('name', e.target.value)} maxLength={200} />}
              </Field>
              <Field name={`contacts.${i}.relationship`} label={w.relationship} error={err(`contacts.${i}.relationship`)}>
                {(a) => <input {...a} value={c.relationship} onChange={(e) => setC('relationship', e.target.value)} maxLength={100} />}
              </Field>
              <Field name={`contacts.${i}.phone`} label={w.phone} required error={err(`contacts.${i}.phone`)}>
                {(a) => <input {...a} type="tel" autoComplete="off" value={c.phone} onChange={(e) => setC('phone', e.target.value)} maxLength={32} />}
              </Field>
              {s.contacts.length > 1 && (
                <button type="button" className="secondary" onClick={() => set('contacts', s.contacts.filter((_, j) => j !== i))}>{w.removeContact}</button>
              )}
            </div>
          );
        })}
        {s.contacts.length < 4 && (
          <button type="button" className="secondary" onClick={() => set('contacts', [...s.contacts, { name: '', relationship: '', phone: '' }])}>{w.addContact}</button>
        )}
      </fieldset>

      <fieldset>
        <legend>{w.photo}</legend>
        <p id="photo-hint" className="hint">{w.photoHint}</p>
        {photo ? (
          <img className="photo-preview" src={photo.previewUrl} alt="" />
        ) : props.existingPhotoUrl && !removeExisting ? (
          <>
            <img className="photo-preview" src={props.existingPhotoUrl} alt="" />
            <p className="hint">{w.keepPhoto}</p>
          </>
        ) : null}
        <label htmlFor="f-photo">{w.choosePhoto}</label>
        <input id="f-photo" type="file" accept="image/*" aria-describedby="photo-hint" onChange={(e) => void choosePhoto(e.target.files?.[0])} />
        {err('photo') && <p className="field-error">{err('photo')}</p>}
        {(photo || (props.existingPhotoUrl && !removeExisting)) && (
          <button type="button" className="secondary" onClick={() => (setPhoto(null), setRemoveExisting(true))}>{w.removePhoto}</button>
        )}
      </fieldset>

      <fieldset>
        <legend>{w.wander}</legend>
        <div className="checks">
          <label>
            <input type="checkbox" checked={s.mayWander} aria-describedby="wander-hint" onChange={(e) => set('mayWander', e.target.checked)} /> {w.wanderAsk}
          </label>
        </div>
        <p id="wander-hint" className="hint">{w.wanderHint}</p>
        {s.mayWander && (
          <>
            <Field name="wander.sex" label={w.sex} error={err('wander.sex')}>
              {(a) => (
                <select {...a} value={s.wSex} onChange={(e) => set('wSex', e.target.value)}>
                  {['', 'female', 'male', 'other', 'unknown'].map((x) => <option key={x} value={x}>{w.sexes[x]}</option>)}
                </select>
              )}
            </Field>
            <div className="row">
              <Field name="wander.heightCm" label={w.heightFt} error={err('wander.heightCm')}>
                {(a) => <input {...a} type="number" inputMode="numeric" min={1} max={8} value={s.wFeet} onChange={(e) => set('wFeet', e.target.value)} />}
              </Field>
              <Field name="wander.heightIn" label={w.heightIn}>
                {(a) => <input {...a} type="number" inputMode="numeric" min={0} max={11} value={s.wInches} onChange={(e) => set('wInches', e.target.value)} />}
              </Field>
            </div>
            <Field name="wander.weightKg" label={w.weightLb} error={err('wander.weightKg')}>
              {(a) => <input {...a} type="number" inputMode="numeric" value={s.wPounds} onChange={(e) => set('wPounds', e.target.value)} />}
            </Field>
            <Field name="wander.hair" label={w.hair} error={err('wander.hair')}>
              {(a) => <input {...a} value={s.wHair} onChange={(e) => set('wHair', e.target.value)} maxLength={100} />}
            </Field>
            <Field name="wander.eyes" label={w.eyes} error={err('wander.eyes')}>
              {(a) => <input {...a} value={s.wEyes} onChange={(e) => set('wEyes', e.target.value)} maxLength={100} />}
            </Field>
            <Field name="wander.features" label={w.features} error={err('wander.features')}>
              {(a) => <textarea {...a} rows={2} value={s.wFeatures} onChange={(e) => set('wFeatures', e.target.value)} maxLength={1000} />}
            </Field>
            <Field name="wander.usualClothing" label={w.clothing} error={err('wander.usualClothing')}>
              {(a) => <input {...a} value={s.wClothing} onChange={(e) => set('wClothing', e.target.value)} maxLength={1000} />}
            </Field>
            <Field name="wander.behaviours" label={w.behaviours} error={err('wander.behaviours')}>
              {(a) => <textarea {...a} rows={2} value={s.wBehaviours} onChange={(e) => set('wBehaviours', e.target.value)} maxLength={2000} />}
            </Field>
            <Field name="wander.trackingDevice" label={w.tracking} error={err('wander.trackingDevice')}>
              {(a) => <input {...a} value={s.wTracking} onChange={(e) => set('wTracking', e.target.value)} maxLength={500} />}
            </Field>
            <h3>{w.places}</h3>
            {s.wPlaces.map((p, i) => {
              const setP = (k: 'label' | 'address', v: string) => set('wPlaces', s.wPlaces.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
              return (
                <div key={i} className="contact-block" role="group" aria-label={w.place(i + 1)}>
                  <Field name={`wander.destinations.${i}.label`} label={w.placeLabel} error={err(`wander.destinations.${i}.label`)}>
                    {(a) => <input {...a} value={p.label} onChange={(e) => setP('label', e.target.value)} maxLength={200} />}
                  </Field>
                  <Field name={`wander.destinations.${i}.address`} label={w.placeAddress} error={err(`wander.destinations.${i}.address`)}>
                    {(a) => <input {...a} value={p.address} onChange={(e) => setP('address', e.target.value)} maxLength={300} />}
                  </Field>
                  <button type="button" className="secondary" onClick={() => set('wPlaces', s.wPlaces.filter((_, j) => j !== i))}>{w.removePlace}</button>
                </div>
              );
            })}
            {s.wPlaces.length < 5 && <button type="button" className="secondary" onClick={() => set('wPlaces', [...s.wPlaces, { label: '', address: '' }])}>{w.addPlace}</button>}
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>{w.submitter}</legend>
        <Field name="submitter.name" label={w.yourName} required error={err('submitter.name')}>
          {(a) => <input {...a} autoComplete="name" value={s.submitterName} onChange={(e) => set('submitterName', e.target.value)} maxLength={200} />}
        </Field>
        <Field name="submitter.relationship" label={w.yourRelationship} error={err('submitter.relationship')}>
          {(a) => <input {...a} value={s.submitterRelationship} onChange={(e) => set('submitterRelationship', e.target.value)} maxLength={100} />}
        </Field>
        <p className="hint">{w.contactHint}</p>
        <Field name="submitter.email" label={w.email} error={err('submitter.email')}>
          {(a) => <input {...a} type="email" autoComplete="email" value={s.submitterEmail} onChange={(e) => set('submitterEmail', e.target.value)} maxLength={254} />}
        </Field>
        <Field name="submitter.phone" label={w.phone} error={err('submitter.phone')}>
          {(a) => <input {...a} type="tel" autoComplete="tel" value={s.submitterPhone} onChange={(e) => set('submitterPhone', e.target.value)} maxLength={32} />}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{w.consent}</legend>
        <p className="consent-text" id="consent-text">{props.consentText ?? w.loading}</p>
        <div className="checks">
          <label>
            <input type="checkbox" id="f-consent-agreed" name="consent.agreed" checked={s.agreed} aria-describedby="consent-text" aria-invalid={err('consent.agreed') ? true : undefined} onChange={(e) => set('agreed', e.target.checked)} /> {w.agree} *
          </label>
        </div>
        {err('consent.agreed') && <p className="field-error">{err('consent.agreed')}</p>}
        <Field name="consent.signedName" label={w.signedName} required error={err('consent.signedName')}>
          {(a) => <input {...a} autoComplete="name" value={s.signedName} onChange={(e) => set('signedName', e.target.value)} maxLength={200} />}
        </Field>
        <Field name="consent.signedDate" label={w.signedDate} required error={err('consent.signedDate')}>
          {(a) => <input {...a} type="date" value={s.signedDate} onChange={(e) => set('signedDate', e.target.value)} />}
        </Field>
      </fieldset>

      <button type="submit" disabled={sending}>{sending ? w.sending : props.submitLabel}</button>
      {props.onCancel && (
        <button type="button" className="secondary wide" onClick={props.onCancel}>{w.cancelEdit}</button>
      )}
    </form>
  );
}
