import { useState } from 'react';
import { api } from '../api/client';
import { fieldError, type StaffOption } from './training-api';
import type { CertificationKind } from './certification-api';

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('could not read the file'));
    r.readAsDataURL(file);
  });
}

/** Records a certification for someone in the staff register, with an optional scanned copy. */
export function CertificationForm({ kinds, staff, onDone }: { kinds: CertificationKind[]; staff: StaffOption[]; onDone: (saved: boolean) => void }) {
  const [person, setPerson] = useState('');
  const [kind, setKind] = useState(kinds[0]?.code ?? '');
  const [issuedOn, setIssuedOn] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [certificateNo, setCertificateNo] = useState('');
  const [issuer, setIssuer] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<unknown>(null);
  const k = kinds.find((x) => x.code === kind);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      const body = { staffMemberId: Number(person), kind, issuedOn, ...(expiresOn ? { expiresOn } : {}), ...(certificateNo.trim() ? { certificateNo: certificateNo.trim() } : {}), ...(issuer.trim() ? { issuer: issuer.trim() } : {}) };
      const r = await api<{ id: number }>('POST', '/api/v1/certifications', body);
      if (file) await api('PUT', `/api/v1/certifications/${r.id}/document`, { fileName: file.name, contentBase64: await readBase64(file) });
      onDone(true);
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  };
  const f = (key: string) => fieldError(err, key);
  const msg = (key: string) => f(key) && <p className="error small">{f(key)}</p>;
  return (
    <form className="training-form" onSubmit={submit} aria-label="Record a certification">
      <div><label htmlFor="cert-person">Person</label>
        <select id="cert-person" required value={person} onChange={(e) => setPerson(e.target.value)} aria-invalid={Boolean(f('staffMemberId'))}>
          <option value="">Choose…</option>
          {staff.filter((s) => !s.left).map((s) => <option key={s.id} value={s.id}>{s.name} ({s.organisation}{s.unit ? `, ${s.unit.callSign}` : ''})</option>)}
        </select>{msg('staffMemberId')}</div>
      <div><label htmlFor="cert-kind-new">Kind</label>
        <select id="cert-kind-new" value={kind} onChange={(e) => setKind(e.target.value)} aria-invalid={Boolean(f('kind'))}>
          {kinds.filter((x) => x.active).map((x) => <option key={x.code} value={x.code}>{x.name}</option>)}
        </select>{msg('kind')}</div>
      <div><label htmlFor="cert-issued">Issued on</label>
        <input id="cert-issued" type="date" required value={issuedOn} onChange={(e) => setIssuedOn(e.target.value)} aria-invalid={Boolean(f('issuedOn'))} />{msg('issuedOn')}</div>
      <div><label htmlFor="cert-expires">Expires on (last valid day)</label>
        <input id="cert-expires" type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} aria-invalid={Boolean(f('expiresOn'))} aria-describedby="cert-expires-hint" />
        <p id="cert-expires-hint" className="muted small">{k?.validityMonths ? `Leave empty for the default: ${k.validityMonths} months from issue.` : 'No default validity for this kind: enter it from the certificate.'}</p>{msg('expiresOn')}</div>
      <div><label htmlFor="cert-no">Certificate number</label><input id="cert-no" value={certificateNo} onChange={(e) => setCertificateNo(e.target.value)} /></div>
      <div><label htmlFor="cert-issuer">Issuer</label><input id="cert-issuer" value={issuer} onChange={(e) => setIssuer(e.target.value)} /></div>
      <div><label htmlFor="cert-file">Scanned copy (PDF, JPEG or PNG, optional)</label><input id="cert-file" type="file" accept="application/pdf,image/jpeg,image/png" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />{msg('contentBase64')}</div>
      <div className="training-form-actions">
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Record'}</button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>Cancel</button>
      </div>
      {err instanceof Error && <p role="alert" className="error">{err.message}</p>}
    </form>
  );
}
