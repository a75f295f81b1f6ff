import { useCallback, useEffect, useState } from 'react';
import { LoginPage } from './auth/LoginPage';
import { LockScreen } from './auth/LockScreen';
import { TotpStep } from './auth/TotpStep';
import { loadSession, type CurrentSession } from './auth/session';
import { Home } from './home/Home';
import { api } from './api/client';

type View = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'signed-out' } | { kind: 'session'; session: CurrentSession };

export function App() {
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
  return <Home user={s.user} onLocked={locked} onSignedOut={signedOut} />;
}
