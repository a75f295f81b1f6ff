import { useCallback, useEffect, useState } from 'react';
import { LoginPage } from './auth/LoginPage';
import { LockScreen } from './auth/LockScreen';
import { TotpStep } from './auth/TotpStep';
import { loadSession, type CurrentSession } from './auth/session';
import { Home } from './home/Home';
import { ConsoleView } from './console/ConsoleView';
import { FieldView } from './mdt/FieldView';
import { SupervisorView } from './supervisor/SupervisorView';
import { CommunityHome } from './community/CommunityHome';
import { programTabsFor } from './community/program-tabs';
import { RtccView } from './rtcc/RtccView';
import type { Role } from '@openpsap/contract';

type Screen = 'console' | 'supervisor' | 'field' | 'home' | 'programs' | 'rtcc';

const SCREEN_LABELS: Record<Screen, string> = { console: 'Console', supervisor: 'Supervisor', programs: 'Programs', field: 'Field', home: 'Home', rtcc: 'RTCC' };

/** The screens a role works on, its usual one first. */
function screensFor(role: Role): Screen[] {
  if (role === 'responder') return ['field'];
  const s: Screen[] = [];
  // The RTCC's own screen comes first for its analysts; supervisors have it beside the floor.
  if (role === 'rtcc-analyst') s.push('rtcc');
  if (role === 'call-taker' || role === 'dispatcher' || role === 'supervisor' || role === 'rtcc-analyst') s.push('console');
  if (role === 'supervisor') s.push('supervisor', 'rtcc');
  // Programs (Help Me Home, CARE, special needs, ...) for every role that has one of their tabs.
  if (programTabsFor(role).length) s.push('programs');
  return s.length ? s : ['home'];
}

/** The screen in the address bar (#/supervisor, #/programs/care), when the role may see it. */
function useScreen(role: Role): [Screen, (s: Screen) => void] {
  const read = (): Screen => {
    const want = location.hash.replace(/^#\/?/, '').split('/')[0] as Screen;
    const allowed = screensFor(role);
    return allowed.includes(want) ? want : allowed[0]!;
  };
  const [screen, setScreen] = useState<Screen>(read);
  useEffect(() => {
    const on = () => setScreen(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [role]);
  return [screen, (s) => (location.hash = `#/${s}`)];
}

function SignedIn({ session, onLocked, onSignedOut }: { session: CurrentSession; onLocked: () => void; onSignedOut: () => void }) {
  const [screen, go] = useScreen(session.user.role);
  const screens = screensFor(session.user.role);
  const signOut = () => void api('POST', '/api/v1/auth/logout').finally(onSignedOut);
  if (screen === 'field') return <FieldView user={session.user} onSignOut={signOut} />;
  if (screen === 'home') return <Home user={session.user} onLocked={onLocked} onSignedOut={onSignedOut} />;
  if (screen === 'programs' && screens.length === 1) return <CommunityHome user={session.user} onSignOut={signOut} />;
  return (
    <>
      {screens.length > 1 && (
        <nav className="screen-tabs" aria-label="Screens">
          {screens.map((s) => (
            <button key={s} type="button" className={screen === s ? 'active' : ''} aria-current={screen === s ? 'page' : undefined} onClick={() => go(s)}>{SCREEN_LABELS[s]}</button>
          ))}
        </nav>
      )}
      {screen === 'supervisor' && <SupervisorView user={session.user} onSignOut={signOut} />}
      {screen === 'programs' && <CommunityHome user={session.user} onSignOut={signOut} embedded />}
      {screens.includes('rtcc') && (
        // Kept mounted like the console, so running views keep playing while another screen is shown.
        <div hidden={screen !== 'rtcc'}>
          <RtccView user={session.user} onSignOut={signOut} active={screen === 'rtcc'} />
        </div>
      )}
      {screens.includes('console') && (
        // The console stays mounted while another screen is shown, so a call being taken is not lost.
        <div hidden={screen !== 'console'}>
          <ConsoleView user={session.user} onLocked={onLocked} onSignedOut={onSignedOut} onSignOut={signOut} active={screen === 'console'} />
        </div>
      )}
    </>
  );
}
import { api } from './api/client';
import './public/index';
import { matchPublicRoute } from './public/public-routes';

type View = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'signed-out' } | { kind: 'session'; session: CurrentSession };

export function App() {
  const publicPage = matchPublicRoute(location.pathname);
  if (publicPage) {
    // Pages for the public are light: they are read in daylight on phones, not on a dim floor.
    document.documentElement.dataset.theme = 'light';
    const Page = publicPage.route.component;
    return <Page params={publicPage.params} />;
  }
  return <StaffApp />;
}

function StaffApp() {
  const [view, setView] = useState<View>({ kind: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const s = await loadSession();
      setView(s ? { kind: 'session', session: s } : { kind: 'signed-out' });
    } catch (e) {
      setView({ kind: 'error', message: (e as Error).message });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const locked = useCallback(() => void refresh(), [refresh]);
  const signedOut = useCallback(() => setView({ kind: 'signed-out' }), []);

  if (view.kind === 'loading') return <p className="panel muted">Loading…</p>;
  if (view.kind === 'error')
    return (
      <main className="auth-page">
        <div className="auth-card" role="alert">
          <h1>Cannot reach the server</h1>
          <p>{view.message}</p>
          <button type="button" onClick={() => void refresh()}>Try again</button>
        </div>
      </main>
    );
  if (view.kind === 'signed-out') return <LoginPage onSignedIn={() => void refresh()} />;
  const s = view.session;
  if (s.mfa === 'pending') return <TotpStep enrol={false} onDone={() => void refresh()} />;
  if (s.locked)
    return (
      <LockScreen
        username={s.user.username}
        minutes={s.idleLockMinutes}
        onUnlocked={() => void refresh()}
        onSignOut={() => void api('POST', '/api/v1/auth/logout').finally(signedOut)}
      />
    );
  return <SignedIn session={s} onLocked={locked} onSignedOut={signedOut} />;
}
