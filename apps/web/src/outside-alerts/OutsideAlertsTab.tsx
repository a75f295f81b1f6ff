import { useCallback, useEffect, useState } from 'react';
import type { ProgramTabProps } from '../community/program-tabs';
import { ApiError } from '../api/client';
import { createWelfareCheck, loadActiveOutsideAlerts, onOutsideAlertsChanged, loadFeedStatus, type FeedStatus, loadPeopleInArea, OUTSIDE_ALERTS_REFRESH_MS, type OutsideAlertFeature, type PersonInArea } from './outside-alerts-api';
import './outside-alerts.css';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }) : 'not given');

function AlertSummary({ a }: { a: OutsideAlertFeature }) {
  const p = a.properties;
  return (
    <>
      <span className="oa-event">{p.event}</span>
      <span className={`oa-sev oa-sev-${p.severity.toLowerCase()}`}>{p.severity}</span>
      <span className="oa-meta">{p.urgency} · until {when(p.expiresAt)}</span>
      <span className="oa-meta oa-area">{p.areaDesc || 'No area description'}{p.hasArea ? '' : ' (no drawn area)'}</span>
    </>
  );
}

/** The people inside one alert's area, with the one action the floor takes for each. */
function PeopleInArea({ alert, purpose, onStatus }: { alert: OutsideAlertFeature; purpose: string; onStatus: (s: string) => void }) {
  const [people, setPeople] = useState<PersonInArea[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const res = await loadPeopleInArea(alert.id, purpose);
      setPeople(res.people);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [alert.id, purpose]);
  useEffect(() => {
    setPeople(null);
    void load();
  }, [load]);

  async function welfare(p: PersonInArea) {
    const key = `${p.kind}:${p.id}`;
    setBusy(key);
    try {
      const r = await createWelfareCheck(alert.id, p);
      onStatus(r.created ? `Welfare check created for ${p.name}: incident ${r.number}.` : `${p.name} already has welfare check ${r.number} for this alert.`);
      await load();
    } catch (e) {
      const err = e as ApiError;
      onStatus(`Could not create the welfare check for ${p.name}: ${err.fields?.personId ?? err.message}`);
    } finally {
      setBusy(null);
    }
  }

  const p = alert.properties;
  return (
    <section className="oa-people" aria-labelledby="oa-people-title">
      <h3 id="oa-people-title">People inside: {p.event}</h3>
      {p.headline && <p className="oa-headline">{p.headline}</p>}
      {p.instruction && <p className="muted small">{p.instruction}</p>}
      {error ? (
        <p role="alert" className="error">Could not load the people in this area: {error} <button type="button" className="link" onClick={() => void load()}>Try again</button></p>
      ) : people === null ? (
        <p className="muted" role="status">Loading the people in this area…</p>
      ) : !p.hasArea ? (
        <p className="muted">This alert names its area by code only (no polygon or circle), so no one can be placed inside it.</p>
      ) : people.length === 0 ? (
        <p className="muted">No registered special-needs residents or CARE enrollees live inside this area.</p>
      ) : (
        <table className="oa-table">
          <caption className="sr-only">Registered residents inside the area of {p.event}, by street</caption>
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Address</th><th scope="col">Phone</th><th scope="col">Need</th><th scope="col">CARE check-in</th><th scope="col">Welfare check</th></tr>
          </thead>
          <tbody>
            {people.map((x) => (
              <tr key={`${x.kind}:${x.id}`}>
                <th scope="row">{x.name}</th>
                <td>{x.address}</td>
                <td>{x.phone ? <>{x.phone}{x.phoneOf && <span className="muted small"> ({x.phoneOf})</span>}</> : <span className="muted">none</span>}</td>
                <td>{x.need}</td>
                <td>{x.checkInDue === null ? <span className="muted">not enrolled</span> : x.checkInDue ? <span className="oa-due">Due, not checked in</span> : 'Not due'}</td>
                <td>
                  {x.welfareIncident ? (
                    <span className="oa-done">Sent: {x.welfareIncident.number}</span>
                  ) : (
                    <button type="button" onClick={() => void welfare(x)} disabled={busy !== null} aria-label={`Create welfare check for ${x.name}`}>
                      {busy === `${x.kind}:${x.id}` ? 'Creating…' : 'Create welfare check'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Where the alerts come from and whether the last poll worked: a silent feed must not look like calm weather. */
function FeedLine({ feeds }: { feeds: FeedStatus | null }) {
  if (!feeds) return null;
  if (!feeds.feeds.length) return <p className="muted small oa-feeds">No CAP feeds are configured (PSAP_CAP_FEEDS); alerts imported with psap cap import appear here.</p>;
  return (
    <div className="oa-feeds small">
      <p className="muted">
        {feeds.feeds.length} CAP feed{feeds.feeds.length === 1 ? '' : 's'}, polled every {Math.round(feeds.pollSeconds / 60) || 1} min{feeds.lastRunAt ? `; last poll ${when(feeds.lastRunAt)}` : '; not polled yet'}.
      </p>
      {feeds.lastError && <p className="oa-feed-error">Last poll had problems: {feeds.lastError}</p>}
    </div>
  );
}

/**
 * Weather and other outside alerts: the active warnings received from other senders (severity,
 * urgency, expiry) and, for the one chosen, the registered vulnerable people inside its area.
 */
export function OutsideAlertsTab({ purpose }: ProgramTabProps) {
  const [alerts, setAlerts] = useState<OutsideAlertFeature[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const [feeds, setFeeds] = useState<FeedStatus | null>(null);
  const load = useCallback(async () => {
    try {
      const fc = await loadActiveOutsideAlerts();
      setAlerts(fc.features);
      setError(null);
      setFeeds(await loadFeedStatus().catch(() => null));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), OUTSIDE_ALERTS_REFRESH_MS);
    const off = onOutsideAlertsChanged(() => void load());
    return () => {
      clearInterval(t);
      off();
    };
  }, [load]);
  const current = alerts?.find((a) => a.id === selected) ?? null;

  return (
    <div className="outside-alerts">
      <section className="oa-list" aria-labelledby="oa-list-title">
        <h2 id="oa-list-title">Active outside alerts</h2>
        {error && <p role="alert" className="error">Could not load outside alerts: {error} <button type="button" className="link" onClick={() => void load()}>Try again</button></p>}
        {alerts === null && !error ? (
          <p className="muted" role="status">Loading outside alerts…</p>
        ) : alerts && alerts.length === 0 ? (
          <p className="muted">No active weather or outside alerts.</p>
        ) : (
          <ul aria-label="Active outside alerts">
            {alerts?.map((a) => (
              <li key={a.id}>
                <button type="button" className={`oa-item${a.id === selected ? ' selected' : ''}`} aria-pressed={a.id === selected} onClick={() => setSelected(a.id)}>
                  <AlertSummary a={a} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <FeedLine feeds={feeds} />
      </section>
      <div className="oa-detail">
        <p role="status" className="oa-status">{status}</p>
        {current ? <PeopleInArea key={current.id} alert={current} purpose={purpose} onStatus={setStatus} /> : alerts && alerts.length > 0 && <p className="muted">Choose an alert to list the registered residents inside its area for proactive welfare checks.</p>}
      </div>
    </div>
  );
}
