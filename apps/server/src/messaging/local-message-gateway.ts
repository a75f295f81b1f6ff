import type pg from 'pg';
import type { MessageGateway, OutboundMessage, SendResult } from './message-gateway';

/** Records messages instead of sending them; staff and tests read them back from outbound_messages. */
export class LocalMessageGateway implements MessageGateway {
  readonly name = 'local';

  constructor(private readonly pool: pg.Pool) {}

  async send(m: OutboundMessage): Promise<SendResult> {
    const { rows } = await this.pool.query<{ id: number }>(
      `INSERT INTO outbound_messages (channel, recipient, subject, body, purpose, related, gateway, status, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'local', 'sent', now()) RETURNING id`,
      [m.channel, m.to, m.subject ?? null, m.body, m.purpose, m.related ?? null],
    );
    return { id: rows[0]!.id, status: 'sent' };
  }
}
