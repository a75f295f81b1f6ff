import { useMemo } from 'react';
import type { IncidentSummary } from '@openpsap/contract';
import { formatElapsed, useNow } from '../shared/time';

/** Incidents with units working them, most urgent first, with how long each has run. */
export function ActiveIncidents({ incidents, selectedId, onSelect }: { incidents: Map<number, IncidentSummary>; selectedId: number | null; onSelect: (id: number) => void }) {
  const now = useNow();
  const rows = useMemo(() => [...incidents.values()].filter((i) => i.status !== 'Pending' && i.status !== 'Closed').sort((a, b) => a.priority - b.priority || Date.parse(a.createdAt) - Date.parse(b.createdAt)), [incidents]);
  return (
    <section className="panel active" aria-labelledby="active-h">
      <h2 id="active-h">Active ({rows.length})</h2>
      {rows.length === 0 ? (
        <p className="muted">No active incidents.</p>
      ) : (
        <ul className="rows" aria-label="Active incidents">
          {rows.map((i) => (
            <li key={i.id} className={`row p${i.priority} ${i.id === selectedId ? 'selected' : ''}`}>
              <button type="button" className="rowbtn" onClick={() => onSelect(i.id)} aria-label={`${i.number} ${i.typeName}`}>
                <span className="pri">P{i.priority}</span>
                <span className="mono">{i.agencyCode} {i.number}</span>
                <span className="grow">{i.typeName} · {i.location.text ?? ''}</span>
                <span className={`st st-${i.status}`}>{i.status}</span>
                <span className="units">{i.units.map((u) => <span key={u.unitId} className={`chip s-${u.status}`}>{u.callSign}</span>)}</span>
                <span className="mono age">{formatElapsed(now - Date.parse(i.createdAt))}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
