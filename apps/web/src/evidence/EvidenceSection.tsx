import { useEffect, useState } from 'react';
import type { EvidenceLink, EvidenceLinkCreated, IncidentEvidence } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { loadSession } from '../auth/session';
import { incidentEvidence, revokeLink } from './evidence-api';
import { EvidenceItemRow } from './EvidenceItemRow';
import { EvidenceLinkForm } from './EvidenceLinkForm';
import { LiveVideoViewer } from './LiveVideoViewer';
import './evidence.css';

interface Props {
  incidentId: number;
  /** "BPD 2026-000123": the default purpose of looking at this incident's evidence. */
  label: string;
  /** Bumps on every event about the incident (a file arriving, the caller consenting). */
  version: number;
  closed: boolean;
  defaultPhone: string | null;
  say: (t: string, k?: 'info' | 'error') => void;
}

const LINK_STATE: Record<EvidenceLink['state'], string> = { waiting: 'not opened yet', opened: 'opened', finished: 'done', expired: 'expired', revoked: 'withdrawn' };
const SHARE_ROLES = new Set(['supervisor', 'rtcc-analyst']);

/**
 * The incident's evidence: send a witness an upload link, ask the caller for live video, watch it,
 * and the files received with their SHA-256, custody log and sharing.
 */
export function EvidenceSection({ incidentId, label, version, closed, defaultPhone, say }: Props) {
  const [data, setData] = useState<IncidentEvidence | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<'upload' | 'live-video' | null>(null);
  const [created, setCreated] = useState<EvidenceLinkCreated | null>(null);
  const [watching, setWatching] = useState<number | null>(null);
  const [purpose, setPurpose] = useState(`working incident ${label}`);
  const [canShare, setCanShare] = useState(false);
  const [bump, setBump] = useState(0);

  useEffect(() => {
    void loadSession().then((s) => setCanShare(Boolean(s && SHARE_ROLES.has(s.user.role))), () => undefined);
  }, []);
  useEffect(() => {
    setForm(null);
    setCreated(null);
    setWatching(null);
    setPurpose(`working incident ${label}`);
  }, [incidentId, label]);
  useEffect(() => {
    let stale = false;
    if (purpose.trim().length < 3) return;
    incidentEvidence(incidentId, purpose).then(
      (d) => !stale && (setData(d), setError(null)),
      (e: ApiError) => !stale && setError(e.message),
    );
    return () => {
      stale = true;
    };
    // The purpose is read when the list loads; editing it does not reload on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [incidentId, version, bump]);

  const live = data?.links.filter((l) => l.purpose === 'live-video' && (l.state === 'opened' || l.state === 'waiting')) ?? [];
  const links = data?.links.filter((l) => l.state === 'waiting' || l.state === 'opened') ?? [];

  async function withdraw(id: number) {
    try {
      await revokeLink(id);
      setBump((b) => b + 1);
    } catch (e) {
      say((e as ApiError).message, 'error');
      // Opening a link and finishing with it are not announced to the consoles: a refusal here
      // usually means the list is behind (the witness pressed "I am done"), so read it again.
      setBump((b) => b + 1);
    }
  }

  return (
    <section className="evidence-section" aria-labelledby={`evidence-h-${incidentId}`}>
      <h3 id={`evidence-h-${incidentId}`}>Evidence {data ? <span className="muted">({data.items.length})</span> : null}</h3>
      {!closed && (
        <div className="inline-controls">
          <button type="button" className="secondary" aria-expanded={form === 'upload'} onClick={() => setForm(form === 'upload' ? null : 'upload')}>Send upload link</button>
          <button type="button" className="secondary" aria-expanded={form === 'live-video'} onClick={() => setForm(form === 'live-video' ? null : 'live-video')}>Request live video</button>
        </div>
      )}
      {form && (
        <EvidenceLinkForm
          key={form}
          incidentId={incidentId}
          kind={form}
          defaultPhone={defaultPhone}
          onCancel={() => setForm(null)}
          onSent={(c) => {
            setCreated(c);
            setForm(null);
            setBump((b) => b + 1);
            say(c.messageStatus === 'sent' ? `Link texted to ${c.link.recipientPhone}` : `Texting failed; read the link out to the caller`, c.messageStatus === 'sent' ? 'info' : 'error');
          }}
        />
      )}
      {created && (
        <div className="evidence-created" role="status">
          <div>{created.link.purpose === 'upload' ? 'Upload link' : 'Live-video link'} for {created.link.recipientPhone} — read it out if needed:</div>
          <div className="mono link-text">{created.url}</div>
          <div className="small">Code <strong className="mono">{created.code}</strong> · works until {new Date(created.link.expiresAt).toLocaleString()}</div>
          <button type="button" className="link" onClick={() => setCreated(null)}>Hide</button>
        </div>
      )}
      {error && <p className="error small" role="alert">{error}</p>}
      {links.length > 0 && (
        <ul className="evidence-links small" aria-label="Open evidence links">
          {links.map((l) => (
            <li key={l.id}>
              {l.purpose === 'upload' ? 'Upload link' : 'Live video'} to <span className="mono">{l.recipientPhone}</span>{l.recipientName ? ` (${l.recipientName})` : ''}: {l.consentedAt ? 'caller agreed' : LINK_STATE[l.state]}
              {l.purpose === 'upload' ? ` · ${l.files} file${l.files === 1 ? '' : 's'}` : l.record ? ' · recorded' : ' · not recorded'}
              <span className="muted"> · until {new Date(l.expiresAt).toLocaleTimeString()}</span>
              {l.purpose === 'live-video' && l.consentedAt && watching !== l.id && <button type="button" className="small-btn" onClick={() => setWatching(l.id)}>Watch live video</button>}
              <button type="button" className="link" onClick={() => void withdraw(l.id)}>Withdraw</button>
            </li>
          ))}
        </ul>
      )}
      {watching !== null && live.some((l) => l.id === watching) && <LiveVideoViewer key={watching} sessionId={watching} onClose={() => setWatching(null)} say={say} />}
      {data && data.items.length > 0 && (
        <>
          <div className="evidence-purpose">
            <label htmlFor={`evidence-purpose-${incidentId}`}>Purpose for viewing (kept in each item's chain of custody)</label>
            <input id={`evidence-purpose-${incidentId}`} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
          </div>
          <ul className="evidence-items" aria-label="Evidence items">
            {data.items.map((i) => <EvidenceItemRow key={i.id} item={i} purpose={purpose} canShare={canShare} say={say} />)}
          </ul>
        </>
      )}
      {data && data.items.length === 0 && links.length === 0 && <p className="muted small">No evidence yet.</p>}
    </section>
  );
}
