import { useCallback, useEffect, useState } from 'react';
import type { CameraDetail, SessionUser } from '@openpsap/contract';
import { ConsentBadge } from './ConsentBadge';
import { CityCameraEdit } from './CityCameraEdit';
import { FootageRequestForm } from './FootageRequestForm';
import { FootageRequestList } from './FootageRequestList';
import { loadCamera } from './cameras-api';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const ACTIONS: Record<string, string> = { 'view-start': 'live view started', 'view-stop': 'live view ended', 'view-denied': 'live view refused', 'footage-request': 'footage request', 'footage-received': 'footage received', share: 'shared' };
// Footage steps and looks at a recording the owner sent, as the access log records them.
const STEPS: Record<string, string> = {
  requested: 'footage requested',
  approved: 'owner approved the footage request',
  declined: 'owner declined the footage request',
  uploaded: 'footage received',
  expired: 'footage request expired',
  cancelled: 'footage request withdrawn',
  'footage-viewed': 'recording viewed',
  'footage-downloaded': 'recording downloaded',
  'footage-shared': 'recording shared by link',
  'footage-share-used': 'recording share link used',
  'live-shared': 'live view shared by link',
  'live-share-revoked': 'live view link revoked',
};

/** One camera for an analyst: placement, owner contact, every consent, the access log and footage requests. */
export function CameraDetailPanel({ id, user, purpose, incidentId, onChanged }: { id: number; user: SessionUser; purpose: string; incidentId: number | null; onChanged: () => void }) {
  const [d, setD] = useState<CameraDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const reload = useCallback(() => {
    loadCamera(id, purpose).then(setD, (e: Error) => setProblem(e.message));
  }, [id, purpose]);
  useEffect(reload, [reload]);
  if (problem) return <p className="panel field-error" role="alert">{problem}</p>;
  if (!d) return <p className="panel">Loading…</p>;
  const c = d.camera;
  const changed = () => {
    reload();
    onChanged();
  };
  const canAsk = user.role === 'rtcc-analyst' && c.ownerKind !== 'city' && (c.consent === 'footage' || c.consent === 'live');
  return (
    <section className="panel camera-detail" aria-labelledby="camera-detail-title">
      <h2 id="camera-detail-title">{c.name}</h2>
      <p><ConsentBadge c={c} /> {c.consentState === 'revoked' && c.consentRevokedAt ? <span className="small">revoked {when(c.consentRevokedAt)}</span> : null}</p>
      <dl className="camera-facts">
        <dt>Owner</dt><dd>{c.ownerKind}</dd>
        <dt>Where</dt><dd>{c.address ?? ''} ({c.lat.toFixed(5)}, {c.lon.toFixed(5)})</dd>
        <dt>Looks</dt><dd>{c.directionDeg === null ? 'direction unknown' : `toward ${Math.round(c.directionDeg)}°`}, {c.fovDeg === null ? 'field of view unknown' : `${Math.round(c.fovDeg)}° wide`}, {Math.round(c.rangeM)} m</dd>
        <dt>Kind</dt><dd>{c.kind === 'ptz' ? 'pan-tilt-zoom' : 'fixed'}</dd>
        <dt>Stream</dt><dd>{c.hasStream && c.streamKind ? `${c.streamKind.toUpperCase()} configured` : 'none'}</dd>
        <dt>Status</dt><dd>{c.status} · health {c.health}{c.healthCheckedAt ? ` (checked ${when(c.healthCheckedAt)})` : ''}</dd>
        {c.installedOn && (<><dt>Installed</dt><dd>{c.installedOn}</dd></>)}
        {c.tags.length > 0 && (<><dt>Tags</dt><dd>{c.tags.join(', ')}</dd></>)}
        <dt>Source</dt><dd>{c.source}</dd>
      </dl>
      {d.owner && (
        <>
          <h3>Owner contact</h3>
          <p>{d.owner.name}{d.owner.organisation ? `, ${d.owner.organisation}` : ''} · <a href={`mailto:${d.owner.email}`}>{d.owner.email}</a>{d.owner.phone ? ` · ${d.owner.phone}` : ''}</p>
        </>
      )}
      {c.ownerKind !== 'city' && (
        <>
          <h3 id="camera-consents-title">Consents</h3>
          {d.consents.length === 0 ? (
            <p className="muted">The owner has not signed a consent.</p>
          ) : (
            <table className="camera-table" aria-labelledby="camera-consents-title">
              <thead><tr><th scope="col">Level</th><th scope="col">State</th><th scope="col">Signed</th><th scope="col">Expires</th><th scope="col">Terms</th></tr></thead>
              <tbody>
                {d.consents.map((k) => (
                  <tr key={k.id}>
                    <td>{k.level}</td>
                    <td>{k.state}{k.revokedAt ? ` ${when(k.revokedAt)}` : ''}</td>
                    <td>{k.signedDate}, {k.signedName}{k.signedTitle ? ` (${k.signedTitle})` : ''}</td>
                    <td>{k.expiresAt ? when(k.expiresAt) : 'no end date'}</td>
                    <td>{k.termsVersion}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {user.role === 'rtcc-analyst' && c.ownerKind === 'city' && <CityCameraEdit camera={c} onSaved={changed} />}
      {canAsk && <FootageRequestForm cameraId={c.id} incidentId={incidentId} onAsked={changed} />}
      {!canAsk && c.ownerKind !== 'city' && user.role === 'rtcc-analyst' && (
        <p className="muted small camera-why-not">{c.consent === 'registry' ? 'The owner agreed to be contacted only: footage cannot be requested here. Call or e-mail them.' : 'No current consent: footage cannot be requested until the owner signs one.'}</p>
      )}
      {c.ownerKind !== 'city' && <FootageRequestList requests={d.footageRequests} canCancel={user.role === 'rtcc-analyst'} onChanged={changed} title="Footage requests for this camera" empty="No footage has been asked of this camera." />}
      <h3 id="camera-access-title">Access log</h3>
      {d.access.length === 0 ? (
        <p className="muted">No use recorded.</p>
      ) : (
        <table className="camera-table" aria-labelledby="camera-access-title">
          <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Who</th><th scope="col">Reason</th></tr></thead>
          <tbody>
            {d.access.map((a) => (
              <tr key={a.id}>
                <td>{when(a.at)}</td>
                <td>{(a.step && STEPS[a.step]) || ACTIONS[a.action] || a.action}</td>
                <td>{a.actor}</td>
                <td>{a.reason ?? ''}{a.incidentNumber ? ` (incident ${a.incidentNumber})` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
