import { useEffect, useState } from 'react';
import { ROLE_LABELS, type SessionUser } from '@openpsap/contract';
import { programTabsFor } from './program-tabs';
import { PurposeBar, usePurpose } from './purpose';
import './index';

function tabFromHash(ids: string[]): string | undefined {
  const m = /^#\/programs\/([\w-]+)/.exec(location.hash);
  return m && ids.includes(m[1]!) ? m[1] : ids[0];
}

/**
 * The community services home: one tab per program. Nothing about a person loads until a purpose
 * of access is stated, and each tab sends it with every read.
 */
export function CommunityHome({ user, onSignOut, embedded = false }: { user: SessionUser; onSignOut: () => void; embedded?: boolean }) {
  const tabs = programTabsFor(user.role);
  const ids = tabs.map((t) => t.id);
  const [active, setActive] = useState<string | undefined>(() => tabFromHash(ids));
  const [purpose, setPurpose] = usePurpose();
  useEffect(() => {
    const on = () => setActive(tabFromHash(ids));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids.join()]);
  const go = (id: string) => {
    location.hash = `#/programs/${id}`;
    setActive(id);
  };
  const tab = tabs.find((t) => t.id === active);
  const Tab = tab?.component;
  return (
    <div className="community">
      {!embedded && (
        <header className="topbar">
          <strong>OpenPSAP</strong>
          <span>Community services</span>
          <span className="status-line" />
          <span>{user.displayName} · {ROLE_LABELS[user.role]}</span>
          <button type="button" className="link" onClick={onSignOut}>Sign out</button>
        </header>
      )}
      <nav className="program-tabs" role="tablist" aria-label="Programs"
        onKeyDown={(e) => {
          const i = ids.indexOf(active ?? '');
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
            const next = ids[(i + (e.key === 'ArrowRight' ? 1 : ids.length - 1)) % ids.length]!;
            go(next);
            document.getElementById(`tab-${next}`)?.focus();
          }
        }}
      >
        {tabs.map((t) => (
          <button key={t.id} id={`tab-${t.id}`} type="button" role="tab" aria-selected={t.id === active} aria-controls="program-panel" tabIndex={t.id === active ? 0 : -1} className={t.id === active ? 'active' : ''} onClick={() => go(t.id)}>
            {t.label}
          </button>
        ))}
      </nav>
      <PurposeBar purpose={purpose} onChange={setPurpose} />
      <main id="program-panel" role="tabpanel" aria-labelledby={tab ? `tab-${tab.id}` : undefined} className="program-panel">
        {!tab || !Tab ? (
          <p className="muted">No programs are available to your role.</p>
        ) : purpose.length < 3 ? (
          <p className="panel">Choose the purpose of your access above to open {tab.label} records.</p>
        ) : (
          <Tab user={user} purpose={purpose} />
        )}
      </main>
    </div>
  );
}
