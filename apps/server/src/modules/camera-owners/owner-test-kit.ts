import type pg from 'pg';
import type { TestServer } from '../../../test/helpers/test-server';
import { TestClient } from '../../../test/helpers/test-client';

/** The token in the newest e-mail sent to an address, as the person would find it in their inbox. */
export async function linkTokenFor(pool: pg.Pool, email: string): Promise<string> {
  const { rows } = await pool.query<{ body: string }>("SELECT body FROM outbound_messages WHERE recipient = $1 AND channel = 'email' ORDER BY id DESC LIMIT 1", [email]);
  const m = /\/public\/cameras\/link\/(co_[A-Za-z0-9_-]{43})/.exec(rows[0]?.body ?? '');
  if (!m) throw new Error(`no sign-in link was e-mailed to ${email}`);
  return m[1]!;
}

/** A browser-like client for the owners' portal: keeps the owner cookie the verify step sets. */
export class OwnerClient extends TestClient {
  async verify(token: string) {
    const res = await this.post('/api/v1/public/camera-owners/verify', { token });
    const m = /psap_owner=([^;]+)/.exec(res.headers.get('set-cookie') ?? '');
    if (m) this.cookie = `psap_owner=${m[1]}`;
    return res;
  }
}

/** Signs a new owner up through the real link flow and returns their signed-in client. */
export async function signedUpOwner(t: TestServer, email: string, signup: { kind: 'business' | 'resident'; name: string; organisation?: string }, language: 'en' | 'es' = 'en'): Promise<OwnerClient> {
  const c = new OwnerClient(t.url);
  const res = await c.post('/api/v1/public/camera-owners/sign-in', { email, language, signup });
  if (res.status !== 202) throw new Error(`sign-up refused: ${res.status} ${JSON.stringify(res.body)}`);
  const v = await c.verify(await linkTokenFor(t.pool, email));
  if (v.status !== 200) throw new Error(`verify refused: ${v.status} ${JSON.stringify(v.body)}`);
  return c;
}

export const TODAY_IN_NEW_YORK = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
