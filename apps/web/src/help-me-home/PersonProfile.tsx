import { useEffect, useState } from 'react';
import { KeyValueRow } from '../shared/KeyValueRow';
import { feetInches, type HmhPerson } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { hmhApi, type ReportResult } from './hmh-api';
import { PersonForm } from './PersonForm';
import { ReportMissing } from './ReportMissing';



/** One registered person: the whole profile, and the actions that matter the day they go missing. */
export function PersonProfile({ id, purpose, canManage, canReport, onChanged }: { id: number; purpose: string; canManage: boolean; canReport: boolean; onChanged: (msg: string) => void }) {
  const h = hmhApi(purpose);
  const [p, setP] = useState<HmhPerson | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<'view' | 'edit' | 'report' | 'found'>('view');
  const [report, setReport] = useState<ReportResult | null>(null);
  const [note, setNote] = useState('');

  const load = () => h.person(id).then(setP, (e: Error) => setError(e.message));
  useEffect(() => {
    setP(null);
    setMode('view');
    setReport(null);
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, purpose]);

  if (error && !p) return <p role="alert" className="error panel">{error}</p>;
  if (!p) return <p className="panel muted" aria-live="polite">Loading the profile…</p>;
  if (mode === 'edit') {
    return <PersonForm person={p} onCancel={() => setMode('view')} onSave={async (body) => { setP(await h.update(p.id, body)); setMode('view'); onChanged('Profile saved'); }} />;
  }
  const name = `${p.firstName} ${p.lastName}`;
  return (
    <article className="panel hmh-profile" aria-labelledby="hmh-p-h">
      <h2 id="hmh-p-h">
        {name}{p.preferredName ? ` ("${p.preferredName}")` : ''}
        <span className={`badge ${p.state === 'missing' ? 'danger' : p.state === 'active' ? 'ok' : ''}`}>{p.state}</span>
      </h2>
      {report && (
        <div className="ok-box" role="status">
          Reported missing: incident <strong className="mono">{report.incident.agencyCode} {report.incident.number}</strong> created, BOLO sent to all units, {report.alertDraft.kind === 'amber' ? 'AMBER' : 'Silver'} alert drafted for a supervisor to check.
          <div className="small muted">{report.alertDraft.criteriaNote}</div>
          <div className="small">
            {report.camerasNear.length === 0
              ? 'No registered camera near the last-seen place.'
              : `Cameras near the last-seen place for the RTCC: ${report.camerasNear
                  .slice(0, 6)
                  .map((c) => `${c.camera.name} (${Math.round(c.distanceM)} m${c.sees ? ', facing it' : ''}${c.camera.ownerKind === 'city' ? '' : `, ${c.camera.ownerKind}: ${c.camera.consent ?? 'no consent'}`})`)
                  .join('; ')}${report.camerasNear.length > 6 ? ` and ${report.camerasNear.length - 6} more` : ''}.`}
          </div>
        </div>
      )}
      {p.missing && !report && (
        <div className="warn-box" role="status">
          Missing since {new Date(p.missing.reportedAt).toLocaleString()} · incident <span className="mono">{p.missing.incidentNumber}</span>{p.missing.lastSeen ? ` · last seen ${p.missing.lastSeen}` : ''}
        </div>
      )}
      <div className="sn-top">
        {p.hasPhoto && <img className="sn-photo" src={h.photoUrl(p.id)} alt={`Photo of ${name}`} />}
        <dl className="kv">
          <KeyValueRow label="Age" value={p.age !== null ? `${p.age} (born ${p.dateOfBirth})` : null} />
          <KeyValueRow label="Sex" value={p.sex} />
          <KeyValueRow label="Height / weight" value={[p.heightCm && `${feetInches(p.heightCm)} (${p.heightCm} cm)`, p.weightKg && `${Math.round(p.weightKg * 2.20462)} lb`].filter(Boolean).join(', ')} />
          <KeyValueRow label="Hair / eyes / build" value={[p.hair, p.eyes, p.build].filter(Boolean).join(' · ')} />
          <KeyValueRow label="Features" value={p.features} />
          <KeyValueRow label="Usually wears" value={p.usualClothing} />
        </dl>
      </div>
      <dl className="kv">
        <KeyValueRow label="Behaviours" value={p.behaviours} />
        <KeyValueRow label="What calms them" value={p.calming} />
        <KeyValueRow label="Communication" value={p.communication} />
        <KeyValueRow label="Medical" value={p.medicalNotes} />
        <KeyValueRow label="Tracking device" value={p.trackingDevice} />
        <KeyValueRow label="Home" value={p.homeAddress + (p.homeLat === null ? ' (not placed on the map)' : '')} />
        <KeyValueRow label="Likely destinations" value={p.destinations.map((d) => `${d.label}: ${d.address}${d.lat === null ? ' (not placed)' : ''}`).join('\n')} />
        <KeyValueRow label="Caregivers" value={p.caregivers.map((c) => `${c.name}${c.relationship ? ` (${c.relationship})` : ''} ${c.phone}`).join('\n')} />
      </dl>
      {mode === 'report' && (
        <ReportMissing name={name} usualClothing={p.usualClothing} onCancel={() => setMode('view')} onReport={async (body) => {
          const r = await h.reportMissing(p.id, body);
          setReport(r);
          setMode('view');
          await load();
          onChanged(`Reported missing: incident ${r.incident.agencyCode} ${r.incident.number}`);
          return r;
        }} />
      )}
      {mode === 'found' && p.missing && (
        <form className="hmh-found" onSubmit={(e) => {
          e.preventDefault();
          void h.found(p.missing!.reportId, note.trim()).then(async () => { setMode('view'); setNote(''); setReport(null); await load(); onChanged('Marked found: BOLO cancelled'); }, (x: Error) => setError(x instanceof ApiError ? x.message : x.message));
        }}>
          <label htmlFor="hmh-found-note">Where and how found</label>
          <input id="hmh-found-note" value={note} onChange={(e) => setNote(e.target.value)} required />
          <div className="buttons"><button type="submit" disabled={!note.trim()}>Mark found</button><button type="button" className="secondary" onClick={() => setMode('view')}>Cancel</button></div>
        </form>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      {mode === 'view' && (
        <div className="buttons">
          {canReport && p.state !== 'missing' && <button type="button" className="danger" onClick={() => setMode('report')}>Report missing…</button>}
          {canReport && p.state === 'missing' && <button type="button" onClick={() => setMode('found')}>Found…</button>}
          <a className="button-link" href={h.flyerUrl(p.id)} target="_blank" rel="noreferrer">Print flyer</a>
          {canManage && <button type="button" className="secondary" onClick={() => setMode('edit')}>Edit</button>}
          {canManage && p.state !== 'missing' && (
            <button type="button" className="secondary" onClick={() => void h.setActive(p.id, p.state === 'inactive', p.state === 'inactive' ? 'back on the registry' : 'taken off the registry').then(setP, (x: Error) => setError(x.message))}>
              {p.state === 'inactive' ? 'Put back on the registry' : 'Take off the registry'}
            </button>
          )}
        </div>
      )}
    </article>
  );
}
