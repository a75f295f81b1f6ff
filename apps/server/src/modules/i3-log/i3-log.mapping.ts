import type { AnyStreamEvent, I3LogEventType } from '@openpsap/contract';
import { agencyUri, callUrn, elementId, incidentUrn } from '../eido/emergency-ids';
import type { AuditRow } from './ledger-follower';

/** One LogEvent to record, with the keys it is found by. */
export interface I3LogDraft {
  type: I3LogEventType;
  at: string;
  callId: number | null;
  incidentId: number | null;
  agent: string | null;
  body: Record<string, unknown>;
}

interface Ids {
  domain: string;
  /** Agency codes by id, for agency URIs. */
  agencyCodes: Map<number, string>;
}

const isPerson = (label: string | null) => !!label && !label.includes(':');

function base(type: I3LogEventType, at: string, ids: Ids, agencyId: number | null, agent: string | null): Record<string, unknown> {
  const code = agencyId !== null ? ids.agencyCodes.get(agencyId) : undefined;
  return {
    logEventType: type,
    timestamp: at,
    elementId: elementId(ids.domain),
    agencyId: code ? agencyUri(code, ids.domain) : `psap.${ids.domain}`,
    ...(isPerson(agent) ? { agencyAgentId: `${agent}@${ids.domain}` } : {}),
  };
}

const callType = (source: string) => (source === 'non-emergency' ? 'non-emergency' : 'emergency');

/**
 * The i3 LogEvents (NENA STA-010) a committed domain event stands for. Call start, answer and
 * end carry the phone system's own times (presented, answered, released), not the time the
 * event was written, so answer times measured from the log are the caller's experience.
 */
export function logEventsForEvent(e: AnyStreamEvent, ids: Ids): I3LogDraft[] {
  const d = ids.domain;
  const agent = e.actor;
  const out: I3LogDraft[] = [];
  const call = (type: I3LogEventType, at: string, c: { id: number; source: string }, extra: Record<string, unknown>, incidentId: number | null = null) =>
    out.push({ type, at, callId: c.id, incidentId, agent, body: { ...base(type, at, ids, e.agencyId, agent), callId: callUrn(c.id, d), ...(incidentId !== null ? { incidentId: incidentUrn(incidentId, d) } : {}), ...extra } });
  const link = (callId: number, incidentId: number, agencyId: number | null) =>
    out.push({
      type: 'IncidentLinkLogEvent',
      at: e.at,
      callId,
      incidentId,
      agent,
      body: { ...base('IncidentLinkLogEvent', e.at, ids, agencyId, agent), callId: callUrn(callId, d), incidentId: incidentUrn(incidentId, d), linkedIncidentId: incidentUrn(incidentId, d), relationship: 'unspecified', extension: { linked: 'call', callId: callUrn(callId, d) } },
    });
  switch (e.type) {
    case 'call.created': {
      const c = e.data.call;
      call('CallStartLogEvent', c.presentedAt, c, { direction: 'incoming', standardPrimaryCallType: callType(c.source), localCallType: c.source });
      if (c.answeredAt) call('CallStateChangeLogEvent', c.answeredAt, c, { state: 'Answered', direction: 'incoming' });
      if (c.releasedAt) call('CallEndLogEvent', c.releasedAt, c, { direction: 'incoming', standardPrimaryCallType: callType(c.source), localCallType: c.source });
      break;
    }
    case 'call.answered': {
      const c = e.data.call;
      call('CallStateChangeLogEvent', c.answeredAt ?? e.at, c, { state: 'Answered', direction: 'incoming' });
      break;
    }
    case 'call.released': {
      const c = e.data.call;
      call('CallEndLogEvent', c.releasedAt ?? e.at, c, { direction: 'incoming', standardPrimaryCallType: callType(c.source), localCallType: c.source, ...(c.answeredAt ? {} : { extension: { abandoned: true } }) }, c.incidentId);
      break;
    }
    case 'call.attached':
      link(e.data.call.id, e.data.incidentId, e.agencyId);
      break;
    case 'incident.created':
      if (e.data.callId !== null) link(e.data.callId, e.data.incident.id, e.data.incident.agencyId);
      break;
    case 'incident.closed':
    case 'incident.reopened': {
      const type = e.type === 'incident.closed' ? 'IncidentClearLogEvent' : 'IncidentReopenLogEvent';
      const inc = e.data.incident;
      out.push({ type, at: e.at, callId: null, incidentId: inc.id, agent, body: { ...base(type, e.at, ids, inc.agencyId, agent), incidentId: incidentUrn(inc.id, d), ...(e.type === 'incident.closed' ? { extension: { disposition: e.data.disposition } } : {}) } });
      break;
    }
    default:
      textMessage(e, out, ids);
      break;
  }
  return out;
}

/**
 * Text to 9-1-1 (SIP MESSAGE) as MessageLogEvents. Read by shape rather than by type, so the
 * log follows the text intake without depending on it; a delivery result is not a new message.
 */
function textMessage(e: AnyStreamEvent, out: I3LogDraft[], ids: Ids): void {
  if ((e.type as string) !== 'call.text') return;
  const d = e.data as unknown as { text?: { callId?: unknown; direction?: unknown; body?: unknown; at?: unknown; sentBy?: unknown }; delivery?: unknown };
  const t = d.text;
  if (!t || d.delivery === true || typeof t.callId !== 'number' || typeof t.body !== 'string') return;
  const at = typeof t.at === 'string' ? t.at : e.at;
  const agent = typeof t.sentBy === 'string' ? t.sentBy : e.actor;
  out.push({
    type: 'MessageLogEvent',
    at,
    callId: t.callId,
    incidentId: null,
    agent,
    body: { ...base('MessageLogEvent', at, ids, null, agent), callId: callUrn(t.callId, ids.domain), text: t.body, direction: t.direction === 'out' ? 'outgoing' : 'incoming' },
  });
}

// Sign-in makes a telecommunicator available to take calls; sign-out, a lock-out, and an idle
// lock (recorded when it is unlocked) take them away.
const AGENT_STATES: Record<string, [primary: 'Available' | 'NotAvailable', secondary: string]> = {
  'auth.login': ['Available', 'SignedIn'],
  'auth.logout': ['NotAvailable', 'SignedOut'],
  'auth.locked-out': ['NotAvailable', 'LockedOut'],
  'auth.unlock': ['Available', 'Unlocked'],
};

/** The i3 LogEvents an audit row stands for: agent state changes (of `agents`: floor users by id) and EIDO transfers in. */
export function logEventsForAudit(a: AuditRow, ids: Ids, agents: Map<number, string>): I3LogDraft[] {
  const at = a.at.toISOString();
  const state = AGENT_STATES[a.action];
  if (state && a.entity === 'user' && a.entity_id) {
    const username = agents.get(Number(a.entity_id));
    if (!username) return [];
    return [{ type: 'AgentStateChangeLogEvent', at, callId: null, incidentId: null, agent: username, body: { ...base('AgentStateChangeLogEvent', at, ids, null, username), primaryAgentState: state[0], secondaryAgentState: state[1] } }];
  }
  if (a.action === 'eido.import' && a.entity_id) {
    const incidentId = Number(a.entity_id);
    const after = a.after ?? {};
    return [{ type: 'EidoLogEvent', at, callId: null, incidentId, agent: a.actor_label, body: { ...base('EidoLogEvent', at, ids, null, a.actor_label), incidentId: incidentUrn(incidentId, ids.domain), direction: 'incoming', extension: { sourceId: after.sourceId ?? null, issuingElement: after.issuingElement ?? null } } }];
  }
  return [];
}
