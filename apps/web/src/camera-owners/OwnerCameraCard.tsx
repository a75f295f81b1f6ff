import { useState } from 'react';
import type { OwnerCamera } from '@openpsap/contract';
import type { Lang } from '../public/i18n';
import { ConsentForm } from './ConsentForm';
import { removeCamera, revokeConsent } from './owner-api';
import { dateText, dayText, ownerWords, type OwnerNotice } from './owner-words';

/** One of the owner's cameras: what it shares now, signing or revoking, and its consent history. */
export function OwnerCameraCard({ camera, lang, onChanged, onNotice }: { camera: OwnerCamera; lang: Lang; onChanged: () => void; onNotice: (what: OwnerNotice) => void }) {
  const w = ownerWords(lang);
  const [confirm, setConfirm] = useState<'revoke' | 'remove' | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // Closed again once signed, so the card shows the new consent rather than an empty form.
  const [signing, setSigning] = useState(false);
  const c = camera.consent;
  const headingId = `owner-camera-${camera.id}`;

  async function act(what: 'revoke' | 'remove') {
    setBusy(true);
    setProblem(null);
    try {
      if (what === 'revoke' && c) await revokeConsent(c.id);
      else await removeCamera(camera.id);
      setConfirm(null);
      onNotice(what === 'revoke' ? 'revoked' : 'removed');
      onChanged();
    } catch (e) {
      setProblem((e as Error).message || w.network);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="owner-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{camera.name}</h3>
      <p className="muted">{camera.address ?? `${camera.lat.toFixed(5)}, ${camera.lon.toFixed(5)}`} · {camera.kind === 'ptz' ? w.ptz : w.fixed} · {camera.hasStream && camera.streamKind ? w.streamOnFile(camera.streamKind) : w.noStream}</p>
      <div className={`owner-consent ${c ? `level-${c.level}` : 'none'}`}>
        <strong>{w.consentNow}:</strong>{' '}
        {c ? (
          <span>
            {w.levels[c.level][0]}
            {c.expiresAt ? ` (${w.until(dateText(new Date(new Date(c.expiresAt).getTime() - 1).toISOString(), lang))})` : ''}
            <span className="small muted owner-signed-line">{w.signedOn(dayText(c.signedDate, lang), c.signedName)}</span>
          </span>
        ) : (
          <span>{w.noConsent}</span>
        )}
      </div>
      {c && confirm !== 'revoke' && <button type="button" className="danger" onClick={() => setConfirm('revoke')}>{w.revoke}</button>}
      {c && confirm === 'revoke' && (
        <div className="owner-confirm" role="group" aria-label={w.revoke}>
          <p>{w.revokeConfirm}</p>
          <button type="button" className="danger" disabled={busy} onClick={() => void act('revoke')}>{w.revoke}</button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirm(null)}>{w.cancel}</button>
        </div>
      )}
      {problem && <p className="field-error" role="alert">{problem}</p>}
      <details open={signing} onToggle={(e) => setSigning(e.currentTarget.open)}>
        <summary className="owner-action">{c ? w.changeTitle : w.signTitle}</summary>
        {signing && <ConsentForm camera={camera} lang={lang} onSigned={() => {
          setSigning(false);
          onNotice('signed');
          onChanged();
        }} />}
      </details>
      {camera.consents.length > 0 && (
        <details>
          <summary className="owner-disclosure">{w.history} ({camera.consents.length})</summary>
          <ul className="owner-history">
            {camera.consents.map((h) => (
              <li key={h.id}>
                {w.levels[h.level][0]} — {w.states[h.state]} — {w.signedOn(dayText(h.signedDate, lang), h.signedName)}
                {h.revokedAt ? ` · ${dateText(h.revokedAt, lang)}` : ''}
                <details>
                  <summary>{w.termsVersion(h.termsVersion)}</summary>
                  <div className="consent-text owner-terms">{h.termsText}</div>
                </details>
              </li>
            ))}
          </ul>
        </details>
      )}
      {confirm !== 'remove' ? (
        <button type="button" className="secondary" onClick={() => setConfirm('remove')}>{w.remove}</button>
      ) : (
        <div className="owner-confirm" role="group" aria-label={w.remove}>
          <p>{w.removeConfirm}</p>
          <button type="button" className="danger" disabled={busy} onClick={() => void act('remove')}>{w.remove}</button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirm(null)}>{w.cancel}</button>
        </div>
      )}
    </section>
  );
}
