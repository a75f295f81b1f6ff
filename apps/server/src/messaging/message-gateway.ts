/** One message to a member of the public. */
export interface OutboundMessage {
  channel: 'sms' | 'email';
  /** E.164-ish phone number for sms, address for email. */
  to: string;
  subject?: string;
  body: string;
  /** Why it is sent ('care.reminder', 'special-needs.manage-link', ...). */
  purpose: string;
  /** What it concerns, e.g. 'care:12' or 'incident:40'; lets staff see what was sent about what. */
  related?: string;
}

export interface SendResult {
  id: number;
  status: 'sent' | 'failed';
  error?: string;
}

/**
 * How the centre reaches people by SMS or e-mail. The carrier needs credentials this install may
 * not have, so the demo and the tests use the local stand-in, which records each message exactly
 * as a real gateway would send it.
 */
export interface MessageGateway {
  readonly name: string;
  send(m: OutboundMessage): Promise<SendResult>;
}
