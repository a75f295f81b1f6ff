import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { fieldError, TRAINING_PURPOSE, type StaffOption, type TraineeDetail } from './training-api';
import { DorForm } from './training-dor-form';

type Phase = TraineeDetail['phases'][number];

function PhaseCard({ t, phase, onChanged }: { t: TraineeDetail; phase: Phase; onChanged: () => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = phase.checklist.filter((i) => !i.signedOn).length;
  const act = async (key: string, path: string, body: unknown) => {
    setBusy(key);
    setError(null);
    try {
      await api('POST', `/api/v1/training/trainees/${t.id}/${path}`, body);
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const headingId = `phase-${phase.key}-h`;
  return (
    <section className={`panel phase phase-${phase.state}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {phase.name}{' '}
        {phase.state === 'signed-off' ? <span className="badge ok">Signed off {phase.signoff?.signedOn}</span> : phase.state === 'current' ? <span className="badge warn">Current · {open} open</span> : <span className="badge">Not started</span>}
      </h3>
      <p className="muted small">Planned {phase.minDays}–{phase.maxDays} days{phase.signoff && <> · signed by CTO {phase.signoff.ctoName} and supervisor {phase.signoff.supervisorName}</>}</p>
      <ul className="checklist">
        {phase.checklist.map((item) => (
          <li key={item.key}>
            {item.signedOn ? <span className="badge ok" aria-hidden="true">✓</span> : <span className="badge" aria-hidden="true">○</span>}{' '}
            {item.label}
            {item.signedOn ? <span className="muted small"> · {item.ctoName}, {item.signedOn}</span> : phase.state === 'current' && (
              <button type="button" className="secondary small-btn" disabled={busy !== null} onClick={() => act(item.key, 'checklist', { phaseKey: phase.key, itemKey: item.key })} aria-label={`Sign off: ${item.label}`}>
                {busy === item.key ? 'Signing…' : 'Sign off'}
              </button>
            )}
          </li>
        ))}
      </ul>
      {phase.state === 'current' && (
        <button type="button" disabled={busy !== null} onClick={() => act('phase', 'phase-signoff', { phaseKey: phase.key })}>
          {busy === 'phase' ? 'Signing…' : `Sign off ${phase.name.replace(/^Phase \d+: /, '')} (CTO ${t.cto?.name ?? 'not assigned'} and you)`}
        </button>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}

function CtoPicker({ t, staff, onChanged }: { t: TraineeDetail; staff: StaffOption[]; onChanged: () => void }) {
  const [err, setErr] = useState<unknown>(null);
  const options = staff.filter((s) => s.organisation === 'centre' && !s.left && s.id !== t.staffMemberId);
  return (
    <div className="cto-picker">
      <label htmlFor="cto-select">CTO</label>
      <select id="cto-select" value={t.cto?.id ?? ''} disabled={t.status !== 'in-training'} onChange={async (e) => {
        setErr(null);
        try {
          await api('PATCH', `/api/v1/training/trainees/${t.id}`, { ctoStaffId: e.target.value ? Number(e.target.value) : null });
          onChanged();
        } catch (x) {
          setErr(x);
        }
      }}>
        <option value="">None assigned</option>
        {options.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </select>
      {fieldError(err, 'ctoStaffId') && <p className="error small">{fieldError(err, 'ctoStaffId')}</p>}
    </div>
  );
}

/** One trainee: progress, phases with checklists and sign-offs, DORs and the sign-off trail. */
export function TraineePage({ id, staff, onBack }: { id: number; staff: StaffOption[]; onBack: () => void }) {
  const [t, setT] = useState<TraineeDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api<TraineeDetail>('GET', `/api/v1/training/trainees/${id}`, undefined, { purpose: TRAINING_PURPOSE }).then((d) => (setT(d), setError(null)), (e: Error) => setError(e.message));
  }, [id]);
  useEffect(load, [load]);
  if (error) return <div className="training"><button type="button" className="link back-link" onClick={onBack}>← All trainees</button><p role="alert" className="panel error">Could not load the trainee: {error}</p></div>;
  if (!t) return <p className="panel muted">Loading trainee…</p>;
  const p = t.progress;
  return (
    <div className="training trainee-page">
      <button type="button" className="link back-link" onClick={onBack}>← All trainees</button>
      <section className="panel" aria-labelledby="trainee-h">
        <h2 id="trainee-h">{t.name} {t.employeeNo && <span className="mono">{t.employeeNo}</span>}</h2>
        <div className="trainee-facts">
          <div><span className="muted">Hired</span> {t.hiredOn}</div>
          <div><span className="muted">Program</span> {t.programName}</div>
          <div>
            <span className="muted">Stage</span>{' '}
            {p.status === 'in-training' ? <>{p.phaseName} · day {p.daysInPhase} (due by {p.phaseDueBy})</> : p.status === 'released' ? <span className="badge ok">Released {t.completedOn}</span> : <span className="badge">Withdrawn</span>}
          </div>
          <div><span className="muted">Expected release</span> {p.expectedCompletion.earliest} – {p.expectedCompletion.latest}</div>
          <div>{p.behind ? <span className="badge danger">Behind</span> : <span className="badge ok">On track</span>} {p.flags.join('; ')}</div>
          <CtoPicker t={t} staff={staff} onChanged={load} />
        </div>
      </section>
      <div className="trainee-columns">
        <div className="phases">
          {t.phases.map((ph) => <PhaseCard key={ph.key} t={t} phase={ph} onChanged={load} />)}
        </div>
        <div className="dors">
          {t.status === 'in-training' && <DorForm t={t} onSaved={load} />}
          <section className="panel" aria-labelledby="dors-h">
            <h2 id="dors-h">Daily observation reports ({t.dors.length})</h2>
            {t.dorAverages.count > 0 && (
              <p className="small">Averages: overall <strong>{t.dorAverages.overall}</strong> · {t.categories.map((c) => `${c.label} ${t.dorAverages.byCategory[c.key] ?? '–'}`).join(' · ')}</p>
            )}
            {t.dors.length === 0 ? <p className="muted">No DORs yet.</p> : (
              <ul className="dor-list">
                {t.dors.map((d) => (
                  <li key={d.id}>
                    <strong>{d.observedOn}</strong> · {t.phases.find((x) => x.key === d.phaseKey)?.name ?? d.phaseKey} · CTO {d.ctoName}{' '}
                    {d.acknowledgedAt ? <span className="badge ok">Acknowledged</span> : <span className="badge warn">Awaiting trainee</span>}
                    <div className="small">{t.categories.filter((c) => d.ratings[c.key] !== undefined).map((c) => `${c.label} ${d.ratings[c.key]}`).join(' · ')}</div>
                    <p className="dor-narrative">{d.narrative}</p>
                    {d.traineeComment && <p className="small muted">Trainee: {d.traineeComment}</p>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="trail-h">
            <h2 id="trail-h">Sign-off trail</h2>
            {t.trail.length === 0 ? <p className="muted">Nothing signed yet.</p> : (
              <table>
                <thead><tr><th scope="col">Recorded</th><th scope="col">What</th><th scope="col">Signed on</th><th scope="col">By</th></tr></thead>
                <tbody>
                  {t.trail.map((s, i) => (
                    <tr key={i}>
                      <td className="small">{new Date(s.at).toLocaleString([], { hour12: false })}</td>
                      <td>{s.kind === 'phase' ? <strong>Signed off: {t.phases.find((x) => x.key === s.phaseKey)?.name ?? s.phaseKey}</strong> : t.phases.find((x) => x.key === s.phaseKey)?.checklist.find((c) => c.key === s.itemKey)?.label ?? s.itemKey}</td>
                      <td>{s.signedOn}</td>
                      <td className="small">CTO {s.ctoName}{s.supervisorName ? `, supervisor ${s.supervisorName}` : s.recordedByName ? ` (entered by ${s.recordedByName})` : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
