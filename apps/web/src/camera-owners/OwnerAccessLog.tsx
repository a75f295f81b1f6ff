import type { CameraAccessEntry } from '@openpsap/contract';
import type { Lang } from '../public/i18n';
import { ownerWords, whenText } from './owner-words';

// The owner's own answers are recorded under this label by the server.
const OWNER_ACTOR = 'camera owner';

/** Every use of the owner's cameras, newest first: views, refusals, each step of footage requests and every look at a recording they sent. */
export function OwnerAccessLog({ entries, lang }: { entries: CameraAccessEntry[]; lang: Lang }) {
  const w = ownerWords(lang);
  const title = (a: CameraAccessEntry) => (a.step && w.logSteps[a.step]) || w.actions[a.action] || a.action;
  return (
    <section className="owner-card" aria-labelledby="owner-access-title">
      <h2 id="owner-access-title">{w.accessTitle}</h2>
      {entries.length === 0 ? (
        <p className="muted">{w.accessEmpty}</p>
      ) : (
        <>
          <p className="muted small">{w.accessOrder}</p>
          <ul className="owner-list owner-access">
            {entries.map((a) => (
              <li key={a.id} className={`access-${a.action}`}>
                <strong>{title(a)}</strong>
                <div className="muted small">{whenText(a.at, lang)} · {a.cameraName} · {a.actor === OWNER_ACTOR ? w.you : a.actor}</div>
                {(a.reason || a.incidentNumber) && (
                  <div className="small">
                    {a.reason}
                    {a.incidentNumber ? ` (${w.incident(a.incidentNumber)})` : ''}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
