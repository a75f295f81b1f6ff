import { useState, type FormEvent } from 'react';
import type { HmhMatch } from '@openpsap/contract';
import type { ProgramTabProps } from '../community/program-tabs';
import { hmhApi } from './hmh-api';
import { PersonForm } from './PersonForm';
import { PersonProfile } from './PersonProfile';

const MANAGERS = ['supervisor', 'community-officer'];
const REPORTERS = ['call-taker', 'dispatcher', 'supervisor', 'community-officer'];

/**
 * Help Me Home: "someone was found at X" or "my father is missing" — search by description and by
 * place, open the profile, report missing in one step. Officers also register people here.
 */
export function HmhTab({ user, purpose }: ProgramTabProps) {
  const h = hmhApi(purpose);
  const [q, setQ] = useState('');
  const [near, setNear] = useState('');
  const [sex, setSex] = useState('');
  const [minAge, setMinAge] = useState('');
  const [maxAge, setMaxAge] = useState('');
  const [result, setResult] = useState<{ near: { label: string } | null; matches: HmhMatch[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [registering, setRegistering] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const canManage = MANAGERS.includes(user.role);

  async function search(e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      setResult(await h.search({ q, near, sex, minAge, maxAge }));
    } catch (x) {
      const fields = (x as { fields?: Record<string, string> }).fields ?? {};
      setFieldErrors(fields);
      setError((x as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="split">
      <section className="panel" aria-labelledby="hmh-search-h">
        <h2 id="hmh-search-h">Help Me Home</h2>
        <form onSubmit={search} className="hmh-search" role="search" aria-label="Find a registered person">
          <div className="field">
            <label htmlFor="hmh-q">Description</label>
            <input id="hmh-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder="grey jacket, cane, hearing aid, name" aria-invalid={fieldErrors.q ? true : undefined} />
          </div>
          <div className="field">
            <label htmlFor="hmh-near">Found near</label>
            <input id="hmh-near" value={near} onChange={(e) => setNear(e.target.value)} placeholder="Address, intersection, place or lat,lon" aria-invalid={fieldErrors.near ? true : undefined} />
            {fieldErrors.near && <p className="error small">{fieldErrors.near}</p>}
          </div>
          <div className="row">
            <div className="field">
              <label htmlFor="hmh-sex-f">Sex</label>
              <select id="hmh-sex-f" value={sex} onChange={(e) => setSex(e.target.value)}>
                <option value="">any</option>
                <option value="female">female</option>
                <option value="male">male</option>
                <option value="other">other</option>
              </select>
            </div>
            <div className="field"><label htmlFor="hmh-min">Age from</label><input id="hmh-min" type="number" min={0} value={minAge} onChange={(e) => setMinAge(e.target.value)} /></div>
            <div className="field"><label htmlFor="hmh-max">to</label><input id="hmh-max" type="number" min={0} value={maxAge} onChange={(e) => setMaxAge(e.target.value)} /></div>
          </div>
          <div className="buttons">
            <button type="submit" disabled={busy}>{busy ? 'Searching…' : 'Search'}</button>
            {canManage && <button type="button" className="secondary" onClick={() => (setRegistering(true), setSelected(null))}>Register a person…</button>}
          </div>
        </form>
        {status && <p role="status" className="muted">{status}</p>}
        {error && <p role="alert" className="error">{error}</p>}
        {!result && !error && <p className="muted small">Search with words from the description, the place the person was found, or both. Missing people come first, then the nearest.</p>}
        {result && result.matches.length === 0 && <p className="muted">No registered person matches. Try fewer words.</p>}
        {result && result.matches.length > 0 && (
          <ul className="rows" aria-label="Matches">
            {result.matches.map((m) => (
              <li key={m.id} className={`row ${selected === m.id ? 'selected' : ''}`}>
                <button type="button" className="rowbtn" aria-current={selected === m.id ? 'true' : undefined} onClick={() => (setSelected(m.id), setRegistering(false))}>
                  {m.hasPhoto ? <img className="hmh-thumb" src={h.photoUrl(m.id)} alt="" /> : <span className="hmh-thumb empty" aria-hidden="true" />}
                  <span className="grow">
                    <strong>{m.name}</strong> {m.state !== 'active' && <span className={`badge ${m.state === 'missing' ? 'danger' : ''}`}>{m.state}</span>}
                    <br />
                    <span className="small muted">{m.summary}</span>
                  </span>
                  {m.distanceM !== null && (
                    <span className="small mono">
                      {m.distanceM < 1000 ? `${m.distanceM} m` : `${(m.distanceM / 1000).toFixed(1)} km`}
                      <br />
                      <span className="muted">{m.nearestPlace}</span>
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {registering ? (
        <PersonForm person={null} onCancel={() => setRegistering(false)} onSave={async (body) => {
          const p = await h.create(body);
          setRegistering(false);
          setSelected(p.id);
          setStatus(`Registered ${p.firstName} ${p.lastName}`);
        }} />
      ) : selected !== null ? (
        <PersonProfile id={selected} purpose={purpose} canManage={canManage} canReport={REPORTERS.includes(user.role)} onChanged={(m) => (setStatus(m), result && void search())} />
      ) : (
        <p className="panel muted">Choose a person to see their profile.</p>
      )}
    </div>
  );
}
