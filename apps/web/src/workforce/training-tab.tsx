import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { registerSupervisorTab } from '../supervisor/supervisor-tabs';
import { TRAINING_PURPOSE, type StaffOption, type TraineeSummary } from './training-api';
import { EnrolForm } from './training-enrol';
import { TraineePage } from './training-trainee';

function ProgressCell({ t }: { t: TraineeSummary }) {
  const p = t.progress;
  if (p.status !== 'in-training') return <span className={`badge ${p.status === 'released' ? 'ok' : ''}`}>{p.status === 'released' ? `Released ${t.completedOn ?? ''}` : 'Withdrawn'}</span>;
  return (
    <>
      <progress max={p.phaseCount} value={p.phaseIndex} aria-label={`Phase ${p.phaseIndex + 1} of ${p.phaseCount}`} /> {p.phaseName}
      <div className="muted small">{p.daysInPhase} days in phase · {p.daysSinceHire} since hire</div>
    </>
  );
}

/** The Training tab: every trainee with phase, days and flags; a trainee's page; enrolment. */
function TrainingTab() {
  const [list, setList] = useState<TraineeSummary[] | null>(null);
  const [staff, setStaff] = useState<StaffOption[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<number | null>(() => Number(/[?&]trainee=(\d+)/.exec(location.hash)?.[1]) || null);
  const [enrolling, setEnrolling] = useState(false);
  const [status, setStatus] = useState('in-training');

  const load = useCallback(() => {
    setError(null);
    api<TraineeSummary[]>('GET', `/api/v1/training/trainees?status=${status}`, undefined, { purpose: TRAINING_PURPOSE }).then(setList, (e: Error) => setError(e.message));
    api<StaffOption[]>('GET', '/api/v1/certifications/staff').then(setStaff, () => setStaff([]));
  }, [status]);
  useEffect(load, [load]);

  const open = (id: number | null) => {
    setOpenId(id);
    history.replaceState(null, '', id ? `#/supervisor/training?trainee=${id}` : '#/supervisor/training');
  };

  if (openId) return <TraineePage id={openId} staff={staff} onBack={() => { open(null); load(); }} />;
  return (
    <div className="training">
      <section className="panel" aria-labelledby="trainees-h">
        <h2 id="trainees-h">Trainees {list && <span className="muted">({list.length})</span>}</h2>
        <div className="training-toolbar">
          <label htmlFor="trainee-status">Show</label>
          <select id="trainee-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="in-training">In training</option>
            <option value="released">Released</option>
            <option value="withdrawn">Withdrawn</option>
            <option value="all">All</option>
          </select>
          <button type="button" onClick={() => setEnrolling((v) => !v)} aria-expanded={enrolling}>Enrol a trainee</button>
          <a className="button-link" href={`/api/v1/training/report?format=csv&status=all&purpose=${encodeURIComponent(TRAINING_PURPOSE)}`} download>Progress report (CSV)</a>
        </div>
        {enrolling && <EnrolForm staff={staff} onDone={(id) => { setEnrolling(false); if (id) open(id); else load(); }} />}
        {error ? <p role="alert" className="error">Could not load trainees: {error} <button type="button" className="link" onClick={load}>Try again</button></p>
          : !list ? <p className="muted">Loading trainees…</p>
          : list.length === 0 ? <p className="muted">No trainees {status === 'all' ? '' : status === 'in-training' ? 'in training' : status}. Enrol a new hire to start their program.</p>
          : (
            <table className="trainees">
              <thead><tr><th scope="col">Trainee</th><th scope="col">Hired</th><th scope="col">CTO</th><th scope="col">Progress</th><th scope="col">Expected release</th><th scope="col">DOR average</th><th scope="col">Flags</th></tr></thead>
              <tbody>
                {list.map((t) => (
                  <tr key={t.id} className={t.progress.behind ? 'behind' : ''}>
                    <td><button type="button" className="link" onClick={() => open(t.id)}>{t.name}</button> {t.employeeNo && <span className="muted mono">{t.employeeNo}</span>}</td>
                    <td>{t.hiredOn}</td>
                    <td>{t.cto?.name ?? <span className="badge warn">none</span>}</td>
                    <td><ProgressCell t={t} /></td>
                    <td className="small">{t.progress.expectedCompletion.earliest} – {t.progress.expectedCompletion.latest}</td>
                    <td>{t.dorAverages.overall ?? '–'} <span className="muted small">({t.dorAverages.count} DOR{t.dorAverages.count === 1 ? '' : 's'})</span></td>
                    <td>{t.progress.behind ? <span className="badge danger">Behind</span> : <span className="badge ok">On track</span>}{t.progress.flags.map((f) => <div key={f} className="small">{f}</div>)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
      </section>
    </div>
  );
}

registerSupervisorTab({ id: 'training', label: 'Training', order: 40, component: TrainingTab });
