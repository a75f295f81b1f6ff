import { useState, type FormEvent } from 'react';
import { HMH_SEXES, type HmhPerson } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { photoToJpeg } from '../shared/photo-to-jpeg';

interface State {
  firstName: string; lastName: string; preferredName: string; dateOfBirth: string; sex: string;
  feet: string; inches: string; pounds: string; hair: string; eyes: string; build: string; features: string; usualClothing: string;
  medicalNotes: string; behaviours: string; calming: string; communication: string; trackingDevice: string; homeAddress: string;
  caregivers: Array<{ name: string; relationship: string; phone: string }>;
  destinations: Array<{ label: string; address: string }>;
}

function fromPerson(p: HmhPerson | null): State {
  const inches = p?.heightCm ? Math.round(p.heightCm / 2.54) : null;
  return {
    firstName: p?.firstName ?? '', lastName: p?.lastName ?? '', preferredName: p?.preferredName ?? '', dateOfBirth: p?.dateOfBirth ?? '', sex: p?.sex ?? '',
    feet: inches !== null ? String(Math.floor(inches / 12)) : '', inches: inches !== null ? String(inches % 12) : '', pounds: p?.weightKg ? String(Math.round(p.weightKg * 2.20462)) : '',
    hair: p?.hair ?? '', eyes: p?.eyes ?? '', build: p?.build ?? '', features: p?.features ?? '', usualClothing: p?.usualClothing ?? '',
    medicalNotes: p?.medicalNotes ?? '', behaviours: p?.behaviours ?? '', calming: p?.calming ?? '', communication: p?.communication ?? '', trackingDevice: p?.trackingDevice ?? '',
    homeAddress: p?.homeAddress ?? '',
    caregivers: p?.caregivers.map((c) => ({ name: c.name, relationship: c.relationship ?? '', phone: c.phone })) ?? [{ name: '', relationship: '', phone: '' }],
    destinations: p?.destinations.map((d) => ({ label: d.label, address: d.address })) ?? [],
  };
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);
const num = (s: string) => (s.trim() && Number.isFinite(Number(s)) ? Number(s) : undefined);

function toBody(s: State, photo: string | null) {
  const ft = num(s.feet);
  const inch = num(s.inches) ?? 0;
  const lb = num(s.pounds);
  return {
    firstName: s.firstName.trim(), lastName: s.lastName.trim(), preferredName: opt(s.preferredName), dateOfBirth: opt(s.dateOfBirth), sex: opt(s.sex),
    heightCm: ft !== undefined ? Math.round((ft * 12 + inch) * 2.54) : undefined,
    weightKg: lb !== undefined ? Math.round(lb / 2.20462) : undefined,
    hair: opt(s.hair), eyes: opt(s.eyes), build: opt(s.build), features: opt(s.features), usualClothing: opt(s.usualClothing),
    medicalNotes: opt(s.medicalNotes), behaviours: opt(s.behaviours), calming: opt(s.calming), communication: opt(s.communication), trackingDevice: opt(s.trackingDevice),
    homeAddress: s.homeAddress.trim(),
    caregivers: s.caregivers.map((c) => ({ name: c.name.trim(), relationship: opt(c.relationship), phone: c.phone.trim() })),
    destinations: s.destinations.filter((d) => d.label.trim() || d.address.trim()).map((d) => ({ label: d.label.trim(), address: d.address.trim() })),
    photo: photo ? { contentType: 'image/jpeg' as const, data: photo } : undefined,
  };
}

/** Register or edit a person who may wander. Height and weight in feet/inches and pounds, stored metric. */
export function PersonForm({ person, onSave, onCancel }: { person: HmhPerson | null; onSave: (body: unknown) => Promise<void>; onCancel: () => void }) {
  const [s, setS] = useState<State>(() => fromPerson(person));
  const [photo, setPhoto] = useState<{ base64: string; previewUrl: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof State>(k: K, v: State[K]) => setS((x) => ({ ...x, [k]: v }));
  const input = (k: keyof State & string, label: string, o: { required?: boolean; type?: string; wide?: boolean; area?: boolean; errorKey?: string } = {}) => (
    <div className={`field ${o.wide ? 'wide' : ''}`}>
      <label htmlFor={`hmh-${k}`}>{label}{o.required ? ' *' : ''}</label>
      {o.area ? (
        <textarea id={`hmh-${k}`} rows={2} value={s[k] as string} aria-invalid={errors[o.errorKey ?? k] ? true : undefined} onChange={(e) => set(k, e.target.value as never)} />
      ) : (
        <input id={`hmh-${k}`} type={o.type ?? 'text'} value={s[k] as string} aria-invalid={errors[o.errorKey ?? k] ? true : undefined} onChange={(e) => set(k, e.target.value as never)} />
      )}
      {errors[o.errorKey ?? k] && <p className="error small">{errors[o.errorKey ?? k]}</p>}
    </div>
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave(toBody(s, photo?.base64 ?? null));
    } catch (x) {
      if (x instanceof ApiError) {
        setErrors(x.fields);
        setError(Object.keys(x.fields).length ? 'Please correct the fields marked below.' : x.message);
      } else setError((x as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel hmh-form" onSubmit={submit} noValidate aria-labelledby="hmh-form-h">
      <h2 id="hmh-form-h">{person ? `Edit ${person.firstName} ${person.lastName}` : 'Register a person who may wander'}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      <fieldset>
        <legend>Person</legend>
        <div className="grid-fields">
          {input('firstName', 'First name', { required: true })}
          {input('lastName', 'Last name', { required: true })}
          {input('preferredName', 'Goes by')}
          {input('dateOfBirth', 'Date of birth', { type: 'date' })}
          <div className="field">
            <label htmlFor="hmh-sex">Sex</label>
            <select id="hmh-sex" value={s.sex} onChange={(e) => set('sex', e.target.value)}>
              <option value="">—</option>
              {HMH_SEXES.map((x) => <option key={x} value={x}>{x}</option>)}
            </select>
          </div>
          {input('feet', 'Height (ft)', { type: 'number', errorKey: 'heightCm' })}
          {input('inches', 'Height (in)', { type: 'number', errorKey: 'heightCm' })}
          {input('pounds', 'Weight (lb)', { type: 'number', errorKey: 'weightKg' })}
          {input('hair', 'Hair')}
          {input('eyes', 'Eyes')}
          {input('build', 'Build')}
        </div>
        {input('features', 'Distinguishing features (glasses, scars, gait)', { wide: true, area: true })}
        {input('usualClothing', 'Usually wears', { wide: true, area: true })}
        <div className="field">
          <label htmlFor="hmh-photo">Photo</label>
          {(photo || person?.hasPhoto) && <p className="small muted">{photo ? 'New photo chosen.' : 'A photo is on file; choose one to replace it.'}</p>}
          <input id="hmh-photo" type="file" accept="image/*" onChange={(e) => { const f = e.target.files?.[0]; if (f) void photoToJpeg(f).then(setPhoto, () => setErrors((x) => ({ ...x, photo: 'That file could not be read as a picture.' }))); }} />
          {photo && <img className="photo-preview" src={photo.previewUrl} alt="" />}
          {errors.photo && <p className="error small">{errors.photo}</p>}
        </div>
      </fieldset>
      <fieldset>
        <legend>For responders</legend>
        {input('medicalNotes', 'Medical notes', { wide: true, area: true })}
        {input('behaviours', 'Behaviours (where they head, what they say)', { wide: true, area: true })}
        {input('calming', 'What calms them', { wide: true, area: true })}
        {input('communication', 'How to communicate', { wide: true, area: true })}
        {input('trackingDevice', 'Tracking device (type, provider, id)', { wide: true })}
      </fieldset>
      <fieldset>
        <legend>Places</legend>
        {input('homeAddress', 'Home address', { required: true, wide: true })}
        {s.destinations.map((d, i) => (
          <div key={i} className="grid-fields" role="group" aria-label={`Likely destination ${i + 1}`}>
            <div className="field"><label htmlFor={`hmh-d-${i}-l`}>Place</label><input id={`hmh-d-${i}-l`} value={d.label} placeholder="Old workplace" onChange={(e) => set('destinations', s.destinations.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} /></div>
            <div className="field wide"><label htmlFor={`hmh-d-${i}-a`}>Address</label><input id={`hmh-d-${i}-a`} value={d.address} aria-invalid={errors[`destinations.${i}.address`] ? true : undefined} onChange={(e) => set('destinations', s.destinations.map((x, j) => (j === i ? { ...x, address: e.target.value } : x)))} /></div>
            <button type="button" className="secondary" onClick={() => set('destinations', s.destinations.filter((_, j) => j !== i))}>Remove</button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => set('destinations', [...s.destinations, { label: '', address: '' }])}>Add a likely destination</button>
      </fieldset>
      <fieldset>
        <legend>Caregivers *</legend>
        {errors.caregivers && <p className="error small">{errors.caregivers}</p>}
        {s.caregivers.map((c, i) => (
          <div key={i} className="grid-fields" role="group" aria-label={`Caregiver ${i + 1}`}>
            <div className="field"><label htmlFor={`hmh-c-${i}-n`}>Name *</label><input id={`hmh-c-${i}-n`} value={c.name} aria-invalid={errors[`caregivers.${i}.name`] ? true : undefined} onChange={(e) => set('caregivers', s.caregivers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} /></div>
            <div className="field"><label htmlFor={`hmh-c-${i}-r`}>Relationship</label><input id={`hmh-c-${i}-r`} value={c.relationship} onChange={(e) => set('caregivers', s.caregivers.map((x, j) => (j === i ? { ...x, relationship: e.target.value } : x)))} /></div>
            <div className="field"><label htmlFor={`hmh-c-${i}-p`}>Phone *</label><input id={`hmh-c-${i}-p`} type="tel" value={c.phone} aria-invalid={errors[`caregivers.${i}.phone`] ? true : undefined} onChange={(e) => set('caregivers', s.caregivers.map((x, j) => (j === i ? { ...x, phone: e.target.value } : x)))} /></div>
            {s.caregivers.length > 1 && <button type="button" className="secondary" onClick={() => set('caregivers', s.caregivers.filter((_, j) => j !== i))}>Remove</button>}
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => set('caregivers', [...s.caregivers, { name: '', relationship: '', phone: '' }])}>Add a caregiver</button>
      </fieldset>
      <div className="buttons">
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : person ? 'Save changes' : 'Register'}</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
