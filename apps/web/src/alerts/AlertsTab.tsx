import { useCallback, useEffect, useMemo, useState } from 'react';
import { ALERT_KIND_LABELS, ALERT_KINDS, type Alert, type AlertKind } from '@openpsap/contract';
import type { ProgramTabProps } from '../community/program-tabs';
import { alertsApi, onAlertsChanged, type AlertImport } from './alerts-api';
import { AlertComposer } from './AlertComposer';
import { AlertReview } from './AlertReview';
import './alerts.css';
import { STATE_LABELS } from './alert-labels';

const BADGE: Record<Alert['state'], string> = { draft: '', 'awaiting-approval': 'warn', issued: 'danger', updated: 'danger', cancelled: '', expired: '' };

/**
 * Public alerts: start a draft (or open one Help Me Home made), answer the criteria, send it for
 * approval; a second supervisor approves and issues it, then updates or cancels it.
 */
export function AlertsTab({ user, purpose }: ProgramTabProps) {
  const a = useMemo(() => alertsApi(purpose), [purpose]);
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [imports, setImports] = useState<AlertImport[]>([]);
  const [selected, setSelected] = useState<Alert | null>(null);
  const [kind, setKind] = useState<AlertKind>('amber');
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const r = await a.list();
      setAlerts(r.alerts);
      setImports(r.imports);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [a]);
  useEffect(() => void reload(), [reload]);
  useEffect(() => onAlertsChanged(() => void reload()), [reload]);

  async function open(id: number) {
    try {
      setSelected(await a.get(id));
    } catch (e) {
      setError((e as Error).message);
    }
  }
  async function run(f: () => Promise<Alert>) {
    try {
      const next = await f();
      setSelected(await a.get(next.id));
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  }
  const changed = async (next: Alert) => {
    setSelected(next);
    await reload();
  };

  return (
    <div className="split alert-desk">
      <section className="panel" aria-labelledby="alerts-h">
        <h2 id="alerts-h">Public alerts</h2>
        <div className="row alerts-new">
          <div className="field">
            <label htmlFor="alert-kind">New alert</label>
            <select id="alert-kind" value={kind} onChange={(e) => setKind(e.target.value as AlertKind)}>
              {ALERT_KINDS.map((k) => <option key={k} value={k}>{ALERT_KIND_LABELS[k]}</option>)}
            </select>
          </div>
          <button type="button" onClick={() => run(() => a.create(kind))}>Start draft</button>
        </div>
        {error && <p role="alert" className="error">{error}</p>}
        {imports.length > 0 && (
          <>
            <h3>From Help Me Home</h3>
            <ul className="alerts-list">
              {imports.map((i) => (
                <li key={i.id}>
                  <button type="button" className="secondary" onClick={() => run(() => a.importDraft(i.id))} aria-label={`Open in composer: ${i.headline}`}>Open</button>{' '}
                  <span className="badge warn">{i.kind}</span> {i.headline}
                </li>
              ))}
            </ul>
          </>
        )}
        <h3>Alerts</h3>
        {alerts === null && !error && <p className="muted">Loading…</p>}
        {alerts?.length === 0 && <p className="muted">No alerts yet. Start a draft above.</p>}
        <ul className="alerts-list">
          {alerts?.map((x) => (
            <li key={x.id} className={selected?.id === x.id ? 'selected' : undefined}>
              <button type="button" className="link" onClick={() => open(x.id)} aria-current={selected?.id === x.id ? 'true' : undefined}>
                <span className={`badge ${BADGE[x.state]}`}>{STATE_LABELS[x.state]}</span> <span className="badge">{x.sameCode}</span> {x.headline || <em>untitled {ALERT_KIND_LABELS[x.kind]}</em>}
              </button>
              <div className="small muted">drafted by {x.draftedBy}{x.approvedBy ? `, approved by ${x.approvedBy}` : ''}</div>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-label="Alert">
        {!selected && <p className="muted">Pick an alert, or start a draft.</p>}
        {selected && selected.state === 'draft' && selected.draftedById === user.id ? (
          <AlertComposer key={`${selected.id}-${selected.kind}`} alert={selected} api={a} onChanged={changed} />
        ) : selected ? (
          <AlertReview key={`${selected.id}-${selected.updatedAt}`} alert={selected} user={user} api={a} onChanged={changed} />
        ) : null}
      </section>
    </div>
  );
}
