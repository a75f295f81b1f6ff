import type { Bolo } from '@openpsap/contract';
import { useNow } from './time';
import { boloPhotoSrc, personLine, timeLeft, vehicleLine } from './bolo-text';
import './bolo-list.css';

/** Make, model and heading, unless the title already says the make and model. */
export function VehicleLine({ bolo, vehicle: v }: { bolo: Bolo; vehicle: NonNullable<Bolo['vehicle']> }) {
  const what = vehicleLine(v);
  const said = what !== '' && bolo.title.includes(what);
  const parts = [said ? '' : what, v.direction ? `heading ${v.direction}` : ''].filter(Boolean);
  return parts.length ? <div className="small">{parts.join(' · ')}</div> : null;
}

/** One BOLO as a unit reads it: caution first, the plate large, then who or what, and how long it stands. */
export function BoloItem({ bolo: b, now }: { bolo: Bolo; now: number }) {
  const src = boloPhotoSrc(b);
  return (
    <li className={`bolo-item subject-${b.subject}`}>
      {src && <img src={src} alt={`Photo for BOLO: ${b.title}`} />}
      <div className="small bolo-text">
        {b.caution && <div className="bolo-caution" role="note">⚠ {b.caution}</div>}
        {b.vehicle?.plate && (
          <div className="bolo-plate" aria-label={`Plate ${b.vehicle.plate}${b.vehicle.plateState ? `, ${b.vehicle.plateState}` : ''}`}>
            <span className="mono">{b.vehicle.plate}</span>
            {b.vehicle.plateState && <span className="bolo-plate-state">{b.vehicle.plateState}</span>}
          </div>
        )}
        <strong>{b.title}</strong>
        {b.vehicle && <VehicleLine bolo={b} vehicle={b.vehicle} />}
        {b.person && (personLine(b.person) || b.person.clothing) && (
          <div>{personLine(b.person)}{b.person.clothing ? `${personLine(b.person) ? ' · ' : ''}wearing ${b.person.clothing}` : ''}</div>
        )}
        {b.description && <div>{b.description}</div>}
        {b.body && <div>{b.body}</div>}
        <div className="muted">
          <span className="bolo-left">{timeLeft(b, now)}</span> · {new Date(b.issuedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false })} · {b.issuedBy}
          {b.incidentLabel && <> · incident <span className="mono">{b.incidentLabel}</span></>}
          {b.alertId !== null && <> · public alert #{b.alertId}</>}
        </div>
      </div>
    </li>
  );
}

/** Active BOLOs, newest first, with the photo when there is one (its view is audited with the BOLO as purpose). */
export function BoloList({ bolos }: { bolos: Bolo[] }) {
  const now = useNow(30_000);
  if (!bolos.length) return null;
  return (
    <section className="panel" aria-labelledby="bolo-h">
      <h2 id="bolo-h">BOLO ({bolos.length})</h2>
      <ul className="bolo-list">
        {bolos.map((b) => <BoloItem key={b.id} bolo={b} now={now} />)}
      </ul>
    </section>
  );
}
