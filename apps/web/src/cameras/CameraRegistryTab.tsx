import { useCallback, useEffect, useState } from 'react';
import type { CameraList } from '@openpsap/contract';
import type { RtccTabProps } from '../rtcc/rtcc-tabs';
import { CameraDetailPanel } from './CameraDetail';
import { ConsentBadge } from './ConsentBadge';
import { CameraPurposeBar, useCameraPurpose } from './CameraPurpose';
import { searchCameras, type CameraFilters } from './cameras-api';
import './cameras.css';

const NO_FILTERS: CameraFilters = { q: '', ownerKind: '', consent: '', status: '', health: '' };

/** The RTCC's camera registry: search and filter, then one camera's consents and access log. */
export function CameraRegistryTab({ user, incidentId }: RtccTabProps) {
  const [purpose, setPurpose] = useCameraPurpose();
  const [filters, setFilters] = useState<CameraFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<CameraFilters>(NO_FILTERS);
  const [list, setList] = useState<CameraList | null>(null);
  const [offset, setOffset] = useState(0);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);

  const load = useCallback(
    (at: number) => {
      if (!purpose) return;
      setLoading(true);
      setProblem(null);
      searchCameras(applied, at, purpose).then(
        (r) => {
          setList((prev) => (at === 0 || !prev ? r : { total: r.total, cameras: [...prev.cameras, ...r.cameras] }));
          setOffset(at);
        },
        (e: Error) => setProblem(e.message),
      ).finally(() => setLoading(false));
    },
    [applied, purpose],
  );
  useEffect(() => load(0), [load]);

  const field = (k: keyof CameraFilters, label: string, options: [string, string][]) => (
    <label className="camera-filter">
      <span>{label}</span>
      <select value={filters[k]} onChange={(e) => {
        const next = { ...filters, [k]: e.target.value };
        setFilters(next);
        setApplied(next);
      }}>
        <option value="">any</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </label>
  );

  return (
    <div className="camera-registry">
      <CameraPurposeBar purpose={purpose} incidentId={incidentId} onChange={setPurpose} />
      {!purpose ? (
        <p className="panel">State the purpose of access above to open the registry.</p>
      ) : (
        <div className="camera-layout">
          <section className="panel camera-list-panel" aria-labelledby="camera-list-title">
            <h2 id="camera-list-title">Camera registry{list ? ` · ${list.total.toLocaleString()} ${list.total === 1 ? 'camera' : 'cameras'}` : ''}</h2>
            <form className="camera-filters" role="search" onSubmit={(e) => (e.preventDefault(), setApplied(filters))}>
              <label className="camera-filter camera-search">
                <span>Search</span>
                <input type="search" value={filters.q} placeholder="name, address, tag or source id" onChange={(e) => setFilters({ ...filters, q: e.target.value })} />
              </label>
              {field('ownerKind', 'Owner', [['city', 'city'], ['business', 'business'], ['resident', 'resident']])}
              {field('consent', 'Allows now', [['live', 'live view'], ['footage', 'footage on request'], ['registry', 'registry only'], ['none', 'no consent']])}
              {field('status', 'Status', [['active', 'active'], ['inactive', 'inactive'], ['removed', 'removed']])}
              {field('health', 'Health', [['online', 'online'], ['offline', 'offline'], ['degraded', 'degraded'], ['unknown', 'unknown']])}
              <button type="submit">Search</button>
            </form>
            {problem && <p className="field-error" role="alert">{problem}</p>}
            {loading && <p className={list ? 'muted small' : ''} role="status">Loading…</p>}
            {list && list.cameras.length === 0 && <p className="muted">No camera matches.</p>}
            {list && list.cameras.length > 0 && (
              <div className="camera-table-wrap">
                <table className="camera-table">
                  <thead>
                    <tr><th scope="col">Camera</th><th scope="col">Owner</th><th scope="col">Consent</th><th scope="col">Status</th><th scope="col">Health</th></tr>
                  </thead>
                  <tbody>
                    {list.cameras.map((c) => (
                      <tr key={c.id} className={selected === c.id ? 'selected' : ''}>
                        <td>
                          <button type="button" className="link camera-open" aria-pressed={selected === c.id} onClick={() => setSelected(c.id)}>{c.name}</button>
                          {c.tags.length > 0 && <span className="muted small"> {c.tags.join(', ')}</span>}
                        </td>
                        <td>{c.ownerKind}</td>
                        <td><ConsentBadge c={c} /></td>
                        <td>{c.status}</td>
                        <td>{c.health}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {list && list.cameras.length < list.total && (
              <button type="button" className="secondary" disabled={loading} onClick={() => load(offset + 100)}>Show more ({(list.total - list.cameras.length).toLocaleString()} left)</button>
            )}
          </section>
          <div className="camera-detail-col">
            {selected === null ? (
              <p className="panel muted">Choose a camera to see its consent, access log and footage requests.</p>
            ) : (
              <CameraDetailPanel key={selected} id={selected} user={user} purpose={purpose} incidentId={incidentId} onChanged={() => load(0)} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
