import { useState } from 'react';
import { api } from '../api/client';
import { fieldError } from './training-api';
import type { Certification } from './certification-api';

/** The row under a certification asking why it is revoked (recorded in error, withdrawn by the issuer). */
export function RevokeRow({ c, columns, onDone }: { c: Certification; columns: number; onDone: (revoked: boolean) => void }) {
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      await api('POST', `/api/v1/certifications/${c.id}/revoke`, { reason });
      onDone(true);
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr className="revoke-row">
      <td colSpan={columns}>
        <form className="inline" onSubmit={submit} aria-label={`Revoke ${c.staffName}'s ${c.kindName}`}>
          <label htmlFor={`revoke-${c.id}`}>Reason</label>
          <input id={`revoke-${c.id}`} required value={reason} onChange={(e) => setReason(e.target.value)} autoFocus aria-invalid={Boolean(fieldError(err, 'reason'))} />
          <button type="submit" className="danger" disabled={busy}>Revoke</button>
          <button type="button" className="secondary" onClick={() => onDone(false)}>Cancel</button>
        </form>
        {err instanceof Error && <p role="alert" className="error small">{err.message}</p>}
      </td>
    </tr>
  );
}
