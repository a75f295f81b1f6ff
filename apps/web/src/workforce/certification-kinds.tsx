import { useState } from 'react';
import { api } from '../api/client';
import { fieldError } from './training-api';
import type { CertificationKind } from './certification-api';

function KindRow({ k, onSaved }: { k: CertificationKind; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [months, setMonths] = useState(k.validityMonths ? String(k.validityMonths) : '');
  const [days, setDays] = useState(k.reminderDays.join(', '));
  const [err, setErr] = useState<unknown>(null);
  const save = async () => {
    setErr(null);
    try {
      const reminderDays = days.split(/[,\s]+/).filter(Boolean).map(Number);
      await api('PATCH', `/api/v1/certifications/kinds/${k.code}`, { validityMonths: months ? Number(months) : null, reminderDays });
      setEditing(false);
      onSaved();
    } catch (x) {
      setErr(x);
    }
  };
  const msg = (f: string) => fieldError(err, f);
  return (
    <tr>
      <td>{k.name} <span className="mono muted">{k.code}</span></td>
      {editing ? (
        <>
          <td><input aria-label={`${k.name}: default validity in months (empty for none)`} type="number" min={1} max={240} value={months} onChange={(e) => setMonths(e.target.value)} aria-invalid={Boolean(msg('validityMonths'))} />{msg('validityMonths') && <p className="error small">{msg('validityMonths')}</p>}</td>
          <td><input aria-label={`${k.name}: reminder days before expiry, separated by commas`} value={days} onChange={(e) => setDays(e.target.value)} />{err instanceof Error && <p role="alert" className="error small">{err.message}</p>}</td>
        </>
      ) : (
        <>
          <td>{k.validityMonths ? `${k.validityMonths} months` : 'enter from certificate'}</td>
          <td>{k.reminderDays.join(', ')} days</td>
        </>
      )}
      <td>{k.unitCapability ?? ''}</td>
      <td className="small muted">{k.note}</td>
      <td>
        {editing ? (
          <span className="kind-actions"><button type="button" className="small-btn" onClick={save}>Save</button> <button type="button" className="secondary small-btn" onClick={() => setEditing(false)}>Cancel</button></span>
        ) : <button type="button" className="secondary small-btn" onClick={() => setEditing(true)} aria-label={`Change ${k.name} settings`}>Change</button>}
      </td>
    </tr>
  );
}

/** The kinds of certification and their default validity and reminders: the centre's settings. */
export function CertificationKinds({ kinds, onSaved }: { kinds: CertificationKind[]; onSaved: () => void }) {
  return (
    <section className="panel" aria-labelledby="kinds-h">
      <h2 id="kinds-h">Kinds and default validity (settings)</h2>
      <p className="muted small">These follow the agency's policy and the issuing bodies' rules; the values shipped are a starting point, not a rule. A change applies to certifications recorded afterwards; reminders use the current days.</p>
      <table>
        <thead><tr><th scope="col">Kind</th><th scope="col">Default validity</th><th scope="col">Reminders before expiry</th><th scope="col">Unit capability</th><th scope="col">Note</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>{kinds.map((k) => <KindRow key={`${k.code}-${k.validityMonths}-${k.reminderDays.join()}`} k={k} onSaved={onSaved} />)}</tbody>
      </table>
    </section>
  );
}
