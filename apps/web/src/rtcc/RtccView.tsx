import { useEffect, useState } from 'react';
import { ROLE_LABELS, type SessionUser } from '@openpsap/contract';
import { LiveVideoTab } from './LiveVideoTab';
import { rtccTabs } from './rtcc-tabs';
import './index';

/**
 * The Real-Time Crime Center's screen: live video (camera map, cameras that see the incident,
 * tiles) and the tabs other RTCC features register (rtcc-tabs.ts). The incident picked here is
 * handed to every tab.
 */
export function RtccView({ user, onSignOut, active = true }: { user: SessionUser; onSignOut: () => void; active?: boolean }) {
  const tabs = rtccTabs();
  const [tab, setTab] = useState<string>('live');
  const [incidentId, setIncidentId] = useState<number | null>(null);
  const current = tabs.find((t) => t.id === tab);
  // Nothing loads (map, cameras) until the screen is first shown.
  const [opened, setOpened] = useState(active);
  useEffect(() => {
    if (active) setOpened(true);
  }, [active]);
  if (!opened) return null;
  return (
    <div className="rtcc">
      <header className="topbar">
        <strong>OpenPSAP</strong>
        <span className="status-line">Real-Time Crime Center</span>
        <span className="muted">{user.displayName} · {ROLE_LABELS[user.role]}</span>
        <button type="button" className="link" onClick={onSignOut}>Sign out</button>
      </header>
      {tabs.length > 0 && (
        <nav className="rtcc-tabs" aria-label="RTCC tools">
          {[{ id: 'live', label: 'Live video' }, ...tabs].map((t) => (
            <button key={t.id} type="button" className={tab === t.id ? 'active' : ''} aria-current={tab === t.id ? 'page' : undefined} onClick={() => setTab(t.id)}>{t.label}</button>
          ))}
        </nav>
      )}
      {/* Live video stays mounted under other tabs, so running views keep playing and beating. */}
      <div hidden={tab !== 'live'} className="rtcc-body">
        <LiveVideoTab user={user} active={active && tab === 'live'} incidentId={incidentId} onIncident={setIncidentId} />
      </div>
      {current && <div className="rtcc-body rtcc-tab-body"><current.component user={user} incidentId={incidentId} /></div>}
    </div>
  );
}
