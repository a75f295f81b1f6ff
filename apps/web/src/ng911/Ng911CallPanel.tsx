import { useState } from 'react';
import type { Call, CallLocation, Ng911Call } from '@openpsap/contract';
import { api } from '../api/client';
import type { FloorStore } from '../state/floor-store';
import { ChatPanel } from './ChatPanel';
import { describeLocation, KIND_LABEL } from './shape-geometry';

const LINE_WORDS = { sos: '9-1-1', admin: 'Administrative line', text: 'Text to 9-1-1' } as const;
const ORDER: CallLocation['kind'][] = ['device', 'update', 'supplemental'];

/** The words shown wherever a call arrived without a usable location. */
export function locationWarning(n: Ng911Call | undefined): string | null {
  if (!n || n.locationStatus === 'ok') return null;
  return n.locationStatus === 'reference-failed' ? 'Location reference failed' : 'Location unavailable';
}

/**
 * A call delivered over SIP, as the call-taker works it: callback number, answer, the verified
 * location beside what the network reported (device location, updates, supplemental fixes, each
 * labelled), RFC 7852 additional data, and the text conversation.
 */
export function Ng911CallPanel({ call, ng911, store, onClose, say }: { call: Call; ng911: Ng911Call | undefined; store: FloorStore; onClose: () => void; say: (text: string, kind?: 'info' | 'error') => void }) {
  const [busy, setBusy] = useState(false);
  const warning = locationWarning(ng911);
  const answer = async () => {
    setBusy(true);
    try {
      await api('POST', `/api/v1/calls/${call.id}/answer`);
      say(`Call ${call.id} answered`);
    } catch (e) {
      say((e as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  // Only the call-taker makes a reported location the call's verified one, and only by choice.
  const verify = async (l: CallLocation) => {
    setBusy(true);
    try {
      await api('PATCH', `/api/v1/calls/${call.id}`, { location: { lat: l.lat, lon: l.lon, verified: true, ...(l.shape.type === 'civic' ? { text: l.shape.text.slice(0, 500) } : {}) } });
      say(`Call ${call.id}: location verified at the ${KIND_LABEL[l.kind].toLowerCase()}`);
    } catch (e) {
      say((e as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  const ended = call.releasedAt !== null || ng911?.state === 'ended';
  return (
    <section className="panel detail ng911-call" aria-labelledby="ng911-call-h">
      <header className="ng911-call-head">
        <h2 id="ng911-call-h">Call {call.id} · {ng911 ? LINE_WORDS[ng911.line] : call.source}</h2>
        <button type="button" className="link" onClick={onClose} aria-label="Close call view">Close</button>
      </header>
      <dl className="ng911-facts">
        <dt>Callback</dt>
        <dd className="mono">{call.callbackNumber ?? 'not sent'}</dd>
        {call.callerName && (<><dt>Caller</dt><dd>{call.callerName}</dd></>)}
        <dt>Presented</dt>
        <dd className="mono">{new Date(call.presentedAt).toLocaleTimeString([], { hour12: false })}</dd>
        <dt>State</dt>
        <dd>{call.releasedAt ? (call.answeredAt ? 'Ended' : 'Abandoned') : call.answeredAt ? 'Answered' : 'Ringing'}</dd>
      </dl>
      {!call.answeredAt && !call.releasedAt && <button type="button" onClick={() => void answer()} disabled={busy}>Answer</button>}
      {warning && <p role="alert" className="ng911-unavailable"><strong>{warning}</strong>{ng911?.locationProblem ? `: ${ng911.locationProblem}` : ''}</p>}
      <h3>Verified location</h3>
      <p>{call.location.verified ? `${call.location.text ?? ''} ${call.location.lat?.toFixed(5) ?? ''} ${call.location.lon?.toFixed(5) ?? ''}` : <span className="muted">Not yet verified by the call-taker{call.location.text ? ` (reported: ${call.location.text})` : ''}</span>}</p>
      {!ng911 ? (
        <p className="muted">Loading what the network sent…</p>
      ) : (
        <>
          <h3>Reported by the network</h3>
          {ng911.locations.length === 0 ? (
            <p className="muted">No location shapes.</p>
          ) : (
            <ul className="ng911-locations" aria-label="Reported locations">
              {[...ng911.locations].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.id - b.id).map((l) => (
                <li key={l.id} className={`ng911-loc ${l.kind}`}>
                  <span className={`badge ng911-kind ${l.kind}`}>{l.label ?? KIND_LABEL[l.kind]}</span> {describeLocation(l)}
                  <span className="muted"> · {l.source === 'http' ? 'over HTTP' : l.source === 'sip-reference' ? 'by reference' : 'by value'}{l.method ? ` · ${l.method}` : ''} · {new Date(l.receivedAt).toLocaleTimeString([], { hour12: false })}</span>
                  {l.lat !== null && l.lon !== null && (
                    <button type="button" className="secondary small-btn ng911-verify" disabled={busy} onClick={() => void verify(l)} aria-label={`Verify here: make this ${KIND_LABEL[l.kind].toLowerCase()} the call's verified location`}>Verify here</button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {ng911.additionalData.length > 0 && (
            <details className="ng911-adr">
              <summary>Additional data ({ng911.additionalData.map((a) => a.purpose).join(', ')})</summary>
              {ng911.additionalData.map((a, i) => (
                <div key={i}>
                  <h4>{a.purpose}</h4>
                  {a.problem && <p className="error">{a.problem}</p>}
                  <dl>{Object.entries(a.fields).map(([k, v]) => (<div key={k}><dt>{k}</dt><dd>{v}</dd></div>))}</dl>
                </div>
              ))}
            </details>
          )}
          <ChatPanel callId={call.id} store={store} ended={ended} />
        </>
      )}
    </section>
  );
}
