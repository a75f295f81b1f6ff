import type pg from 'pg';
import type { MessageGateway, OutboundMessage, SendResult } from './message-gateway';

/**
 * A carrier reached over HTTP: POSTs {to, body, subject} as JSON with a bearer key to the configured
 * URL and records the provider's answer. Works with any provider behind a small relay; no carrier
 * SDK is bundled. Every attempt is recorded, failed ones with the error, so nothing is lost silently.
 */
export class HttpSmsGateway implements MessageGateway {
  readonly name = 'http';

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly apiKey: string | null,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(m: OutboundMessage): Promise<SendResult> {
    let status: 'sent' | 'failed' = 'failed';
    let providerId: string | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}) },
        body: JSON.stringify({ channel: m.channel, to: m.to, subject: m.subject, body: m.body }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      if (res.ok) {
        status = 'sent';
        providerId = (JSON.parse(text || '{}') as { id?: string }).id ?? null;
      } else error = `provider answered ${res.status}: ${text.slice(0, 200)}`;
    } catch (e) {
      error = (e as Error).message;
    }
    const { rows } = await this.pool.query<{ id: number }>(
      `INSERT INTO outbound_messages (channel, recipient, subject, body, purpose, related, gateway, status, provider_id, error, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'http', $7, $8, $9, CASE WHEN $7 = 'sent' THEN now() END) RETURNING id`,
      [m.channel, m.to, m.subject ?? null, m.body, m.purpose, m.related ?? null, status, providerId, error],
    );
    return error ? { id: rows[0]!.id, status, error } : { id: rows[0]!.id, status };
  }
}
