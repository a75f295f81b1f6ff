import type { MissingPersonProfile } from '@openpsap/contract';

/** A Help Me Home profile on a missing-person incident: face first, then what helps find and calm them. */
export function MissingPersonCard({ profile: m, purpose }: { profile: MissingPersonProfile; purpose: string }) {
  return (
    <section className={`missing-profile ${m.found ? 'found' : ''}`} aria-label={`Missing person ${m.name}`}>
      {m.photoUrl && <img src={`${m.photoUrl}?purpose=${encodeURIComponent(purpose)}`} alt={`Photo of ${m.name}`} />}
      <div className="small">
        <strong>{m.found ? 'FOUND: ' : 'MISSING: '}{m.name}</strong>
        <div>{m.description}</div>
        {m.clothing && <div>Wearing: {m.clothing}</div>}
        {m.behaviours && <div>Behaviour: {m.behaviours}</div>}
        {m.calming && <div>Calming: {m.calming}</div>}
        {m.communication && <div>Communication: {m.communication}</div>}
        {m.medicalNotes && <div>Medical: {m.medicalNotes}</div>}
        {m.destinations.length > 0 && <div>Likely destinations: {m.destinations.map((d) => `${d.label} (${d.address})`).join('; ')}</div>}
        {m.trackingDevice && <div>Tracking: {m.trackingDevice}</div>}
        <div>Caregivers: {m.caregivers}</div>
      </div>
    </section>
  );
}
