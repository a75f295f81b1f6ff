import type pg from 'pg';

/** One CAP message on its way to the public. */
export interface OutgoingCap {
  messageId: number;
  identifier: string;
  msgType: 'Alert' | 'Update' | 'Cancel';
  xml: string;
}

/**
 * Where issued alerts go. The federal IPAWS-OPEN gateway needs the centre's own credentials and
 * certificate; until a centre has them, the local stand-in keeps every message in
 * alert_publications, and the public page and Atom feed serve them from there.
 */
export interface AlertPublisher {
  readonly channel: string;
  /** Runs inside the issuing transaction: if publishing fails, the alert is not marked issued. */
  publish(tx: pg.PoolClient, message: OutgoingCap, now: Date): Promise<{ receipt: string }>;
}

export const localAlertPublisher: AlertPublisher = {
  channel: 'local',
  async publish(tx, message, now) {
    const receipt = `local:${message.identifier}`;
    await tx.query('INSERT INTO alert_publications (message_id, channel, published_at, receipt) VALUES ($1, $2, $3, $4)', [message.messageId, 'local', now, receipt]);
    return { receipt };
  },
};
