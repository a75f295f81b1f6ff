import { useEffect, useRef, useState, type ReactNode } from 'react';
import { BOLO_EXPIRY_PRESETS, BOLO_KINDS, type Bolo, type IncidentSummary } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { photoToJpeg } from '../shared/photo-to-jpeg';
import { boloPhotoSrc } from '../shared/bolo-text';
import { bolosApi } from './bolos-api';
import { KIND_LABELS } from './bolo-labels';
import { createBody, draftOf, emptyDraft, updateBody, type BoloDraft } from './bolo-form';


function Box({ id, label, error, children }: { id: string; label: string; error?: string | undefined; children: ReactNode }) {
  return (
    <div className="bolo-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && <p className="error small" id={`${id}-err`}>{error}</p>}
    </div>
  );
}

/**
 * Writes a new BOLO or changes one: person or vehicle, caution, photo, link to an incident and
 * how long units should look. Errors are shown at the box the server named.
 */
export function BoloForm({ editing, purpose, onDone, onClose }: { editing: Bolo | null; purpose: string; onDone: (b: Bolo, note: string) => void; onClose: () => void }) {
  const [initial] = useState<BoloDraft>(() => (editing ? draftOf(editing) : emptyDraft()));
  const [d, setD] = useState<BoloDraft>(initial);
  const [photo, setPhoto] = useState<{ base64: string; previewUrl: string } | null>(null);
  const [removePhoto, setRemovePhoto] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [incidents, setIncidents] = useState<IncidentSummary[]>([]);
  useEffect(() => void bolosApi.openIncidents().then(setIncidents, () => setIncidents([])), []);
  // Opened from the keyboard, the form takes the focus; Escape leaves it.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => formRef.current?.querySelector<HTMLInputElement>('input[name="bolo-subject"]:checked')?.focus(), []);

  const set = (k: keyof BoloDraft) => (e: { target: { value: string } }) => setD((x) => ({ ...x, [k]: e.target.value }));
  const err = (k: string) => errors[k];
  const input = (k: keyof BoloDraft, label: string, field: string = k, extra: Record<string, unknown> = {}) => {
    const id = `bolo-${k}`;
    return (
      <Box id={id} label={label} error={err(field)}>
        <input id={id} value={d[k]} onChange={set(k)} aria-invalid={err(field) ? true : undefined} aria-describedby={err(field) ? `${id}-err` : undefined} {...extra} />
      </Box>
    );
  };

  async function pick(file: File | undefined) {
    if (!file) return;
    try {
      setPhoto(await photoToJpeg(file));
      setRemovePhoto(false);
      setErrors(({ photo: _, ...rest }) => rest);
    } catch {
      setErrors((x) => ({ ...x, photo: 'That file could not be read as a picture.' }));
    }
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setErrors({});
    try {
      let saved: Bolo;
      const pic = photo ? { contentType: 'image/jpeg' as const, data: photo.base64 } : null;
      if (!editing) {
        saved = await bolosApi.create({ ...createBody(d), ...(pic ? { photo: pic } : {}) });
      } else {
        const body = updateBody(initial, d);
        saved = Object.keys(body).length ? await bolosApi.update(editing.id, body) : editing;
        if (pic || removePhoto) saved = await bolosApi.photo(editing.id, { photo: pic });
      }
      onDone(saved, editing ? `BOLO #${saved.id} changed; units have the new copy` : `BOLO #${saved.id} sent to every unit`);
    } catch (x) {
      if (x instanceof ApiError) {
        setErrors(x.fields);
        setProblem(x.message);
      } else setProblem((x as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const current = editing && !removePhoto && !photo ? boloPhotoSrc(editing, purpose) : null;
  const ownPhoto = !editing || (editing.source !== 'hmh' && editing.source !== 'alert');
  return (
    <form ref={formRef} className="panel bolo-form" onSubmit={(e) => void submit(e)} onKeyDown={(e) => { if (e.key === 'Escape' && !busy) onClose(); }} aria-labelledby="bolo-form-h" noValidate>
      <h2 id="bolo-form-h">{editing ? `Change BOLO #${editing.id}` : 'New BOLO'}</h2>
      <fieldset className="bolo-subject">
        <legend>Looking for</legend>
        {(['vehicle', 'person', 'other'] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="bolo-subject" value={s} checked={d.subject === s} onChange={() => setD((x) => ({ ...x, subject: s }))} /> {s === 'vehicle' ? 'Vehicle' : s === 'person' ? 'Person' : 'Other'}
          </label>
        ))}
      </fieldset>
      <div className="bolo-grid">
        <Box id="bolo-kind" label="Kind" error={err('kind')}>
          <select id="bolo-kind" value={d.kind} onChange={set('kind')}>
            {BOLO_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k] ?? k}</option>)}
          </select>
        </Box>
        <Box id="bolo-incident" label="Linked incident" error={err('incidentId')}>
          <select id="bolo-incident" value={d.incidentId} onChange={set('incidentId')}>
            <option value="">None</option>
            {editing?.incidentId && !incidents.some((i) => i.id === editing.incidentId) && <option value={editing.incidentId}>{editing.incidentLabel ?? `#${editing.incidentId}`}</option>}
            {incidents.map((i) => <option key={i.id} value={i.id}>{i.agencyCode} {i.number} · {i.typeName}{i.location.text ? ` · ${i.location.text}` : ''}</option>)}
          </select>
        </Box>
      </div>
      {d.subject === 'vehicle' && (
        <fieldset className="bolo-grid">
          <legend>Vehicle</legend>
          {input('plate', 'Plate', 'vehicle.plate', { className: 'mono bolo-plate-input', autoCapitalize: 'characters', spellCheck: false })}
          {input('plateState', 'Plate state', 'vehicle.plateState')}
          {input('colour', 'Colour', 'vehicle.colour')}
          {input('year', 'Year', 'vehicle.year', { inputMode: 'numeric' })}
          {input('make', 'Make', 'vehicle.make')}
          {input('model', 'Model', 'vehicle.model')}
          {input('direction', 'Direction of travel', 'vehicle.direction')}
        </fieldset>
      )}
      {d.subject === 'person' && (
        <fieldset className="bolo-grid">
          <legend>Person</legend>
          {input('name', 'Name (if known)', 'person.name')}
          {input('age', 'Age', 'person.age')}
          {input('sex', 'Sex', 'person.sex')}
          {input('height', 'Height', 'person.height')}
          {input('build', 'Build', 'person.build')}
          {input('clothing', 'Clothing', 'person.clothing')}
        </fieldset>
      )}
      <Box id="bolo-description" label={d.subject === 'vehicle' ? 'Description (needed when there is no plate)' : 'Description'} error={err('description')}>
        <textarea id="bolo-description" rows={2} value={d.description} onChange={set('description')} />
      </Box>
      {input('caution', 'Caution (e.g. armed — do not approach)')}
      {input('title', 'Title (left empty: written from the fields)')}
      <Box id="bolo-body" label="Details for units" error={err('body')}>
        <textarea id="bolo-body" rows={3} value={d.body} onChange={set('body')} />
      </Box>
      {ownPhoto ? (
        <Box id="bolo-photo" label="Photo (JPEG or PNG)" error={err('photo')}>
          {(photo?.previewUrl ?? current) && <img className="bolo-form-photo" src={photo?.previewUrl ?? current!} alt="Photo to be sent with the BOLO" />}
          <input id="bolo-photo" type="file" accept="image/jpeg,image/png" disabled={busy} onChange={(e) => void pick(e.target.files?.[0])} />
          {(photo || current) && <button type="button" className="link" onClick={() => { setPhoto(null); setRemovePhoto(Boolean(editing?.photoUrl)); }}>Remove photo</button>}
        </Box>
      ) : (
        <p className="muted small">The photo comes from the {editing?.source === 'hmh' ? 'Help Me Home profile' : 'public alert'}; change it there.</p>
      )}
      <fieldset className="bolo-expiry">
        <legend>{editing ? 'Expiry' : 'Units look for'}</legend>
        {editing && (
          <label><input type="radio" name="bolo-hours" checked={d.hours === ''} onChange={() => setD((x) => ({ ...x, hours: '' }))} /> Keep{editing.expiresAt ? ` (until ${new Date(editing.expiresAt).toLocaleString([], { dateStyle: 'short', timeStyle: 'short', hour12: false })})` : ' (until cancelled)'}</label>
        )}
        {BOLO_EXPIRY_PRESETS.map((h) => (
          <label key={h}><input type="radio" name="bolo-hours" checked={d.hours === String(h)} onChange={() => setD((x) => ({ ...x, hours: String(h) }))} /> {editing ? `${h} h from now` : `${h} h`}</label>
        ))}
        {(err('expiresInHours') || err('expiresAt')) && <p className="error small">{err('expiresInHours') ?? err('expiresAt')}</p>}
      </fieldset>
      {problem && <p className="error" role="alert">{problem}</p>}
      <div className="row">
        <button type="submit" disabled={busy}>{busy ? 'Sending…' : editing ? 'Save and send to units' : 'Send BOLO to all units'}</button>
        <button type="button" className="secondary" onClick={onClose} disabled={busy}>Close</button>
      </div>
    </form>
  );
}
