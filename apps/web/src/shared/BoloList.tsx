import type { Bolo } from '@openpsap/contract';

/** Active BOLOs, newest first, with the photo when there is one (its view is audited with the BOLO as purpose). */
export function BoloList({ bolos }: { bolos: Bolo[] }) {
  if (!bolos.length) return null;
  return (
    <section className="panel" aria-labelledby="bolo-h">
      <h2 id="bolo-h">BOLO ({bolos.length})</h2>
      <ul className="bolo-list">
        {bolos.map((b) => (
          <li key={b.id}>
            {b.photoUrl && <img src={`${b.photoUrl}?purpose=${encodeURIComponent(`BOLO ${b.id}`)}`} alt="" />}
            <div className="small">
              <strong>{b.title}</strong>
              <div>{b.body}</div>
              <div className="muted">{new Date(b.issuedAt).toLocaleTimeString()} · {b.issuedBy}</div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
