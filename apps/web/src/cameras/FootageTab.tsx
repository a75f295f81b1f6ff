import { useCallback, useEffect, useState } from 'react';
import { FOOTAGE_STATES, type FootageRequest } from '@openpsap/contract';
import type { RtccTabProps } from '../rtcc/rtcc-tabs';
import { CameraPurposeBar, useCameraPurpose } from './CameraPurpose';
import { FOOTAGE_STATE_WORDS, FootageRequestList } from './FootageRequestList';
import { listFootage } from './cameras-api';
import './cameras.css';

/** Every footage request the RTCC has made, by state: what owners still have to answer, what arrived. */
export function FootageTab({ user, incidentId }: RtccTabProps) {
  const [purpose, setPurpose] = useCameraPurpose();
  const [state, setState] = useState('');
  const [list, setList] = useState<FootageRequest[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const analyst = user.role === 'rtcc-analyst';
  const load = useCallback(() => {
    if (!purpose || !analyst) return;
    setLoading(true);
    setProblem(null);
    listFootage(state, purpose).then(setList, (e: Error) => setProblem(e.message)).finally(() => setLoading(false));
  }, [purpose, state, analyst]);
  useEffect(load, [load]);
  if (!analyst) return <p className="panel">Footage requests are made and followed by RTCC analysts.</p>;
  return (
    <div className="camera-registry">
      <CameraPurposeBar purpose={purpose} incidentId={incidentId} onChange={setPurpose} />
      {!purpose ? (
        <p className="panel">State the purpose of access above to see footage requests.</p>
      ) : (
        <section className="panel footage-panel" aria-busy={loading}>
          <p className="muted small">Requests are made from a private camera in the Camera registry tab. Owners answer in their portal; a file they send becomes evidence on the incident.</p>
          <div className="footage-toolbar">
            <label className="camera-filter">
              <span>Show</span>
              <select value={state} onChange={(e) => setState(e.target.value)}>
                <option value="">all requests</option>
                {FOOTAGE_STATES.map((s) => <option key={s} value={s}>{FOOTAGE_STATE_WORDS[s]}</option>)}
              </select>
            </label>
            <button type="button" className="secondary" disabled={loading} onClick={load}>{loading ? 'Loading…' : 'Refresh'}</button>
          </div>
          {problem && <p className="field-error" role="alert">{problem}</p>}
          {!list && !problem && <p>Loading…</p>}
          {list && <FootageRequestList requests={list} canCancel onChanged={load} title="Footage requests" empty={state ? 'No request in this state.' : 'No footage request has been made yet.'} />}
        </section>
      )}
    </div>
  );
}
