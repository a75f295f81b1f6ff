import { useEffect, useState } from 'react';
import type { Unit } from '@openpsap/contract';
import { api } from '../api/client';
import { fieldError, type StaffOption } from './training-api';

interface CrewResult { unitChanges: { callSign: string; capability: string; held: boolean }[] }

/**
 * Puts a field officer on the unit they staff. A unit's CIT capability then follows whether its
 * crew holds a valid CIT certification, which is what crisis-call response plans ask for.
 */
export function UnitCrews({ staff, onChanged }: { staff: StaffOption[]; onChanged: () => void }) {
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [person, setPerson] = useState('');
  const [unit, setUnit] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    api<Unit[]>('GET', '/api/v1/units').then((u) => setUnits(u.filter((x) => x.active)), (e: unknown) => setErr(e));
  }, []);
  const officers = staff.filter((s) => s.organisation !== 'centre' && !s.left);
  const chosen = officers.find((s) => String(s.id) === person);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    setDone(null);
    try {
      const r = await api<CrewResult>('PUT', '/api/v1/certifications/crew', { staffMemberId: Number(person), unitId: unit ? Number(unit) : null });
      const changes = r.unitChanges.map((c) => `${c.callSign} ${c.held ? 'now has' : 'no longer has'} ${c.capability}`);
      setDone(`${chosen?.name ?? 'Officer'} ${unit ? `is on ${units?.find((u) => String(u.id) === unit)?.callSign}` : 'is on no unit'}.${changes.length ? ` ${changes.join('; ')}.` : ''}`);
      onChanged();
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="crews-h">
      <h2 id="crews-h">Unit crews</h2>
      <p className="muted small">A unit with a recorded crew has CIT while someone on it holds a valid CIT certification; the capability is updated when certifications are recorded and each night as they lapse.</p>
      <form className="training-form" onSubmit={save} aria-label="Unit crew">
        <div><label htmlFor="crew-person">Officer</label>
          <select id="crew-person" required value={person} onChange={(e) => { setPerson(e.target.value); setUnit(String(officers.find((s) => String(s.id) === e.target.value)?.unit?.id ?? '')); }}>
            <option value="">Choose…</option>
            {officers.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.organisation}{s.unit ? `, ${s.unit.callSign}` : ''})</option>)}
          </select></div>
        <div><label htmlFor="crew-unit">Unit</label>
          <select id="crew-unit" value={unit} onChange={(e) => setUnit(e.target.value)} disabled={!units} aria-invalid={Boolean(fieldError(err, 'unitId'))}>
            <option value="">No unit</option>
            {(units ?? []).map((u) => <option key={u.id} value={u.id}>{u.callSign} ({u.agencyCode} {u.type}{u.capabilities.length ? `, ${u.capabilities.join(' ')}` : ''})</option>)}
          </select>{fieldError(err, 'unitId') && <p className="error small">{fieldError(err, 'unitId')}</p>}</div>
        <div className="training-form-actions"><button type="submit" disabled={busy || !person}>{busy ? 'Saving…' : 'Save crew'}</button></div>
      </form>
      {err instanceof Error && <p role="alert" className="error">{err.message}</p>}
      {done && <p role="status" className="small">{done}</p>}
    </section>
  );
}
