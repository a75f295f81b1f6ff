import { useState, type FormEvent } from 'react';
import type { CameraUpdateBody, RegistryCamera } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { updateCamera } from './cameras-api';

/** Edits one of the city's cameras. The stream address is write-only: typing one replaces it. */
export function CityCameraEdit({ camera, onSaved }: { camera: RegistryCamera; onSaved: () => void }) {
  const [f, setF] = useState({
    name: camera.name,
    direction: camera.directionDeg === null ? '' : String(camera.directionDeg),
    fov: camera.fovDeg === null ? '' : String(camera.fovDeg),
    range: String(camera.rangeM),
    kind: camera.kind,
    status: camera.status,
    health: camera.health,
    tags: camera.tags.join(', '),
    stream: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const body: CameraUpdateBody = {
      name: f.name.trim(),
      directionDeg: f.direction.trim() === '' ? null : Number(f.direction),
      fovDeg: f.fov.trim() === '' ? null : Number(f.fov),
      rangeM: Number(f.range),
      kind: f.kind,
      status: f.status,
      tags: f.tags.split(',').map((t) => t.trim()).filter(Boolean),
    };
    if (f.health !== camera.health) body.health = f.health;
    if (f.stream.trim()) body.streamUrl = f.stream.trim();
    try {
      await updateCamera(camera.id, body);
      setErrors({});
      setSaved(true);
      setF((x) => ({ ...x, stream: '' }));
      onSaved();
    } catch (err) {
      const api = err instanceof ApiError ? err : null;
      setErrors(api && Object.keys(api.fields).length ? api.fields : { form: api?.message ?? 'not saved' });
    }
  }
  const input = (id: string, label: string, key: keyof typeof f, field: string, type = 'text') => (
    <>
      <label htmlFor={`city-${id}`}>{label}</label>
      <input id={`city-${id}`} type={type} value={f[key]} aria-invalid={Boolean(errors[field])} aria-describedby={errors[field] ? `city-${id}-error` : undefined} onChange={(e) => setF({ ...f, [key]: e.target.value })} />
      {errors[field] && <span id={`city-${id}-error`} className="field-error">{errors[field]}</span>}
    </>
  );
  return (
    <details className="camera-edit">
      <summary>Edit this city camera</summary>
      <form className="camera-form" onSubmit={(e) => void submit(e)}>
        {input('name', 'Name', 'name', 'name')}
        {input('direction', 'Direction (degrees from north; empty if unknown)', 'direction', 'directionDeg', 'number')}
        {input('fov', 'Field of view (degrees)', 'fov', 'fovDeg', 'number')}
        {input('range', 'Range (metres)', 'range', 'rangeM', 'number')}
        <label htmlFor="city-kind">Kind</label>
        <select id="city-kind" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as typeof f.kind })}><option value="fixed">fixed</option><option value="ptz">pan-tilt-zoom</option></select>
        <label htmlFor="city-status">Status</label>
        <select id="city-status" value={f.status} onChange={(e) => setF({ ...f, status: e.target.value as typeof f.status })}><option value="active">active</option><option value="inactive">inactive</option><option value="removed">removed</option></select>
        <label htmlFor="city-health">Health</label>
        <select id="city-health" value={f.health} onChange={(e) => setF({ ...f, health: e.target.value as typeof f.health })}><option value="unknown">unknown</option><option value="online">online</option><option value="offline">offline</option><option value="degraded">degraded</option></select>
        {input('tags', 'Tags (comma separated)', 'tags', 'tags')}
        {input('stream', camera.hasStream ? 'New stream address (leave empty to keep the current one)' : 'Stream address (rtsp://, HLS .m3u8 or MJPEG)', 'stream', 'streamUrl', 'url')}
        {errors.form && <p className="field-error" role="alert">{errors.form}</p>}
        {saved && <p role="status">Saved.</p>}
        <button type="submit">Save</button>
      </form>
    </details>
  );
}
