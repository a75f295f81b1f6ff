import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';

/** The second sign-in step: enter the authenticator code, or enrol an authenticator first. */
export function TotpStep({ enrol, onDone }: { enrol: boolean; onDone: () => void }) {
  const [code, setCode] = useState('');
  const [secret, setSecret] = useState<{ secret: string; uri: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (enrol) api<{ secret: string; uri: string }>('POST', '/api/v1/auth/totp/setup').then(setSecret, (e: ApiError) => setError(e.message));
  }, [enrol]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v1/auth/totp/verify', { code });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Verification failed.');
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit}>
        <h1>{enrol ? 'Set up your authenticator' : 'Authenticator code'}</h1>
        {enrol && (
          <p className="muted">
            Your role requires a second factor. Add this key to an authenticator app, then enter the code it shows.
            <br />
            <code className="secret">{secret ? secret.secret.replace(/(.{4})/g, '$1 ').trim() : 'Loading…'}</code>
          </p>
        )}
        <label htmlFor="totp">6-digit code</label>
        <input id="totp" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} autoFocus required value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || code.length !== 6}>
          Verify
        </button>
      </form>
    </main>
  );
}
