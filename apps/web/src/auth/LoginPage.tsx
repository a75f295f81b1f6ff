import { useState, type FormEvent } from 'react';
import type { Session } from '@openpsap/contract';
import { api, ApiError } from '../api/client';
import { TotpStep } from './TotpStep';

/** Sign-in: username and password, then the authenticator code when the account or role needs one. */
export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mfa, setMfa] = useState<Session['mfa'] | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api<Session>('POST', '/api/v1/auth/login', { username, password });
      if (s.mfa === 'none') onSignedIn();
      else setMfa(s.mfa);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Sign-in failed.');
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  if (mfa) return <TotpStep enrol={mfa === 'totp-enrollment-required'} onDone={onSignedIn} />;

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <h1>OpenPSAP</h1>
        <p className="muted">Emergency Communications Center</p>
        <label htmlFor="username">Username</label>
        <input id="username" name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {error && (
          <p id="login-error" role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
