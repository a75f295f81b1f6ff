import { forwardRef, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Call, CareAlert, IncidentSummary } from '@openpsap/contract';
import { formatElapsed, useNow } from '../shared/time';
import { PENDING_LIMIT_S } from './timer-rules';

export interface PendingQueueHandle {
  focus(): void;
}

type Row = { kind: 'incident'; i: IncidentSummary } | { kind: 'call'; c: Call } | { kind: 'care'; a: CareAlert };

/**
 * What waits for a dispatcher: incidents with no unit yet and calls not yet attached, most urgent
 * and oldest first, with live age timers. Arrow keys move, Enter opens.
 */
export const PendingQueue = forwardRef<
  PendingQueueHandle,
  { incidents: Map<number, IncidentSummary>; calls: Map<number, Call>; careAlerts: Map<number, CareAlert>; selectedId: number | null; selectedCareId: number | null; onSelect: (id: number) => void; onSelectCare: (id: number) => void; selectedCallId?: number | null; onSelectCall?: (id: number) => void; callNote?: (c: Call) => ReactNode }
>(
  function PendingQueue({ incidents, calls, careAlerts, selectedId, selectedCareId, onSelect, onSelectCare, selectedCallId, onSelectCall, callNote }, ref) {
    const now = useNow();
    const listRef = useRef<HTMLUListElement>(null);
    const [cursor, setCursor] = useState(0);
    const rows = useMemo<Row[]>(() => {
      const pending: Row[] = [...incidents.values()].filter((i) => i.status === 'Pending').sort((a, b) => a.priority - b.priority || Date.parse(a.createdAt) - Date.parse(b.createdAt)).map((i) => ({ kind: 'incident', i }));
      const open: Row[] = [...calls.values()].sort((a, b) => Date.parse(a.presentedAt) - Date.parse(b.presentedAt)).map((c) => ({ kind: 'call', c }));
      // A missed CARE check-in waits behind emergencies but before plain calls: someone may be down.
      const care: Row[] = [...careAlerts.values()].sort((a, b) => Date.parse(a.escalatesAt) - Date.parse(b.escalatesAt)).map((a) => ({ kind: 'care', a }));
      return [...pending, ...care, ...open];
    }, [incidents, calls, careAlerts]);
    useImperativeHandle(ref, () => ({
      focus: () => {
        setCursor(0);
        listRef.current?.focus();
      },
    }));
    const keys = (e: KeyboardEvent) => {
      if (e.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, rows.length - 1));
      else if (e.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0));
      else if (e.key === 'Enter') {
        const r = rows[cursor];
        if (r?.kind === 'incident') onSelect(r.i.id);
        if (r?.kind === 'care') onSelectCare(r.a.id);
        if (r?.kind === 'call') onSelectCall?.(r.c.id);
      } else return;
      e.preventDefault();
    };
    return (
      <section className="panel queue" aria-labelledby="queue-h">
        <h2 id="queue-h">Pending ({rows.length}) <small className="muted">F4</small></h2>
        {rows.length === 0 ? (
          <p className="muted">Nothing waiting.</p>
        ) : (
          <ul ref={listRef} className="rows" tabIndex={0} role="listbox" aria-label="Pending incidents, CARE check-ins and calls" aria-activedescendant={rows[cursor] ? `pq-${cursor}` : undefined} onKeyDown={keys}>
            {rows.map((r, idx) => {
              if (r.kind === 'care') {
                const left = Date.parse(r.a.escalatesAt) - now;
                return (
                  <li key={`care${r.a.id}`} id={`pq-${idx}`} role="option" aria-selected={idx === cursor} className={`row care ${idx === cursor ? 'cursor' : ''} ${r.a.id === selectedCareId ? 'selected' : ''} ${left <= 0 ? 'late' : ''}`} onClick={() => { setCursor(idx); onSelectCare(r.a.id); }}>
                    <span className="pri">CARE</span>
                    <span className="grow">Missed check-in · {r.a.personName} · {r.a.address}</span>
                    <span className="mono age" title="until the welfare check goes out">{left > 0 ? formatElapsed(left) : 'due'}</span>
                  </li>
                );
              }
              if (r.kind === 'call') {
                return (
                  <li key={`c${r.c.id}`} id={`pq-${idx}`} role="option" aria-selected={idx === cursor} className={`row call ${idx === cursor ? 'cursor' : ''} ${r.c.id === selectedCallId ? 'selected' : ''}`} onClick={() => { setCursor(idx); onSelectCall?.(r.c.id); }}>
                    <span className="pri">☎</span>
                    <span className="mono">Call {r.c.id}</span>
                    <span className="grow">{callNote?.(r.c)} {r.c.source} {r.c.callbackNumber ?? ''} {r.c.location.text ?? ''}</span>
                    <span className="mono age">{formatElapsed(now - Date.parse(r.c.presentedAt))}</span>
                  </li>
                );
              }
              const i = r.i;
              const age = now - Date.parse(i.createdAt);
              const late = age / 1000 >= (PENDING_LIMIT_S[i.priority] ?? 300);
              return (
                <li key={i.id} id={`pq-${idx}`} role="option" aria-selected={idx === cursor} className={`row p${i.priority} ${idx === cursor ? 'cursor' : ''} ${i.id === selectedId ? 'selected' : ''} ${late ? 'late' : ''}`} onClick={() => { setCursor(idx); onSelect(i.id); }}>
                  <span className="pri">P{i.priority}</span>
                  <span className="mono">{i.agencyCode} {i.number}</span>
                  <span className="grow">{i.typeName} · {i.location.text ?? 'no location'}{i.location.verified ? '' : ' (unverified)'}</span>
                  <span className="mono age">{formatElapsed(age)}</span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    );
  },
);
