import { useMemo } from 'react';
import type { Unit } from '@openpsap/contract';
import { formatElapsed, useNow } from '../shared/time';

/**
 * Every unit by agency and home zone (the police district of its station), coloured by status,
 * with time in status. Selecting a unit makes it the target of unit actions (os, er, av...).
 */
const UNIT_ACTIONS: [string, string][] = [['er', 'En route (F7)'], ['os', 'On scene (F8)'], ['tr', 'Transporting'], ['ah', 'At hospital'], ['av', 'Available (F10)'], ['oos', 'Out of service']];

export function UnitBoard({ units, selectedUnitId, onSelect, runAction }: { units: Map<number, Unit>; selectedUnitId: number | null; onSelect: (id: number) => void; runAction: (verb: string, args: string) => void }) {
  const selected = selectedUnitId !== null ? units.get(selectedUnitId) : undefined;
  const now = useNow();
  const groups = useMemo(() => {
    const byAgency = new Map<string, Map<string, Unit[]>>();
    for (const u of units.values()) {
      const zone = u.homeZone ?? u.homeStationCode ?? '—';
      const a = byAgency.get(u.agencyCode) ?? new Map<string, Unit[]>();
      a.set(zone, [...(a.get(zone) ?? []), u]);
      byAgency.set(u.agencyCode, a);
    }
    const sortSign = (x: Unit, y: Unit) => x.callSign.localeCompare(y.callSign, undefined, { numeric: true });
    return [...byAgency.entries()].sort().map(([agency, zones]) => ({
      agency,
      zones: [...zones.entries()].sort((a, b) => a[0].localeCompare(b[0], undefined, { numeric: true })).map(([zone, list]) => ({ zone, units: list.sort(sortSign) })),
      available: [...zones.values()].flat().filter((u) => u.primaryStatus === 'Available').length,
      total: [...zones.values()].flat().length,
    }));
  }, [units]);
  return (
    <section className="panel board" aria-labelledby="board-h">
      <h2 id="board-h">Units</h2>
      {selected && (
        <div className="unit-bar" role="toolbar" aria-label={`Actions for ${selected.callSign}`}>
          <span className="mono"><strong>{selected.callSign}</strong> {selected.status}</span>
          {UNIT_ACTIONS.map(([verb, label]) => (
            <button key={verb} type="button" className="secondary small-btn" onClick={() => runAction(verb, selected.callSign)}>{label}</button>
          ))}
        </div>
      )}
      {groups.map((g) => (
        <div key={g.agency} className="agency">
          <h3>{g.agency} <small className="muted">{g.available}/{g.total} available</small></h3>
          <div className="zones">
            {g.zones.map((z) => (
              <div key={z.zone} className="zone">
                <span className="zone-name mono">{z.zone}</span>
                {z.units.map((u) => (
                  <button type="button" key={u.id} className={`unit s-${u.status} ${u.id === selectedUnitId ? 'selected' : ''}`} onClick={() => onSelect(u.id)} title={`${u.callSign} ${u.status} for ${formatElapsed(now - Date.parse(u.statusChangedAt))}${u.capabilities.length ? ` · ${u.capabilities.join(' ')}` : ''}`}>
                    <span className="mono">{u.callSign}</span>
                    <small>{u.status === 'InService' ? 'AV' : shortStatus(u.status)} {formatElapsed(now - Date.parse(u.statusChangedAt))}</small>
                  </button>
                ))}
              </div>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}

/** The two- or three-letter status codes a dispatcher reads at a glance. */
export function shortStatus(s: string): string {
  return ({ Dispatched: 'DSP', AcknowledgedTransmission: 'ACK', EnRoute: 'ER', OnScene: 'OS', PatientContact: 'PT', Transporting: 'TR', Hospital: 'AH', Cleared: 'AV', OutofService: 'OOS', Staging: 'STG', Delayed: 'DLY', Meal: 'MEAL', Break: 'BRK', Training: 'TRN' } as Record<string, string>)[s] ?? s.slice(0, 4).toUpperCase();
}
