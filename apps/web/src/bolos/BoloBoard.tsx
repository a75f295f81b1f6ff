import { useCallback, useEffect, useRef, useState } from 'react';
import type { Bolo } from '@openpsap/contract';
import type { ProgramTabProps } from '../community/program-tabs';
import { StreamClient } from '../realtime/stream-client';
import { api } from '../api/client';
import { useNow } from '../shared/time';
import { boloPhotoSrc, personLine, timeLeft } from '../shared/bolo-text';
import { VehicleLine } from '../shared/BoloList';
import { bolosApi, type BoloFilter } from './bolos-api';
import { BoloForm } from './BoloForm';
import { KIND_LABELS } from './bolo-labels';
import '../shared/bolo-list.css';
import './bolos.css';

const STATE_LABEL: Record<Bolo['state'], string> = { active: 'Active', expired: 'Expired', cancelled: 'Cancelled' };

function CancelBox({ bolo, onCancelled }: { bolo: Bolo; onCancelled: (b: Bolo) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <form className="row bolo-cancel" onSubmit={(e) => {
      e.preventDefault();
      void bolosApi.cancel(bolo.id, reason).then(onCancelled, (x: Error) => setError(x.message));
    }}>
      <label htmlFor={`cancel-${bolo.id}`}>Reason units will see</label>
      <input id={`cancel-${bolo.id}`} ref={ref} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. vehicle recovered" />
      <button type="submit" className="danger" disabled={!reason.trim()}>Cancel BOLO #{bolo.id}</button>
      {error && <p className="error small" role="alert">{error}</p>}
    </form>
  );
}

/**
 * The BOLO board for the floor: every BOLO units are looking out for (written here, by Help Me
 * Home or with a public alert), with photo, plate and time left; write, change and cancel them.
 */
export function BoloBoard({ user, purpose }: ProgramTabProps) {
  const now = useNow(30_000);
  const [filter, setFilter] = useState<BoloFilter>({ state: 'active', subject: '', q: '' });
  const [bolos, setBolos] = useState<Bolo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [form, setForm] = useState<{ editing: Bolo | null } | null>(null);
  const [cancelling, setCancelling] = useState<number | null>(null);
  const mayCancel = user.role === 'dispatcher' || user.role === 'supervisor';

  const reload = useCallback(async () => {
    try {
      setBolos(await bolosApi.list(filter));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [filter]);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
    const t = window.setTimeout(() => void reload(), filter.q ? 250 : 0);
    return () => window.clearTimeout(t);
  }, [reload, filter.q]);

  // Others on the floor write and cancel BOLOs too, and the expiry job takes them down: follow the stream.
  useEffect(() => {
    let stream: StreamClient | null = null;
    let stopped = false;
    void api<{ head: number }>('GET', '/api/v1/stream/head').then(({ head }) => {
      if (stopped) return;
      stream = new StreamClient((e) => {
        if (e.type === 'bolo.issued' || e.type === 'bolo.updated' || e.type === 'bolo.cancelled') void reloadRef.current();
      }, () => undefined, head);
      stream.start();
    }, () => undefined);
    return () => {
      stopped = true;
      stream?.stop();
    };
  }, []);

  const done = (b: Bolo, message: string) => {
    setForm(null);
    setNote(message);
    setCancelling(null);
    void reload();
    void b;
  };

  return (
    <div className={form ? 'split bolo-board' : 'bolo-board'}>
      <section className="panel" aria-labelledby="bolo-board-h">
        <div className="row bolo-board-top">
          <h2 id="bolo-board-h">BOLO board</h2>
          <button type="button" onClick={() => { setForm({ editing: null }); setNote(null); }}>New BOLO…</button>
        </div>
        <div className="row bolo-filters" role="search">
          <div className="bolo-field">
            <label htmlFor="bolo-f-state">Show</label>
            <select id="bolo-f-state" value={filter.state} onChange={(e) => setFilter((f) => ({ ...f, state: e.target.value as BoloFilter['state'] }))}>
              <option value="active">Active</option>
              <option value="expired">Expired</option>
              <option value="cancelled">Cancelled</option>
              <option value="all">All</option>
            </select>
          </div>
          <div className="bolo-field">
            <label htmlFor="bolo-f-subject">Subject</label>
            <select id="bolo-f-subject" value={filter.subject} onChange={(e) => setFilter((f) => ({ ...f, subject: e.target.value as BoloFilter['subject'] }))}>
              <option value="">Any</option>
              <option value="vehicle">Vehicles</option>
              <option value="person">Persons</option>
              <option value="other">Other</option>
            </select>
          </div>
          <div className="bolo-field grow">
            <label htmlFor="bolo-f-q">Search (plate, name, words)</label>
            <input id="bolo-f-q" type="search" value={filter.q} onChange={(e) => setFilter((f) => ({ ...f, q: e.target.value }))} />
          </div>
        </div>
        {note && <p role="status" className="ok-box">{note}</p>}
        {error && <p role="alert" className="error">Could not load BOLOs: {error} <button type="button" className="link" onClick={() => void reload()}>Try again</button></p>}
        {bolos === null && !error && <p className="muted" role="status">Loading BOLOs…</p>}
        {bolos?.length === 0 && <p className="muted">{filter.state === 'active' && !filter.q && !filter.subject ? 'No active BOLOs. Units have nothing to look out for.' : 'No BOLOs match.'}</p>}
        {bolos && bolos.length > 0 && (
          <ul className="bolo-board-list" aria-label="BOLOs">
            {bolos.map((b) => {
              const src = boloPhotoSrc(b, purpose);
              return (
                <li key={b.id} className={`bolo-card state-${b.state}`} aria-labelledby={`bolo-${b.id}-t`}>
                  {src ? <img src={src} alt={`Photo for BOLO #${b.id}`} className="bolo-thumb" /> : <div className="bolo-thumb none" aria-hidden="true">{b.subject === 'vehicle' ? '🚗' : b.subject === 'person' ? '👤' : '•'}</div>}
                  <div className="bolo-card-text">
                    {b.caution && <div className="bolo-caution">⚠ {b.caution}</div>}
                    {b.vehicle?.plate && (
                      <div className="bolo-plate"><span className="mono">{b.vehicle.plate}</span>{b.vehicle.plateState && <span className="bolo-plate-state">{b.vehicle.plateState}</span>}</div>
                    )}
                    <strong id={`bolo-${b.id}-t`}>#{b.id} {b.title}</strong>
                    {b.vehicle && <VehicleLine bolo={b} vehicle={b.vehicle} />}
                    {b.person && (personLine(b.person) || b.person.clothing) && <div className="small">{personLine(b.person)}{b.person.clothing ? ` · wearing ${b.person.clothing}` : ''}</div>}
                    {b.description && <div className="small">{b.description}</div>}
                    {b.body && <div className="small">{b.body}</div>}
                    <div className="small muted">
                      <span className={b.state === 'active' ? 'bolo-left' : ''}>{b.state === 'active' ? timeLeft(b, now) : `${STATE_LABEL[b.state]}${b.cancelReason && b.state === 'cancelled' ? `: ${b.cancelReason}` : ''}`}</span>
                      {' · '}{KIND_LABELS[b.kind] ?? b.kind}{' · by '}{b.issuedBy}
                      {b.incidentLabel && <> · incident <span className="mono">{b.incidentLabel}</span></>}
                      {b.alertId !== null && <> · public alert #{b.alertId}</>}
                      {b.source === 'hmh' && <> · Help Me Home</>}
                    </div>
                    {b.state === 'active' && (
                      <div className="row bolo-actions">
                        <button type="button" className="secondary" onClick={() => { setForm({ editing: b }); setNote(null); }} aria-label={`Change BOLO #${b.id}`}>Change…</button>
                        {mayCancel && <button type="button" className="secondary" aria-expanded={cancelling === b.id} onClick={() => setCancelling(cancelling === b.id ? null : b.id)} aria-label={`Cancel BOLO #${b.id}…`}>Cancel…</button>}
                      </div>
                    )}
                    {cancelling === b.id && <CancelBox bolo={b} onCancelled={(c) => done(c, `BOLO #${c.id} cancelled; it is off every unit's screen`)} />}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {form && <BoloForm key={form.editing?.id ?? 'new'} editing={form.editing} purpose={purpose} onDone={done} onClose={() => setForm(null)} />}
    </div>
  );
}
