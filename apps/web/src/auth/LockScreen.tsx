import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';

/** Shown when the session locks after the idle limit: the password unlocks it in place. */
export function LockScreen({ username, minutes, onUnlocked, onSignOut }: { username: string; minutes: number; onUnlocked: () => void; onSignOut: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/v1/auth/unlock', { password });
      onUnlocked();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Unlock failed.');
      setPassword('');
    }
  }

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit}>
        <h1>Session locked</h1>
        <p className="muted">
          Locked after {minutes} minutes without activity. Signed in as <strong>{username}</strong>.
        </p>
        <label htmlFor="unlock-password">Password</label>
        <input id="unlock-password" type="password" autoComplete="current-password" autoFocus required value={password} onChange={(e) => setPassword(e.target.value)} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit">Unlock</button>
        <button type="button" className="link" onClick={onSignOut}>
          Sign out
        </button>
      </form>
    </main>
  );
}
