import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import { registerSupervisorTab } from '../supervisor/supervisor-tabs';
import type { StaffOption } from './training-api';
import { CERT_PURPOSE, type Certification, type CertificationKind } from './certification-api';
import { CertificationForm } from './certification-form';
import { UnitCrews } from './certification-crews';
import { CertificationKinds } from './certification-kinds';
import { RevokeRow } from './certification-revoke';

const STATUS_LABEL: Record<Certification['status'], string> = { valid: 'Valid', expiring: 'Expiring', expired: 'Expired', revoked: 'Revoked' };
const STATUS_CLASS: Record<Certification['status'], string> = { valid: 'ok', expiring: 'warn', expired: 'danger', revoked: '' };

function daysText(c: Certification): string {
  if (c.daysLeft === null) return c.status === 'revoked' ? '' : 'no expiry';
  if (c.daysLeft < 0) return `${-c.daysLeft} days ago`;
  return c.daysLeft === 0 ? 'last day' : `${c.daysLeft} days left`;
}

/** The Certifications tab: everyone's certifications with status colours, filters, recording and reports. */
function CertificationsTab() {
  const [list, setList] = useState<Certification[] | null>(null);
  const [kinds, setKinds] = useState<CertificationKind[]>([]);
  const [staff, setStaff] = useState<StaffOption[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [within, setWithin] = useState('');
  const [text, setText] = useState('');
  const [showHistory, setShowHistory] = useState(false);
  const [recording, setRecording] = useState(false);
  const [revoking, setRevoking] = useState<number | null>(null);

  const load = useCallback(() => {
    setError(null);
    const q = new URLSearchParams();
    if (kind) q.set('kind', kind);
    if (status) q.set('status', status);
    if (within) q.set('withinDays', within);
    if (!showHistory) q.set('current', 'true');
    api<Certification[]>('GET', `/api/v1/certifications?${q}`, undefined, { purpose: CERT_PURPOSE }).then(setList, (e: Error) => setError(e.message));
  }, [kind, status, within, showHistory]);
  useEffect(load, [load]);
  const loadKinds = useCallback(() => {
    api<CertificationKind[]>('GET', '/api/v1/certifications/kinds').then(setKinds, () => setKinds([]));
  }, []);
  useEffect(() => {
    loadKinds();
    api<StaffOption[]>('GET', '/api/v1/certifications/staff').then(setStaff, () => setStaff([]));
  }, [loadKinds]);

  const shown = useMemo(() => {
    const q = text.trim().toLowerCase();
    return (list ?? []).filter((c) => !q || `${c.staffName} ${c.unitCallSign ?? ''} ${c.certificateNo ?? ''}`.toLowerCase().includes(q));
  }, [list, text]);
  const counts = useMemo(() => ({ expiring: (list ?? []).filter((c) => c.status === 'expiring').length, expired: (list ?? []).filter((c) => c.status === 'expired').length }), [list]);
  const csv = (by: string) => `/api/v1/certifications/report?format=csv${by}&purpose=${encodeURIComponent(CERT_PURPOSE)}`;

  return (
    <div className="certifications">
      <section className="panel" aria-labelledby="certs-h">
        <h2 id="certs-h">Certifications {list && <span className="muted">({shown.length}{counts.expiring ? ` · ${counts.expiring} expiring` : ''}{counts.expired ? ` · ${counts.expired} expired` : ''})</span>}</h2>
        <div className="cert-filters" role="group" aria-label="Filters">
          <div><label htmlFor="cert-kind">Kind</label>
            <select id="cert-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="">All kinds</option>
              {kinds.map((k) => <option key={k.code} value={k.code}>{k.name}</option>)}
            </select></div>
          <div><label htmlFor="cert-status">Status</label>
            <select id="cert-status" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">Any status</option>
              <option value="valid">Valid</option>
              <option value="expiring">Expiring</option>
              <option value="expired">Expired</option>
              <option value="revoked">Revoked</option>
            </select></div>
          <div><label htmlFor="cert-within">Lapsing within (days)</label>
            <input id="cert-within" type="number" min={0} max={3650} value={within} onChange={(e) => setWithin(e.target.value)} placeholder="any" /></div>
          <div><label htmlFor="cert-text">Person, unit or number</label>
            <input id="cert-text" type="search" value={text} onChange={(e) => setText(e.target.value)} /></div>
          <div className="cert-check"><input id="cert-history" type="checkbox" checked={showHistory} onChange={(e) => setShowHistory(e.target.checked)} /> <label htmlFor="cert-history">Include replaced certificates</label></div>
        </div>
        <div className="training-toolbar">
          <button type="button" onClick={() => setRecording((v) => !v)} aria-expanded={recording}>Record a certification</button>
          <a className="button-link" href={csv('&by=person')} download>By person (CSV)</a>
          <a className="button-link" href={csv('&by=kind')} download>By kind (CSV)</a>
          <a className="button-link" href={csv(`&withinDays=${within || 60}`)} download>Lapsing in {within || 60} days (CSV)</a>
        </div>
        {recording && <CertificationForm kinds={kinds} staff={staff} onDone={(saved) => { setRecording(false); if (saved) load(); }} />}
        {error ? <p role="alert" className="error">Could not load certifications: {error} <button type="button" className="link" onClick={load}>Try again</button></p>
          : !list ? <p className="muted">Loading certifications…</p>
          : shown.length === 0 ? <p className="muted">No certifications match these filters.</p>
          : (
            <table className="cert-table">
              <thead><tr><th scope="col">Person</th><th scope="col">Unit</th><th scope="col">Kind</th><th scope="col">Issued</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col">Certificate</th><th scope="col">Scan</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
              <tbody>
                {shown.map((c) => (
                  <Fragment key={c.id}>
                  <tr className={`cert-${c.status}`}>
                    <td>{c.staffName} <span className="muted small">{c.organisation}</span></td>
                    <td className="mono">{c.unitCallSign ?? ''}</td>
                    <td>{c.kindName}</td>
                    <td>{c.issuedOn}</td>
                    <td>{c.expiresOn ?? '–'}</td>
                    <td><span className={`badge ${STATUS_CLASS[c.status]}`}>{STATUS_LABEL[c.status]}</span> <span className="small">{daysText(c)}</span></td>
                    <td className="small">{c.certificateNo ?? ''}{c.issuer ? ` · ${c.issuer}` : ''}</td>
                    <td>{c.hasDocument ? <a href={`/api/v1/certifications/${c.id}/document?purpose=${encodeURIComponent(CERT_PURPOSE)}`} target="_blank" rel="noreferrer">View<span className="sr-only"> scan of {c.staffName}'s {c.kindName}</span></a> : ''}</td>
                    <td>{c.status !== 'revoked' && <button type="button" className="secondary small-btn" aria-label={`Revoke ${c.staffName}'s ${c.kindName}`} aria-expanded={revoking === c.id} onClick={() => setRevoking(revoking === c.id ? null : c.id)}>Revoke</button>}</td>
                  </tr>
                  {revoking === c.id && <RevokeRow c={c} columns={9} onDone={(done) => { setRevoking(null); if (done) load(); }} />}
                  </Fragment>
                ))}
              </tbody>
            </table>
          )}
      </section>
      <UnitCrews staff={staff} onChanged={() => { load(); api<StaffOption[]>('GET', '/api/v1/certifications/staff').then(setStaff, () => undefined); }} />
      <CertificationKinds kinds={kinds} onSaved={loadKinds} />
    </div>
  );
}

registerSupervisorTab({ id: 'certifications', label: 'Certifications', order: 41, component: CertificationsTab });
