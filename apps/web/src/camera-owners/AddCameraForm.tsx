import { useState, type FormEvent } from 'react';
import type { OwnerCamera, OwnerCameraBody } from '@openpsap/contract';
import { ApiError } from '../api/client';
import type { Lang } from '../public/i18n';
import { Field } from './OwnerEntry';
import { registerCamera } from './owner-api';
import { ownerWords } from './owner-words';

const EMPTY = { name: '', address: '', direction: '', fov: '', range: '', kind: 'fixed' as 'fixed' | 'ptz', streamUrl: '', installedOn: '' };

/** Registers a camera: where it is (an address, or the phone's position), where it looks, and its stream. */
export function AddCameraForm({ lang, onAdded }: { lang: Lang; onAdded: (c: OwnerCamera) => void }) {
  const w = ownerWords(lang);
  const [f, setF] = useState(EMPTY);
  const [point, setPoint] = useState<{ lat: number; lon: number } | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (patch: Partial<typeof EMPTY>) => setF((x) => ({ ...x, ...patch }));

  function locate() {
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPoint({ lat: p.coords.latitude, lon: p.coords.longitude });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const found: Record<string, string> = {};
    if (!f.name.trim()) found.name = w.required;
    if (!f.address.trim() && !point) found.address = w.required;
    setErrors(found);
    if (Object.keys(found).length) return;
    const body: OwnerCameraBody = { name: f.name.trim(), kind: f.kind };
    if (f.address.trim()) body.address = f.address.trim();
    if (point) Object.assign(body, point);
    if (f.direction !== '') body.directionDeg = Number(f.direction);
    if (f.fov.trim()) body.fovDeg = Number(f.fov);
    if (f.range.trim()) body.rangeM = Number(f.range);
    if (f.streamUrl.trim()) body.streamUrl = f.streamUrl.trim();
    if (f.installedOn) body.installedOn = f.installedOn;
    setSaving(true);
    try {
      const cam = await registerCamera(body);
      setF(EMPTY);
      setPoint(null);
      onAdded(cam);
    } catch (err) {
      const api = err instanceof ApiError ? err : null;
      const fields = Object.fromEntries(Object.entries(api?.fields ?? {}).map(([k, v]) => [k === 'directionDeg' ? 'direction' : k === 'fovDeg' ? 'fov' : k === 'rangeM' ? 'range' : k === 'lat' || k === 'lon' ? 'address' : k, v]));
      setErrors(fields);
      if (!Object.keys(fields).length) setProblem(!api || api.status === 0 ? w.network : api.message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="owner-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-camera-title">
      <h2 id="add-camera-title">{w.addCamera}</h2>
      {problem && <p className="field-error" role="alert">{problem}</p>}
      <Field id="cam-name" label={w.cameraName} hint={w.cameraNameHint} error={errors.name}>
        {(d, inv) => <input id="cam-name" value={f.name} aria-describedby={d} aria-invalid={inv} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field id="cam-address" label={w.address} hint={w.addressHint} error={errors.address}>
        {(d, inv) => <input id="cam-address" autoComplete="street-address" value={f.address} aria-describedby={d} aria-invalid={inv} onChange={(e) => set({ address: e.target.value })} />}
      </Field>
      <button type="button" className="secondary" onClick={locate} disabled={locating === 'busy'}>{locating === 'busy' ? w.locating : w.useLocation}</button>
      {point && <p className="hint" role="status">{w.located(point.lat, point.lon)}</p>}
      {locating === 'failed' && <p className="field-error" role="alert">{w.noLocation}</p>}
      <Field id="cam-direction" label={w.direction} hint={w.directionHint} error={errors.direction}>
        {(d, inv) => (
          <select id="cam-direction" value={f.direction} aria-describedby={d} aria-invalid={inv} onChange={(e) => set({ direction: e.target.value })}>
            <option value="">{w.unknown}</option>
            {w.directions.map((name, i) => (
              <option key={name} value={String(i * 45)}>{name}</option>
            ))}
          </select>
        )}
      </Field>
      <Field id="cam-fov" label={w.fov} hint={w.fovHint} error={errors.fov}>
        {(d, inv) => <input id="cam-fov" type="number" inputMode="numeric" min={1} max={360} value={f.fov} aria-describedby={d} aria-invalid={inv} onChange={(e) => set({ fov: e.target.value })} />}
      </Field>
      <Field id="cam-range" label={w.range} error={errors.range}>
        {(d, inv) => <input id="cam-range" type="number" inputMode="numeric" min={1} max={1000} value={f.range} aria-describedby={d} aria-invalid={inv} onChange={(e) => set({ range: e.target.value })} />}
      </Field>
      <fieldset>
        <legend>{w.kind}</legend>
        <div className="checks">
          {(['fixed', 'ptz'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="cam-kind" value={k} checked={f.kind === k} onChange={() => set({ kind: k })} /> {w[k]}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="cam-stream" label={w.streamUrl} hint={w.streamHint} error={errors.streamUrl}>
        {(d, inv) => <input id="cam-stream" type="url" inputMode="url" autoComplete="off" value={f.streamUrl} aria-describedby={d} aria-invalid={inv} onChange={(e) => set({ streamUrl: e.target.value })} />}
      </Field>
      <Field id="cam-installed" label={w.installedOn} error={errors.installedOn}>
        {(d, inv) => <input id="cam-installed" type="date" value={f.installedOn} aria-describedby={d} aria-invalid={inv} onChange={(e) => set({ installedOn: e.target.value })} />}
      </Field>
      <button type="submit" disabled={saving}>{saving ? w.saving : w.save}</button>
    </form>
  );
}
