import { useState } from 'react';
import type { Alert } from '@openpsap/contract';
import type { AlertsApi } from './alerts-api';

/** The CAP 1.2 message exactly as it would leave the centre now, for the drafter and the approver to read. */
export function CapPreview({ alert, api }: { alert: Alert; api: AlertsApi }) {
  const [xml, setXml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function load() {
    try {
      setXml(await api.preview(alert.id));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <details className="cap-preview" onToggle={(e) => (e.currentTarget.open ? void load() : undefined)}>
      <summary>Preview CAP message</summary>
      {error && <p role="alert" className="error">{error}</p>}
      {xml === null && !error ? <p className="muted">Loading…</p> : <pre aria-label="CAP XML" tabIndex={0}>{xml}</pre>}
    </details>
  );
}
