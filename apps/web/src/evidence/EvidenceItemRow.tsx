import { useState } from 'react';
import type { EvidenceDetail, EvidenceItem, ShareCreated } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { contentUrl, evidenceDetail, revokeShare, verifyEvidence } from './evidence-api';
import { ShareForm } from './ShareForm';

const SOURCE: Record<EvidenceItem['source'], string> = { witness: 'Witness upload', footage: 'Camera footage', 'caller-video': 'Live video recording', staff: 'Staff upload' };
const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const time = (iso: string) => new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** One evidence item: what, from whom, how, its SHA-256; view, download, custody log, share. */
export function EvidenceItemRow({ item, purpose, canShare, say }: { item: EvidenceItem; purpose: string; canShare: boolean; say: (t: string, k?: 'info' | 'error') => void }) {
  const [open, setOpen] = useState<'none' | 'view' | 'custody' | 'share'>('none');
  const [detail, setDetail] = useState<EvidenceDetail | null>(null);
  const [shared, setShared] = useState<ShareCreated | null>(null);
  const erased = item.erasedAt !== null;

  async function loadDetail() {
    try {
      setDetail(await evidenceDetail(item.id, purpose));
    } catch (e) {
      say((e as ApiError).message, 'error');
    }
  }

  async function verify() {
    try {
      const r = await verifyEvidence(item.id);
      say(r.intact ? `Evidence ${item.id}: SHA-256 verified, the file is unchanged` : `Evidence ${item.id} FAILED its integrity check; tell a supervisor`, r.intact ? 'info' : 'error');
      if (open === 'custody') await loadDetail();
    } catch (e) {
      say((e as ApiError).message, 'error');
    }
  }

  const toggle = (what: typeof open) => {
    const next = open === what ? 'none' : what;
    setOpen(next);
    if (next === 'custody') void loadDetail();
  };

  return (
    <li className={`evidence-item${erased ? ' erased' : ''}`} data-evidence-id={item.id}>
      <div className="evidence-item-head">
        <span className={`badge ${item.mediaKind === 'video' ? 'video' : ''}`}>{item.mediaKind === 'video' ? 'Video' : 'Photo'}</span>
        <strong className="evidence-name">{item.declaredName}</strong>
        <span className="muted small">{size(item.sizeBytes)} · {item.contentType} · {time(item.receivedAt)}</span>
      </div>
      <div className="small">
        {SOURCE[item.source]} from <span className="mono">{item.submittedBy}</span> <span className="muted">· {item.how}</span>
        {item.location && <span className="muted"> · taken at {item.location.lat.toFixed(5)}, {item.location.lon.toFixed(5)}</span>}
      </div>
      <div className="small">SHA-256 <code className="sha" data-sha256={item.sha256}>{item.sha256}</code></div>
      {erased ? (
        <p className="small muted">Erased on {item.erasedAt!.slice(0, 10)} under the retention rules.</p>
      ) : (
        <div className="inline-controls evidence-actions">
          <button type="button" className="secondary small-btn" aria-expanded={open === 'view'} onClick={() => toggle('view')}>View</button>
          <a className="small-btn button-like" href={contentUrl(item.id, purpose, true)} aria-label={`Download ${item.declaredName}`}>Download</a>
          <button type="button" className="secondary small-btn" aria-expanded={open === 'custody'} onClick={() => toggle('custody')}>Chain of custody</button>
          <button type="button" className="secondary small-btn" onClick={() => void verify()}>Verify</button>
          {canShare && <button type="button" className="secondary small-btn" aria-expanded={open === 'share'} onClick={() => toggle('share')}>Share</button>}
        </div>
      )}
      {open === 'view' && !erased && (
        item.mediaKind === 'video'
          ? <video className="evidence-media" controls playsInline preload="metadata" src={contentUrl(item.id, purpose)} aria-label={`Evidence ${item.id}: ${item.declaredName}`} />
          : <img className="evidence-media" src={contentUrl(item.id, purpose)} alt={`Evidence ${item.id}: ${item.declaredName}`} />
      )}
      {open === 'custody' && (
        detail ? (
          <table className="custody small" aria-label={`Chain of custody of evidence ${item.id}`}>
            <thead><tr><th>When</th><th>What</th><th>Who</th><th>Why</th></tr></thead>
            <tbody>
              {detail.custody.map((c) => (
                <tr key={c.id}><td className="mono">{time(c.at)}</td><td>{c.action}</td><td>{c.actor}{c.ip ? <span className="muted"> ({c.ip})</span> : null}</td><td>{c.purpose ?? ''}</td></tr>
              ))}
            </tbody>
          </table>
        ) : <p className="muted small">Loading the chain of custody…</p>
      )}
      {open === 'custody' && detail && detail.shares.length > 0 && (
        <ul className="small evidence-shares" aria-label="Share links">
          {detail.shares.map((s) => (
            <li key={s.id}>
              Shared with {s.recipient} ({s.recipientKind}) by {s.createdBy} for “{s.purpose}” · {s.state}, used {s.uses}× · until {time(s.expiresAt)}
              {s.state === 'active' && canShare && <button type="button" className="link" onClick={() => void revokeShare(s.id).then(loadDetail, (e: ApiError) => say(e.message, 'error'))}>Withdraw</button>}
            </li>
          ))}
        </ul>
      )}
      {open === 'share' && (
        <ShareForm evidenceId={item.id} onCancel={() => setOpen('none')} onShared={(s) => { setShared(s); setOpen('none'); say(`Share link for evidence ${item.id} created for ${s.share.recipient}`); }} />
      )}
      {shared && (
        <div className="evidence-created small" role="status">
          Share link for {shared.share.recipient} (until {time(shared.share.expiresAt)}): <span className="link-text mono">{shared.url}</span>
          {shared.messageStatus === 'sent' ? ' · sent' : shared.messageStatus === 'failed' ? ' · sending failed: give the link by hand' : ''}
        </div>
      )}
    </li>
  );
}
