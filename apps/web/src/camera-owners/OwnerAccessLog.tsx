import type { CameraAccessEntry } from '@openpsap/contract';
import type { Lang } from '../public/i18n';
import { ownerWords, whenText } from './owner-words';

/** Every use of the owner's cameras, newest first: views, refusals and each step of footage requests. */
export function OwnerAccessLog({ entries, lang }: { entries: CameraAccessEntry[]; lang: Lang }) {
  const w = ownerWords(lang);
  return (
    <section className="owner-card" aria-labelledby="owner-access-title">
      <h2 id="owner-access-title">{w.accessTitle}</h2>
      {entries.length === 0 ? (
        <p className="muted">{w.accessEmpty}</p>
      ) : (
        <ul className="owner-list owner-access">
          {entries.map((a) => (
            <li key={a.id}>
              <strong>{w.actions[a.action] ?? a.action}{a.step && a.action === 'footage-request' ? `: ${w.footageStates[a.step as keyof typeof w.footageStates] ?? a.step}` : ''}</strong>
              <span className="muted"> · {whenText(a.at, lang)} · {a.cameraName} · {a.actor}</span>
              {(a.reason || a.incidentNumber) && (
                <div className="small">
                  {a.reason}
                  {a.incidentNumber ? ` (${w.incident(a.incidentNumber)})` : ''}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
