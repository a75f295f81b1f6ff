import { useEffect, useId, useState } from 'react';
import { POSITION_LABELS, ROSTER_POSITIONS, type RosterPosition } from '@openpsap/contract';
import { scheduleApi } from './schedule-api';

/** The position this sign-in works from, for the supervisor's live staffing; kept with the session on the server. */
export function SchedulePositionPicker() {
  const id = useId();
  const [position, setPosition] = useState<RosterPosition | '' | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // Roles that do not work a floor position get a 403 here and see no picker.
    scheduleApi.myPosition().then((r) => setPosition(r.position ?? ''), () => setPosition(null));
  }, []);
  if (position === null) return null;
  return (
    <span className="schedule-position-picker">
      <label htmlFor={id}>Position</label>
      <select
        id={id}
        value={position}
        aria-invalid={error ? true : undefined}
        title={error ?? undefined}
        onChange={(e) => {
          const next = (e.target.value || null) as RosterPosition | null;
          setPosition(next ?? '');
          scheduleApi.setMyPosition(next).then(() => setError(null), (err: Error) => setError(err.message));
        }}
      >
        <option value="">Not chosen</option>
        {ROSTER_POSITIONS.map((p) => <option key={p} value={p}>{POSITION_LABELS[p]}</option>)}
      </select>
      {error && <span role="alert" className="error small">{error}</span>}
    </span>
  );
}
