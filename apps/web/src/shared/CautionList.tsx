import type { Caution } from '@openpsap/contract';

/**
 * Cautions at a location, as every screen shows them: the summary line, the detail the viewer's
 * role gets, a photo of the person for roles that will meet them, and an expired entry flagged
 * for re-confirmation rather than hidden. `purpose` goes with the photo request to the audit log.
 */
export function CautionList({ cautions, purpose, compact = false }: { cautions: Caution[]; purpose: string; compact?: boolean }) {
  if (!cautions.length) return null;
  return (
    <div className="cautions" role="alert" aria-label="Cautions at this address">
      {cautions.map((c) => (
        <div key={c.id} className={`caution k-${c.kind} ${c.expired ? 'expired' : ''}`}>
          {c.photoUrl && <img className="caution-photo" src={`${c.photoUrl}?purpose=${encodeURIComponent(purpose)}`} alt="Photo of the person in this caution" />}
          <div>
            <strong>⚠ {c.summary}</strong>{' '}
            {!compact && (
              <span className="muted small">
                {c.kind}
                {c.distanceM > 5 ? ` · ${c.distanceM} m away` : ''}
              </span>
            )}
            {c.expired && <span className="small"> · past its yearly confirmation: verify with the caller</span>}
            {c.details && <div className="small caution-details">{c.details}</div>}
          </div>
        </div>
      ))}
    </div>
  );
}
