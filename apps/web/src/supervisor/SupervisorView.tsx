import { useEffect, useState } from 'react';
import { ROLE_LABELS, type SessionUser } from '@openpsap/contract';
import { supervisorTabs } from './supervisor-tabs';
import './index';

function tabFromHash(ids: string[]): string | undefined {
  const m = /^#\/supervisor\/([\w-]+)/.exec(location.hash);
  return m && ids.includes(m[1]!) ? m[1] : ids[0];
}

/** The supervisor's home: one tab per page (floor overview first), kept in the URL so a reload stays put. */
export function SupervisorView({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  const tabs = supervisorTabs();
  const ids = tabs.map((t) => t.id);
  const [active, setActive] = useState<string | undefined>(() => tabFromHash(ids));
  useEffect(() => {
    const on = () => setActive(tabFromHash(ids));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids.join()]);
  const go = (id: string) => {
    location.hash = `#/supervisor/${id}`;
    setActive(id);
  };
  const tab = tabs.find((t) => t.id === active);
  const Tab = tab?.component;
  return (
    <>
      <header className="topbar">
        <strong>OpenPSAP</strong>
        <span className="status-line">Supervisor{tab ? ` · ${tab.label}` : ''}</span>
        <span className="muted">{user.displayName} · {ROLE_LABELS[user.role]}</span>
        <button type="button" className="link" onClick={onSignOut}>Sign out</button>
      </header>
      <nav className="program-tabs" role="tablist" aria-label="Supervisor pages"
        onKeyDown={(e) => {
          const i = ids.indexOf(active ?? '');
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
            const next = ids[(i + (e.key === 'ArrowRight' ? 1 : ids.length - 1)) % ids.length]!;
            go(next);
            document.getElementById(`sup-tab-${next}`)?.focus();
          }
        }}
      >
        {tabs.map((t) => (
          <button key={t.id} id={`sup-tab-${t.id}`} type="button" role="tab" aria-selected={t.id === active} aria-controls="supervisor-panel" tabIndex={t.id === active ? 0 : -1} className={t.id === active ? 'active' : ''} onClick={() => go(t.id)}>
            {t.label}
          </button>
        ))}
      </nav>
      <main id="supervisor-panel" role="tabpanel" aria-labelledby={tab ? `sup-tab-${tab.id}` : undefined} className="program-panel">
        {Tab ? <Tab user={user} /> : <p className="muted">Nothing to show.</p>}
      </main>
    </>
  );
}
