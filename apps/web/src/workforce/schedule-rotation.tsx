import { useEffect, useId, useState, type FormEvent } from 'react';
import { POSITION_LABELS, ROSTER_POSITIONS, TEAM_CODES, type RosterPosition, type RosterTeam, type StaffMember } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { scheduleApi, todayLocal } from './schedule-api';

const PATTERN_TEXT: Record<string, string> = { pitman: 'Pitman 2-2-3 (14 days)', dupont: 'DuPont (28 days)', custom: 'Custom' };

/** Rotation of the four teams and who is on each: the schedule is computed from these. */
export function ScheduleRotation({ onChanged }: { onChanged: () => void }) {
  const [teams, setTeams] = useState<RosterTeam[] | null>(null);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [pattern, setPattern] = useState<'pitman' | 'dupont'>('pitman');
  const [start, setStart] = useState(() => `${todayLocal().slice(0, 8)}01`);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { pattern: useId(), start: useId() };
  const load = () => Promise.all([scheduleApi.teams().then(setTeams), scheduleApi.staff().then(setStaff)]).catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
  useEffect(() => void load(), []);

  const apply = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      setTeams(await scheduleApi.rotate(pattern, start));
      setMessage({ kind: 'ok', text: `Teams A-D are on ${PATTERN_TEXT[pattern]} from ${start}.` });
      onChanged();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? Object.values(err.fields)[0] ?? err.message : (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="rot-h">
      <h2 id="rot-h">Rotation and teams</h2>
      <form className="schedule-row" onSubmit={apply}>
        <label htmlFor={ids.pattern}>Pattern</label>
        <select id={ids.pattern} value={pattern} onChange={(e) => setPattern(e.target.value as 'pitman' | 'dupont')}>
          <option value="pitman">{PATTERN_TEXT.pitman}</option>
          <option value="dupont">{PATTERN_TEXT.dupont}</option>
        </select>
        <label htmlFor={ids.start}>Starting</label>
        <input id={ids.start} type="date" value={start} required onChange={(e) => setStart(e.target.value)} />
        <button type="submit" disabled={busy}>Apply to teams A-D</button>
      </form>
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'schedule-ok'}>{message.text}</p>}
      {!teams ? <p className="muted">Loading…</p> : (
        <div className="schedule-teams">
          {teams.map((t) => {
            const members = staff.filter((s) => s.team === t.code);
            return (
              <div key={t.code} className="schedule-team">
                <h3>Team {t.code} <span className="muted small">{t.pattern ? `${PATTERN_TEXT[t.pattern]} · ${t.sequence}` : 'no rotation'}</span></h3>
                {members.length === 0 ? <p className="muted small">No members.</p> : (
                  <ul>
                    {members.map((m) => (
                      <li key={m.id}>
                        {m.displayName} <span className="muted small">{m.position ? POSITION_LABELS[m.position] : ''}</span>{' '}
                        <a className="small" href={`/api/v1/rosters/members/${m.id}/calendar.ics`} download aria-label={`.ics calendar file for ${m.displayName}`}>.ics</a>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      )}
      <AddMember onAdded={() => { void load(); onChanged(); }} />
    </section>
  );
}

function AddMember({ onAdded }: { onAdded: () => void }) {
  const [name, setName] = useState('');
  const [team, setTeam] = useState<string>('A');
  const [position, setPosition] = useState<RosterPosition>('call-taker');
  const [hired, setHired] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const ids = { name: useId(), team: useId(), position: useId(), hired: useId() };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await scheduleApi.addStaff({ displayName: name, team, position, ...(hired ? { hiredOn: hired } : {}) });
      setName('');
      setErrors({});
      onAdded();
    } catch (err) {
      setErrors(err instanceof ApiError ? { ...err.fields, form: err.message } : { form: (err as Error).message });
    }
  };
  return (
    <form className="schedule-row" onSubmit={submit} aria-label="Add a team member">
      <label htmlFor={ids.name}>New member</label>
      <input id={ids.name} value={name} required maxLength={120} onChange={(e) => setName(e.target.value)} aria-invalid={errors.displayName ? true : undefined} />
      <label htmlFor={ids.team}>Team</label>
      <select id={ids.team} value={team} onChange={(e) => setTeam(e.target.value)}>{TEAM_CODES.map((t) => <option key={t}>{t}</option>)}</select>
      <label htmlFor={ids.position}>Position</label>
      <select id={ids.position} value={position} onChange={(e) => setPosition(e.target.value as RosterPosition)}>{ROSTER_POSITIONS.map((p) => <option key={p} value={p}>{POSITION_LABELS[p]}</option>)}</select>
      <label htmlFor={ids.hired}>Hired</label>
      <input id={ids.hired} type="date" value={hired} onChange={(e) => setHired(e.target.value)} />
      <button type="submit">Add</button>
      {errors.form && <span role="alert" className="error small">{errors.form}</span>}
    </form>
  );
}
