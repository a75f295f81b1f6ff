import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ROLE_LABELS, type IncidentSummary, type Recommendation, type SessionUser } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { ActionRegistry, type ActionContext } from '../actions/action-registry';
import { DISPATCH_ACTIONS } from '../actions/dispatch-actions';
import { MapPanel } from '../map/MapPanel';
import { FloorStore, useFloor } from '../state/floor-store';
import { alertTone } from '../shared/sound';
import { applyTheme, initialTheme } from '../shared/theme';
import { useNow } from '../shared/time';
import { ActiveIncidents } from './ActiveIncidents';
import { AlertTray } from './AlertTray';
import { CallIntake, type CallIntakeHandle, type PickedLocation } from './CallIntake';
import { CommandLine, type CommandLineHandle } from './CommandLine';
import { IncidentDetail, type IncidentDetailHandle } from './IncidentDetail';
import { PendingQueue, type PendingQueueHandle } from './PendingQueue';
import { CareAlertPanel } from './CareAlertPanel';
import { runOutTimers } from './timer-rules';
import { UnitBoard } from './UnitBoard';
import { outsideAlertsChanged } from '../outside-alerts/outside-alerts-api';
import { alertsChanged } from '../alerts/alerts-api';
import { useNg911Calls } from '../ng911/ng911-api';
import { Ng911CallPanel } from '../ng911/Ng911CallPanel';
import { Ng911QueueNote } from '../ng911/Ng911QueueNote';
import { SchedulePositionPicker } from '../workforce/schedule-position-picker';

const registry = new ActionRegistry([
  ...DISPATCH_ACTIONS,
  { id: 'help', title: 'List commands and keys', verbs: ['help', '?'], run: (ctx) => ctx.say(DISPATCH_ACTIONS.map((a) => `${a.verbs[0]}${a.key ? ` [${a.key}]` : ''}`).join(' · ')) },
]);

const CONNECTION_TEXT: Record<string, string> = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting… updates will catch up', locked: 'Locked', 'signed-out': 'Signed out' };

/**
 * The dispatcher's screen: call intake, the pending queue, active incidents, the live map, the
 * selected incident with its recommendation, the unit board and the timers, all from one store
 * fed by the event stream, all driven by the action registry's keys and command line.
 */
export function ConsoleView({ user, onLocked, onSignedOut, onSignOut, active = true }: { user: SessionUser; onLocked: () => void; onSignedOut: () => void; onSignOut: () => void; active?: boolean }) {
  // Kept mounted (a call in progress survives a look at another screen) but deaf to keys while hidden.
  const activeRef = useRef(active);
  activeRef.current = active;
  const canTake = user.role === 'call-taker' || user.role === 'dispatcher' || user.role === 'supervisor';
  const canDispatch = user.role === 'dispatcher' || user.role === 'supervisor';
  const store = useMemo(() => new FloorStore({ withCalls: canTake, onLocked, onSignedOut }), [canTake, onLocked, onSignedOut]);
  const incidents = useFloor(store, (s) => s.incidents);
  const units = useFloor(store, (s) => s.units);
  const calls = useFloor(store, (s) => s.calls);
  const connection = useFloor(store, (s) => s.connection);
  const loaded = useFloor(store, (s) => s.loaded);
  const loadError = useFloor(store, (s) => s.error);
  const lastIncidentEvent = useFloor(store, (s) => s.lastIncidentEvent);
  const feed = useFloor(store, (s) => s.feed);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [selectedUnitId, setSelectedUnitId] = useState<number | null>(null);
  const [selectedCareId, setSelectedCareId] = useState<number | null>(null);
  const careAlerts = useFloor(store, (s) => s.careAlerts);
  const ng911 = useNg911Calls(store, canTake);
  const [selectedCallId, setSelectedCallId] = useState<number | null>(null);
  const ng911Map = useMemo(() => ({ calls: ng911, selectedCallId }), [ng911, selectedCallId]);
  // Choosing an incident anywhere (map, lists, command line) replaces a CARE alert in the detail column.
  useEffect(() => {
    if (selectedId !== null) setSelectedCareId(null);
    if (selectedId !== null) setSelectedCallId(null);
  }, [selectedId]);
  const [detailVersion, setDetailVersion] = useState(0);
  const [recommendation, setRecommendation] = useState<Recommendation | null>(null);
  const [message, setMessage] = useState<{ text: string; kind: 'info' | 'error' } | null>(null);
  const [pick, setPick] = useState<PickedLocation | null>(null);
  const [theme, setTheme] = useState(initialTheme);
  const [acknowledged, setAcknowledged] = useState<Set<string>>(() => new Set(JSON.parse(sessionStorage.getItem('psap.acked') ?? '[]') as string[]));
  const intake = useRef<CallIntakeHandle>(null);
  const cmd = useRef<CommandLineHandle>(null);
  const queue = useRef<PendingQueueHandle>(null);
  const detail = useRef<IncidentDetailHandle>(null);
  const now = useNow();

  useEffect(() => {
    void store.start();
    return () => store.stop();
  }, [store]);
  // Outside alerts (weather warnings) are read by the map and the Programs tab; the floor's stream
  // tells them at once when one arrives or ends, instead of at their next periodic read.
  useEffect(() => store.onEvent((e) => {
    if (e.type === 'outside-alert.received') outsideAlertsChanged();
    // Issuing and cancelling an alert put its BOLO on or off units; both change the composer's list.
    if (e.type === 'alert.updated' || e.type === 'bolo.issued' || e.type === 'bolo.cancelled') alertsChanged();
  }), [store]);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    if (lastIncidentEvent && lastIncidentEvent.incidentId === selectedId) setDetailVersion((v) => v + 1);
  }, [lastIncidentEvent, selectedId]);
  useEffect(() => {
    if (selectedId !== null && loaded && !incidents.has(selectedId)) setSelectedId(null);
  }, [incidents, selectedId, loaded]);

  const say = useCallback((text: string, kind: 'info' | 'error' = 'info') => setMessage({ text, kind }), []);
  const alerts = useMemo(() => (loaded ? runOutTimers(incidents.values(), units.values(), now) : []), [incidents, units, now, loaded]);
  const acknowledge = useCallback((ids: string[]) => {
    setAcknowledged((prev) => {
      const next = new Set(prev);
      for (const id of ids) next.add(id);
      sessionStorage.setItem('psap.acked', JSON.stringify([...next].slice(-500)));
      return next;
    });
  }, []);

  // A new, unacknowledged alert sounds once; the tray keeps flashing until acknowledged.
  const sounded = useRef(new Set<string>());
  useEffect(() => {
    const fresh = alerts.filter((a) => !acknowledged.has(a.id) && !sounded.current.has(a.id));
    if (fresh.length) {
      for (const a of fresh) sounded.current.add(a.id);
      alertTone();
    }
  }, [alerts, acknowledged]);

  const ctx: ActionContext = {
    store,
    selectedIncidentId: selectedId,
    selectedUnitId,
    recommendation,
    select: setSelectedId,
    focusIntake: () => intake.current?.focus(),
    focusCommandLine: () => cmd.current?.focus(),
    focusQueue: () => queue.current?.focus(),
    focusNarrative: () => detail.current?.focusNarrative(),
    openClose: () => detail.current?.openClose(),
    acknowledgeAlerts: () => acknowledge(alerts.map((a) => a.id)),
    toggleTheme: () => setTheme((t) => (t === 'dark' ? 'light' : 'dark')),
    say,
  };
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;

  const runLine = useCallback(async (line: string): Promise<boolean> => {
    const parsed = registry.parse(line);
    if (!parsed) {
      say(`unknown command "${line.trim().split(/\s+/)[0]}"; type help`, 'error');
      return false;
    }
    try {
      await parsed.action.run(ctxRef.current, parsed.args);
      return true;
    } catch (e) {
      say(e instanceof ApiError || e instanceof Error ? e.message : String(e), 'error');
      return false;
    }
  }, [say]);

  // Function keys work everywhere, even while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!activeRef.current) return;
      const action = registry.forKey(e.key);
      if (!action) return;
      e.preventDefault();
      Promise.resolve(action.run(ctxRef.current, '')).catch((err: Error) => say(err.message, 'error'));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [say]);

  const onCreated = useCallback((i: IncidentSummary) => {
    if (canDispatch) setSelectedId(i.id);
  }, [canDispatch]);
  const onRecommendation = useCallback((r: Recommendation | null) => setRecommendation(r), []);
  const openAlerts = alerts.filter((a) => !acknowledged.has(a.id)).length;

  return (
    <div className={`console ${connection !== 'live' ? 'degraded' : ''}`}>
      <header className="topbar">
        <strong>OpenPSAP</strong>
        <CommandLine ref={cmd} registry={registry} run={runLine} />
        <span className={`status-line ${message?.kind ?? ''}`} role="status" aria-live="polite">{message?.text}</span>
        {openAlerts > 0 && <span className="badge danger" title="Timers run out (F12 acknowledges)">{openAlerts} timer{openAlerts > 1 ? 's' : ''}</span>}
        <span className={`conn conn-${connection}`} role="status" aria-label={`Connection: ${CONNECTION_TEXT[connection]}`}>{CONNECTION_TEXT[connection]}</span>
        {canTake && <SchedulePositionPicker />}
        <span className="muted">{user.displayName} · {ROLE_LABELS[user.role]}</span>
        <button type="button" className="link" onClick={() => void runLine('help')}>Keys</button>
        <button type="button" className="link" onClick={() => setTheme((t) => (t === 'dark' ? 'light' : 'dark'))}>{theme === 'dark' ? 'Light' : 'Dark'}</button>
        <button type="button" className="link" onClick={onSignOut}>Sign out</button>
      </header>
      {connection === 'reconnecting' && <div className="banner" role="alert">Connection lost: showing the last known state; reconnecting and catching up automatically.</div>}
      {loadError && <div className="banner error" role="alert">{loadError}</div>}
      {!loaded && !loadError ? (
        <p className="panel muted">Loading the floor…</p>
      ) : (
        <main className="console-grid">
          <div className="col-left">
            {canTake && <CallIntake ref={intake} onCreated={onCreated} onLocation={setPick} say={say} />}
            <PendingQueue ref={queue} incidents={incidents} calls={calls} careAlerts={careAlerts} selectedId={selectedId} selectedCareId={selectedCareId} onSelect={(id) => { setSelectedCareId(null); setSelectedCallId(null); setSelectedId(id); }} onSelectCare={setSelectedCareId} selectedCallId={selectedCallId} onSelectCall={(id) => { setSelectedCareId(null); setSelectedCallId(id); }} callNote={(c) => <Ng911QueueNote ng911={ng911.get(c.id)} />} />
            <ActiveIncidents incidents={incidents} selectedId={selectedId} onSelect={setSelectedId} />
          </div>
          <MapPanel incidents={incidents} units={units} selectedId={selectedId} pick={pick ? { lat: pick.lat, lon: pick.lon } : null} onSelectIncident={setSelectedId} onPickPoint={(lat, lon) => intake.current?.setPoint(lat, lon)} ng911={ng911Map} />
          <div className="col-right">
            {selectedCallId !== null && calls.get(selectedCallId) ? (
              <Ng911CallPanel call={calls.get(selectedCallId)!} ng911={ng911.get(selectedCallId)} store={store} onClose={() => setSelectedCallId(null)} say={say} />
            ) : selectedCareId !== null && careAlerts.get(selectedCareId) ? (
              <CareAlertPanel alert={careAlerts.get(selectedCareId)!} onDone={() => setSelectedCareId(null)} say={say} />
            ) : selectedId !== null ? (
              <IncidentDetail ref={detail} incidentId={selectedId} version={detailVersion} canDispatch={canDispatch} onRecommendation={onRecommendation} onDispatchRecommended={() => void runLine('dr')} runAction={(verb, args) => void runLine(`${verb} ${args}`)} say={say} />
            ) : (
              <section className="panel detail"><p className="muted">Select an incident: F4 then Enter, a click, or "sel 2026-000123".</p></section>
            )}
            <AlertTray alerts={alerts} acknowledged={acknowledged} onAcknowledge={acknowledge} onSelectIncident={setSelectedId} />
          </div>
          <div className="row-bottom">
            <UnitBoard units={units} selectedUnitId={selectedUnitId} onSelect={setSelectedUnitId} runAction={(verb, args) => void runLine(`${verb} ${args}`)} />
            <section className="panel feed-panel" aria-labelledby="feed-h">
              <h2 id="feed-h">Activity</h2>
              <ol className="feed">
                {feed.map((f) => <li key={f.seq}><span className="mono muted">{new Date(f.at).toLocaleTimeString([], { hour12: false })}</span> {f.text}</li>)}
              </ol>
            </section>
          </div>
        </main>
      )}
    </div>
  );
}
