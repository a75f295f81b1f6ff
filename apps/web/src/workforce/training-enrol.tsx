import { useState } from 'react';
import { api } from '../api/client';
import { fieldError, type StaffOption } from './training-api';

/** Enrols a new hire (added to the staff register) with a hire date and a CTO. */
export function EnrolForm({ staff, onDone }: { staff: StaffOption[]; onDone: (id: number | null) => void }) {
  const [name, setName] = useState('');
  const [employeeNo, setEmployeeNo] = useState('');
  const [email, setEmail] = useState('');
  const [hiredOn, setHiredOn] = useState('');
  const [cto, setCto] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<unknown>(null);
  const ctos = staff.filter((s) => s.organisation === 'centre' && !s.left);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      const person = { displayName: name, ...(employeeNo.trim() ? { employeeNo: employeeNo.trim() } : {}), ...(email.trim() ? { email: email.trim() } : {}) };
      const r = await api<{ id: number }>('POST', '/api/v1/training/trainees', { person, hiredOn, ...(cto ? { ctoStaffId: Number(cto) } : {}) });
      onDone(r.id);
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  };
  const f = (k: string) => fieldError(err, k);
  return (
    <form className="training-form" onSubmit={submit} aria-label="Enrol a trainee">
      <div>
        <label htmlFor="enrol-name">Name</label>
        <input id="enrol-name" required value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(f('person.displayName'))} autoFocus />
        {f('person.displayName') && <p className="error small">{f('person.displayName')}</p>}
      </div>
      <div>
        <label htmlFor="enrol-no">Employee number</label>
        <input id="enrol-no" value={employeeNo} onChange={(e) => setEmployeeNo(e.target.value)} aria-invalid={Boolean(f('person.employeeNo'))} />
        {f('person.employeeNo') && <p className="error small">{f('person.employeeNo')}</p>}
      </div>
      <div>
        <label htmlFor="enrol-email">E-mail (for certification reminders)</label>
        <input id="enrol-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={Boolean(f('person.email'))} />
      </div>
      <div>
        <label htmlFor="enrol-hired">Hire date</label>
        <input id="enrol-hired" type="date" required value={hiredOn} onChange={(e) => setHiredOn(e.target.value)} aria-invalid={Boolean(f('hiredOn'))} />
        {f('hiredOn') && <p className="error small">{f('hiredOn')}</p>}
      </div>
      <div>
        <label htmlFor="enrol-cto">Communications training officer</label>
        <select id="enrol-cto" value={cto} onChange={(e) => setCto(e.target.value)}>
          <option value="">Assign later</option>
          {ctos.map((s) => <option key={s.id} value={s.id}>{s.name}{s.jobTitle ? ` (${s.jobTitle})` : ''}</option>)}
        </select>
      </div>
      <div className="training-form-actions">
        <button type="submit" disabled={busy}>{busy ? 'Enrolling…' : 'Enrol'}</button>
        <button type="button" className="secondary" onClick={() => onDone(null)}>Cancel</button>
      </div>
      {err instanceof Error && <p role="alert" className="error">{err.message}</p>}
    </form>
  );
}
