import { useCallback, useEffect, useState } from 'react';
import type { CameraShare } from '@openpsap/contract';
import { api } from '../api/client';

const REFRESH_MS = 5000;

function left(iso: string, now: number): string {
  const m = Math.max(0, Math.round((Date.parse(iso) - now) / 60_000));
  return m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min left` : `${m} min left`;
}

/**
 * The live-camera links of the selected incident (or of the last day): who has one, until when,
 * how often it was opened and how many watch now; a running link can be revoked at once.
 */
export function CameraSharesPanel({ incidentId, refreshKey }: { incidentId: number | null; refreshKey: number }) {
  const [shares, setShares] = useState<CameraShare[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setShares(await api<CameraShare[]>('GET', `/api/v1/camera-shares${incidentId ? `?incidentId=${incidentId}` : ''}`));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [incidentId]);

  useEffect(() => {
    void load();
    const t = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(t);
  }, [load, refreshKey]);

  const revoke = async (s: CameraShare) => {
    setRevoking(s.id);
    try {
      const r = await api<CameraShare>('POST', `/api/v1/camera-shares/${s.id}/revoke`);
      setShares((xs) => xs?.map((x) => (x.id === r.id ? r : x)) ?? null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRevoking(null);
    }
  };

  const now = Date.now();
  return (
    <section className="rtcc-shares" aria-labelledby="rtcc-shares-h">
      <h3 id="rtcc-shares-h">Shared camera links{incidentId ? ' for this incident' : ''}</h3>
      {error && <p className="error small" role="alert">Cannot load shared links: {error}</p>}
      {!shares ? <p className="muted small">Loading shared links…</p> : shares.length === 0 ? (
        <p className="muted small">No camera shared. Use Share on a live view to give another agency or a unit a link.</p>
      ) : (
        <ul aria-label="Shared camera links">
          {shares.map((s) => (
            <li key={s.id} data-state={s.state}>
              <div>
                <strong>{s.cameraName}</strong> → {s.recipient}
                <div className="small muted">
                  {s.incidentNumber} · {s.reason} · by {s.sharedBy}
                </div>
              </div>
              <span className={`badge ${s.state === 'active' ? 'ok' : 'danger'}`}>
                {s.state === 'active' ? left(s.expiresAt, now) : s.state === 'revoked' ? `revoked${s.revokedBy ? ` by ${s.revokedBy}` : ''}` : 'expired'}
              </span>
              <span className="small mono" title="Opened / watching now">{s.opens} opened · {s.watchingNow} watching</span>
              {s.state === 'active' && (
                <button type="button" className="small-btn danger" disabled={revoking === s.id} onClick={() => void revoke(s)} aria-label={`Revoke link to ${s.cameraName} for ${s.recipient}`}>
                  {revoking === s.id ? 'Revoking…' : 'Revoke'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
