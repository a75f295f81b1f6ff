import { randomBytes } from 'node:crypto';
import type { AnyStreamEvent } from '@openpsap/contract';
import type { AppContext } from '../http/app-context';
import { systemActor } from '../events/actor';
import { answerCall, releaseCall } from '../modules/calls/calls.commands';
import {
  addCallLocation, addIncomingText, nextLocalCseq, presentSipCall, recordDelivery, setDialogState, setLocationStatus, type IncomingLocation,
} from '../modules/ng911/ng911.commands';
import { dialogForCall, openConversation } from '../modules/ng911/ng911.queries';
import { readEmergencyRequest, type EmergencyRequest } from '../ng911/emergency-request';
import { dereference } from '../ng911/dereference';
import { parsePidfLo } from '../ng911/pidf-lo';
import { parseAdditionalData } from '../ng911/additional-data';
import { locate } from '../modules/incidents/locate';
import { sdpAnswer } from './sdp-answer';
import type { SipSettings } from './sip-config';
import {
  header, headerValues, parseCSeq, parseNameAddr, parseSipMessage, parseVia, serialize, sipUriTarget, type SipHeader, type SipRequest, type SipResponse,
} from './sip-message';
import { SipTransport, type SipPeer } from './sip-transport';

const T1 = 500;
const T2 = 4_000;
const TX_LIFETIME_MS = 64 * T1;
const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, UPDATE, INFO';
const REFUSED_KNOWN = new Set(['REGISTER', 'SUBSCRIBE', 'NOTIFY', 'PUBLISH', 'REFER', 'PRACK']);
const USER_AGENT = 'OpenPSAP call-handling interface';
const actor = systemActor('sip');

/** A server transaction: the last response is resent when the request is retransmitted. */
interface ServerTx {
  key: string;
  method: string;
  peer: SipPeer;
  lastResponse: Buffer | null;
  finalAt: number | null;
  created: number;
  /** INVITE only: the call it presented, its tag, and whether CANCEL came first. */
  callId?: number;
  localTag?: string;
  cancelled?: boolean;
  req?: SipRequest;
  offer?: string | null;
  retransmit?: NodeJS.Timeout;
  acked?: boolean;
}

/** A dialog this process holds: how to reach the caller and what to answer in it. */
interface Dialog {
  callId: number;
  sipCallId: string;
  remoteTag: string | null;
  localTag: string;
  peer: SipPeer;
  state: 'ringing' | 'connected' | 'ended';
  inviteTx: ServerTx | null;
  sdpVersion: number;
}

interface ClientTx {
  resolve: (status: number) => void;
  timer: NodeJS.Timeout;
  retransmit?: NodeJS.Timeout;
}

/**
 * The centre's SIP call-handling interface (a UAS): presents INVITEs to urn:service:sos and
 * administrative lines as calls, answers when a call-taker answers (on any server process: it
 * follows the committed `call.answered` event), ends calls on CANCEL and BYE, carries text to
 * 9-1-1 both ways, and takes location updates. Whatever arrives, the listener stays up; a call
 * the database cannot take is refused with 503 so the network routes it elsewhere.
 */
export class SipService {
  private readonly transport: SipTransport;
  private readonly txs = new Map<string, ServerTx>();
  private readonly dialogs = new Map<string, Dialog>(); // sip Call-ID|remote tag
  private readonly byCall = new Map<number, Dialog>();
  private readonly clientTxs = new Map<string, ClientTx>();
  private cursor = 0;
  private unsubscribe: (() => void) | null = null;
  private pulling = false;
  private pullAgain = false;
  private sweep: NodeJS.Timeout | null = null;
  private readonly sessionId = Math.floor(Date.now() / 1000);
  private mediaPortNext = 0;
  /** Times from arrival of an INVITE to its call.created commit, for the figures in BENCHMARKS.md. */
  readonly presentLatenciesMs: number[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly settings: SipSettings,
  ) {
    this.transport = new SipTransport(settings.host, settings.port, (raw, peer) => this.onRaw(raw, peer), (m) => ctx.log(m));
  }

  get port(): number {
    return this.transport.port;
  }

  async start(): Promise<void> {
    await this.transport.start();
    this.cursor = this.ctx.hub.headSeq;
    this.unsubscribe = this.ctx.hub.onAdvance(() => void this.pullEvents());
    this.sweep = setInterval(() => this.expire(), 5_000);
    this.sweep.unref();
    this.ctx.log(`SIP call-handling interface on ${this.settings.host}:${this.port} (UDP and TCP)`);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.sweep) clearInterval(this.sweep);
    for (const tx of this.txs.values()) if (tx.retransmit) clearInterval(tx.retransmit);
    for (const c of this.clientTxs.values()) {
      clearTimeout(c.timer);
      if (c.retransmit) clearTimeout(c.retransmit);
    }
    await this.transport.stop();
  }

  // ---------------------------------------------------------------- inbound

  private onRaw(raw: Buffer, peer: SipPeer): void {
    const arrivedAt = new Date();
    // Keep-alives (CRLF pings on UDP) and empty datagrams are not messages.
    if (raw.length < 8 || raw.toString('latin1').trim() === '') return;
    const parsed = parseSipMessage(raw);
    if (parsed.problem) {
      this.ctx.log(`sip: unreadable message from ${peer.address}:${peer.port}: ${parsed.problem}`);
      if (parsed.message?.kind === 'request' && parsed.message.method !== 'ACK') this.respondRaw(parsed.message, peer, 400, `Bad Request (${parsed.problem.slice(0, 80)})`);
      return;
    }
    const msg = parsed.message!;
    if (msg.kind === 'response') return this.onResponse(msg);
    const missing = ['Via', 'From', 'To', 'Call-ID', 'CSeq'].filter((h) => header(msg, h) === null);
    const cseq = parseCSeq(header(msg, 'CSeq'));
    if (missing.length || !cseq || (cseq.method !== msg.method && !(msg.method === 'ACK' && cseq.method === 'ACK'))) {
      this.ctx.log(`sip: ${msg.method} from ${peer.address}:${peer.port} refused: ${missing.length ? `missing ${missing.join(', ')}` : 'bad CSeq'}`);
      if (msg.method !== 'ACK') this.respondRaw(msg, peer, 400, missing.length ? `Missing ${missing.join(', ')}` : 'Bad CSeq');
      return;
    }
    void this.onRequest(msg, peer, arrivedAt).catch((e: Error) => {
      this.ctx.log(`sip: ${msg.method} ${header(msg, 'Call-ID')} failed: ${e.message}`);
      if (msg.method !== 'ACK') this.respond(msg, peer, 500, 'Server Internal Error');
    });
  }

  private async onRequest(req: SipRequest, peer: SipPeer, arrivedAt: Date): Promise<void> {
    if (req.method === 'ACK') return this.onAck(req);
    const key = txKey(req, req.method);
    const existing = this.txs.get(key);
    if (existing) {
      // A retransmission: answer with what we last said; a request still being worked on waits.
      if (existing.lastResponse) this.transport.send(peer, existing.lastResponse);
      return;
    }
    const tx: ServerTx = { key, method: req.method, peer, lastResponse: null, finalAt: null, created: Date.now(), localTag: randomBytes(6).toString('hex') };
    this.txs.set(key, tx);
    const mf = header(req, 'Max-Forwards');
    if (mf !== null && (!/^\d+$/.test(mf) || Number(mf) === 0) && req.method !== 'OPTIONS') return this.reply(tx, req, 483, 'Too Many Hops');
    const require = headerValues(req, 'Require').filter((r) => r.toLowerCase() !== 'geolocation');
    if (require.length && req.method !== 'CANCEL') return this.reply(tx, req, 420, 'Bad Extension', [{ name: 'Unsupported', value: require.join(', ') }]);
    switch (req.method) {
      case 'INVITE':
        return this.onInvite(req, tx, arrivedAt);
      case 'CANCEL':
        return this.onCancel(req, tx);
      case 'BYE':
        return this.onBye(req, tx);
      case 'MESSAGE':
        return this.onMessage(req, tx, arrivedAt);
      case 'UPDATE':
      case 'INFO':
        return this.onInDialogUpdate(req, tx);
      case 'OPTIONS':
        return this.reply(tx, req, 200, 'OK', [{ name: 'Allow', value: ALLOW }, { name: 'Accept', value: 'application/sdp, multipart/mixed, application/pidf+xml, text/plain' }]);
      default:
        if (REFUSED_KNOWN.has(req.method)) return this.reply(tx, req, 405, 'Method Not Allowed', [{ name: 'Allow', value: ALLOW }]);
        return this.reply(tx, req, 501, 'Not Implemented', [{ name: 'Allow', value: ALLOW }]);
    }
  }

  private lineFor(uri: string): 'sos' | 'admin' | null {
    const u = uri.trim().toLowerCase();
    if (/^urn:service:sos(\.[a-z0-9.-]+)?$/.test(u)) return 'sos';
    const bare = (s: string) => s.toLowerCase().replace(/;.*$/, '').replace(/^sips:/, 'sip:');
    if (this.settings.adminLines.some((a) => bare(a) === bare(u) || bare(a) === bare(u).replace(/:\d+$/, ''))) return 'admin';
    return null;
  }

  private async onInvite(req: SipRequest, tx: ServerTx, arrivedAt: Date): Promise<void> {
    const toTag = parseNameAddr(header(req, 'To')!)?.params['tag'];
    if (toTag) return this.onReInvite(req, tx, toTag);
    const line = this.lineFor(req.uri);
    if (!line) return this.reply(tx, req, 404, 'Not Found');
    this.reply(tx, req, 100, 'Trying');
    let er: EmergencyRequest;
    try {
      er = readEmergencyRequest(req);
    } catch (e) {
      er = emptyRequest(`body could not be read: ${(e as Error).message}`);
    }
    const localTag = tx.localTag!;
    tx.req = req;
    tx.offer = er.sdpOffer;
    const sipCallId = header(req, 'Call-ID')!;
    const from = parseNameAddr(header(req, 'From')!);
    const contact = parseNameAddr(headerValues(req, 'Contact')[0] ?? '');
    const locations = er.locations.map(toIncoming).map((l) => this.placeCivic(l));
    const problems = [...er.bodyProblems, ...er.locationProblems];
    const usable = locations.length > 0;
    const problem = usable
      ? problems.length ? problems.join('; ') : null
      : [...problems, er.locationRefs.length ? 'location by reference is being read' : problems.length ? '' : 'no location was sent with the call'].filter(Boolean).join('; ');
    if (problems.length) this.ctx.log(`sip: INVITE ${sipCallId}: ${problems.join('; ')}`);
    let callId: number;
    try {
      const { result } = await presentSipCall(this.ctx.db.pool, actor, {
        kind: 'invite', line, arrivedAt, sipCallId, remoteTag: from?.params['tag'] ?? null, localTag, requestUri: req.uri, callerUri: from?.uri ?? null,
        remoteTarget: contact?.uri ?? from?.uri ?? null, transport: tx.peer.transport, peer: `${tx.peer.address}:${tx.peer.port}`,
        callbackNumber: er.callbackNumber, callerName: er.callerName, emergencyCallId: er.emergencyCallId, emergencyIncidentId: er.emergencyIncidentId,
        locations, locationStatus: usable ? 'ok' : 'unavailable', locationProblem: problem, additionalData: er.additionalData, firstText: null,
      });
      callId = result.id;
    } catch (e) {
      this.ctx.log(`sip: INVITE ${sipCallId} could not be presented (${(e as Error).message}); refused with 503 so the network can route it elsewhere`);
      return this.reply(tx, req, 503, 'Service Unavailable', [{ name: 'Retry-After', value: '1' }]);
    }
    this.presentLatenciesMs.push(Date.now() - arrivedAt.getTime());
    if (this.presentLatenciesMs.length > 10_000) this.presentLatenciesMs.shift();
    tx.callId = callId;
    const dialog: Dialog = { callId, sipCallId, remoteTag: from?.params['tag'] ?? null, localTag, peer: tx.peer, state: 'ringing', inviteTx: tx, sdpVersion: 1 };
    this.dialogs.set(dialogKey(sipCallId, dialog.remoteTag), dialog);
    this.byCall.set(callId, dialog);
    if (tx.cancelled) return this.cancelInvite(dialog, 'cancelled');
    this.reply(tx, req, 180, 'Ringing');
    if (er.locationRefs.length || er.additionalDataRefs.length) void this.readReferences(callId, er, usable);
    if (this.settings.autoAnswer) {
      await answerCall(this.ctx.db.pool, actor, callId).catch((e: Error) => this.ctx.log(`sip: auto-answer of call ${callId}: ${e.message}`));
      await this.answer(dialog);
    }
  }

  /**
   * A civic address gets a pin when the jurisdiction's geocoder is confident (the same threshold
   * as typed addresses); it stays unverified until the call-taker confirms it.
   */
  private placeCivic(l: IncomingLocation): IncomingLocation {
    if (l.shape.type !== 'civic' || l.lat !== null || !this.ctx.geo?.ready) return l;
    try {
      const { location, geocoded } = locate(this.ctx.geo.current, { text: l.text.slice(0, 500) });
      if (!geocoded || location.lat === undefined || location.lon === undefined) return l;
      return { ...l, lat: location.lat, lon: location.lon, method: [l.method, `geocoded as ${geocoded.label}`].filter(Boolean).join('; ') };
    } catch {
      return l;
    }
  }

  /** Location and additional data by reference: read after the call is presented, never before. */
  private async readReferences(callId: number, er: EmergencyRequest, hadLocation: boolean): Promise<void> {
    const pool = this.ctx.db.pool;
    const failures: string[] = [];
    let got = hadLocation;
    for (const uri of er.locationRefs) {
      const r = await dereference(uri, 'application/pidf+xml');
      if ('problem' in r) {
        failures.push(`${uri}: ${r.problem}`);
        continue;
      }
      const p = parsePidfLo(r.text);
      if (!p.locations.length) failures.push(`${uri}: ${p.problems.join('; ') || 'no location in the document'}`);
      for (const l of p.locations) {
        await addCallLocation(pool, actor, callId, 'device', 'sip-reference', toIncoming(l)).catch((e: Error) => failures.push(e.message));
        got = true;
      }
    }
    const adr = [...er.additionalData];
    for (const ref of er.additionalDataRefs) {
      const r = await dereference(ref.uri, `application/EmergencyCallData.${ref.purpose}+xml`);
      adr.push('problem' in r ? { purpose: ref.purpose, fields: {}, reference: ref.uri, problem: r.problem } : parseAdditionalData(ref.purpose, r.text, ref.uri));
    }
    if (failures.length) this.ctx.log(`sip: call ${callId}: location reference failed: ${failures.join('; ')}`);
    const status = failures.length ? 'reference-failed' : got ? 'ok' : 'unavailable';
    const problem = failures.length ? `location reference could not be read: ${failures.join('; ')}` : got ? null : 'no location was sent with the call';
    if (er.locationRefs.length || er.additionalDataRefs.length) {
      await setLocationStatus(pool, actor, callId, status, problem, { additionalData: adr }).catch((e: Error) => this.ctx.log(`sip: call ${callId}: ${e.message}`));
    }
  }

  /** Sends the 200 OK with our SDP for a ringing call; resent over UDP until the ACK. */
  private async answer(d: Dialog): Promise<void> {
    const tx = d.inviteTx;
    if (!tx?.req || d.state !== 'ringing') return;
    d.state = 'connected';
    const body = Buffer.from(this.sdp(d, tx.offer ?? null));
    this.reply(tx, tx.req, 200, 'OK', [{ name: 'Contact', value: `<${this.contactUri(tx.peer)}>` }, { name: 'Allow', value: ALLOW }, { name: 'Content-Type', value: 'application/sdp' }], body);
    await setDialogState(this.ctx.db.pool, actor, d.callId, 'connected', null).catch((e: Error) => this.ctx.log(`sip: call ${d.callId}: ${e.message}`));
  }

  private sdp(d: Dialog, offer: string | null): string {
    this.mediaPortNext = (this.mediaPortNext + 2) % 10_000;
    const address = this.settings.mediaHost ?? (this.settings.host === '0.0.0.0' || this.settings.host === '::' ? '127.0.0.1' : this.settings.host);
    return sdpAnswer(offer, { address, mediaPort: this.settings.mediaPort + this.mediaPortNext, sessionId: this.sessionId + d.callId, version: d.sdpVersion++ });
  }

  private async cancelInvite(d: Dialog, reason: string): Promise<void> {
    const tx = d.inviteTx;
    if (tx?.req && d.state === 'ringing') this.reply(tx, tx.req, 487, 'Request Terminated');
    d.state = 'ended';
    const pool = this.ctx.db.pool;
    await setDialogState(pool, actor, d.callId, 'ended', reason).catch(() => undefined);
    await releaseCall(pool, actor, d.callId).catch((e: Error) => this.ctx.log(`sip: call ${d.callId} release: ${e.message}`));
  }

  private onCancel(req: SipRequest, tx: ServerTx): void {
    const inviteTx = this.txs.get(txKey(req, 'INVITE'));
    if (!inviteTx) return this.reply(tx, req, 481, 'Call/Transaction Does Not Exist');
    tx.localTag = inviteTx.localTag;
    this.reply(tx, req, 200, 'OK');
    if (inviteTx.callId === undefined) {
      inviteTx.cancelled = true; // still being presented: it is ended as soon as it is stored
      return;
    }
    const d = this.byCall.get(inviteTx.callId);
    if (d && d.state === 'ringing') void this.cancelInvite(d, 'cancelled');
  }

  private onAck(req: SipRequest): void {
    // An ACK to our 200 OK is a new transaction; an ACK to a failure shares the INVITE's branch.
    const d = this.findDialog(req);
    const tx = d?.inviteTx ?? this.txs.get(txKey(req, 'INVITE'));
    if (tx) {
      tx.acked = true;
      if (tx.retransmit) clearInterval(tx.retransmit);
      tx.retransmit = undefined;
    }
  }

  private findDialog(req: SipRequest): Dialog | undefined {
    const sipCallId = header(req, 'Call-ID') ?? '';
    const fromTag = parseNameAddr(header(req, 'From') ?? '')?.params['tag'] ?? null;
    return this.dialogs.get(dialogKey(sipCallId, fromTag));
  }

  private async onBye(req: SipRequest, tx: ServerTx): Promise<void> {
    const d = this.findDialog(req);
    const toTag = parseNameAddr(header(req, 'To') ?? '')?.params['tag'];
    if (!d || d.state === 'ended' || (toTag && toTag !== d.localTag)) return this.reply(tx, req, 481, 'Call/Transaction Does Not Exist');
    this.reply(tx, req, 200, 'OK');
    const wasRinging = d.state === 'ringing';
    if (wasRinging && d.inviteTx?.req) this.reply(d.inviteTx, d.inviteTx.req, 487, 'Request Terminated');
    d.state = 'ended';
    if (d.inviteTx?.retransmit) clearInterval(d.inviteTx.retransmit);
    const pool = this.ctx.db.pool;
    await setDialogState(pool, actor, d.callId, 'ended', 'bye').catch(() => undefined);
    await releaseCall(pool, actor, d.callId).catch((e: Error) => this.ctx.log(`sip: call ${d.callId} release: ${e.message}`));
  }

  private async onReInvite(req: SipRequest, tx: ServerTx, toTag: string): Promise<void> {
    const d = this.findDialog(req);
    if (!d || d.localTag !== toTag || d.state === 'ended') return this.reply(tx, req, 481, 'Call/Transaction Does Not Exist');
    // A second offer while the first INVITE is still unanswered (RFC 3261 14.2).
    if (d.state === 'ringing') return this.reply(tx, req, 491, 'Request Pending');
    const er = safeRead(req);
    await this.addUpdates(d.callId, er);
    tx.req = req;
    tx.localTag = d.localTag;
    d.inviteTx = tx;
    const body = Buffer.from(this.sdp(d, er.sdpOffer));
    this.reply(tx, req, 200, 'OK', [{ name: 'Contact', value: `<${this.contactUri(tx.peer)}>` }, { name: 'Content-Type', value: 'application/sdp' }], body);
  }

  private async onInDialogUpdate(req: SipRequest, tx: ServerTx): Promise<void> {
    const d = this.findDialog(req);
    if (!d || d.state === 'ended') return this.reply(tx, req, 481, 'Call/Transaction Does Not Exist');
    const er = safeRead(req);
    await this.addUpdates(d.callId, er);
    if (req.method === 'UPDATE' && er.sdpOffer) {
      return this.reply(tx, req, 200, 'OK', [{ name: 'Contact', value: `<${this.contactUri(tx.peer)}>` }, { name: 'Content-Type', value: 'application/sdp' }], Buffer.from(this.sdp(d, er.sdpOffer)));
    }
    this.reply(tx, req, 200, 'OK');
  }

  /** New locations on a live call are updates: shown beside the verified location, never replacing it. */
  private async addUpdates(callId: number, er: EmergencyRequest): Promise<void> {
    if (er.locationProblems.length || er.bodyProblems.length) this.ctx.log(`sip: update for call ${callId}: ${[...er.bodyProblems, ...er.locationProblems].join('; ')}`);
    for (const l of er.locations) await addCallLocation(this.ctx.db.pool, actor, callId, 'update', 'sip-value', toIncoming(l));
    for (const uri of er.locationRefs) {
      const r = await dereference(uri, 'application/pidf+xml');
      if ('problem' in r) {
        this.ctx.log(`sip: call ${callId}: location update reference failed: ${r.problem}`);
        continue;
      }
      for (const l of parsePidfLo(r.text).locations) await addCallLocation(this.ctx.db.pool, actor, callId, 'update', 'sip-reference', toIncoming(l));
    }
  }

  private async onMessage(req: SipRequest, tx: ServerTx, arrivedAt: Date): Promise<void> {
    const ct = (header(req, 'Content-Type') ?? '').toLowerCase();
    if (req.body.length && ct && !/^(text\/plain|multipart\/mixed|application\/pidf\+xml|message\/cpim)/.test(ct)) {
      return this.reply(tx, req, 415, 'Unsupported Media Type', [{ name: 'Accept', value: 'text/plain, application/pidf+xml, multipart/mixed' }]);
    }
    const er = safeRead(req);
    if (ct.startsWith('message/cpim')) er.texts.push(...cpimText(req.body.toString('utf8')));
    const sipCallId = header(req, 'Call-ID')!;
    const from = parseNameAddr(header(req, 'From')!);
    const toTag = parseNameAddr(header(req, 'To')!)?.params['tag'];
    const pool = this.ctx.db.pool;
    const inDialog = this.findDialog(req);
    if (toTag && (!inDialog || inDialog.localTag !== toTag)) {
      // A tag we never gave: the dialog may be in the database from an earlier process life.
      const conv = await openConversation(pool, sipCallId, null);
      if (!conv || conv.local_tag !== toTag) return this.reply(tx, req, 481, 'Call/Transaction Does Not Exist');
    }
    const text = er.texts.join('\n').trim();
    let callId = inDialog && inDialog.state !== 'ended' ? inDialog.callId : null;
    if (callId === null) {
      const conv = await openConversation(pool, sipCallId, from?.uri ?? null);
      callId = conv?.call_id ?? null;
      if (conv && !this.byCall.has(conv.call_id)) this.remember(conv.call_id, conv.sip_call_id, conv.remote_tag, conv.local_tag, tx.peer, conv.state);
    }
    if (callId === null) {
      const line = this.lineFor(req.uri);
      if (!line) return this.reply(tx, req, 404, 'Not Found');
      if (!text && !er.locations.length) return this.reply(tx, req, 488, 'Not Acceptable Here (empty message)');
      const localTag = tx.localTag!;
      const contact = parseNameAddr(headerValues(req, 'Contact')[0] ?? '');
      const locations = er.locations.map(toIncoming);
      try {
        const { result } = await presentSipCall(pool, actor, {
          kind: 'message', line: 'text', arrivedAt, sipCallId, remoteTag: from?.params['tag'] ?? null, localTag, requestUri: req.uri, callerUri: from?.uri ?? null,
          remoteTarget: contact?.uri ?? from?.uri ?? null, transport: tx.peer.transport, peer: `${tx.peer.address}:${tx.peer.port}`,
          callbackNumber: er.callbackNumber, callerName: er.callerName, emergencyCallId: er.emergencyCallId, emergencyIncidentId: er.emergencyIncidentId,
          locations, locationStatus: locations.length ? 'ok' : 'unavailable', locationProblem: locations.length ? null : [...er.locationProblems, 'no location was sent with the text'].join('; '),
          additionalData: er.additionalData, firstText: text || null,
        });
        this.remember(result.id, sipCallId, from?.params['tag'] ?? null, localTag, tx.peer, 'connected');
        this.presentLatenciesMs.push(Date.now() - arrivedAt.getTime());
        return this.reply(tx, req, 200, 'OK');
      } catch (e) {
        this.ctx.log(`sip: MESSAGE ${sipCallId} could not be presented (${(e as Error).message})`);
        return this.reply(tx, req, 503, 'Service Unavailable', [{ name: 'Retry-After', value: '1' }]);
      }
    }
    const d = this.byCall.get(callId);
    if (d) {
      if (d.state !== 'ended') d.peer = tx.peer;
      tx.localTag = d.localTag;
    }
    if (text) await addIncomingText(pool, actor, callId, text);
    await this.addUpdates(callId, er);
    this.reply(tx, req, 200, 'OK');
  }

  private remember(callId: number, sipCallId: string, remoteTag: string | null, localTag: string, peer: SipPeer, state: Dialog['state']): void {
    const d: Dialog = { callId, sipCallId, remoteTag, localTag, peer, state, inviteTx: null, sdpVersion: 1 };
    this.dialogs.set(dialogKey(sipCallId, remoteTag), d);
    this.byCall.set(callId, d);
  }

  // ---------------------------------------------------------------- responses

  private reply(tx: ServerTx, req: SipRequest, status: number, reason: string, extra: SipHeader[] = [], body: Buffer = Buffer.alloc(0)): void {
    const buf = this.buildResponse(req, status, reason, extra, body, tx.localTag);
    tx.lastResponse = buf;
    this.transport.send(tx.peer, buf);
    if (status >= 200) tx.finalAt = Date.now();
    // Over UDP a final answer to an INVITE is resent until the ACK (RFC 3261 13.3.1.4, 17.2.1).
    if (tx.method === 'INVITE' && status >= 200 && tx.peer.transport === 'udp') {
      if (tx.retransmit) clearInterval(tx.retransmit);
      let interval = T1;
      let elapsed = 0;
      const resend = () => {
        if (tx.acked || elapsed >= TX_LIFETIME_MS) {
          tx.retransmit = undefined;
          if (!tx.acked && status < 300 && tx.callId !== undefined) this.ctx.log(`sip: call ${tx.callId}: no ACK for the 200 OK within ${TX_LIFETIME_MS / 1000} s`);
          return;
        }
        this.transport.send(tx.peer, buf);
        elapsed += interval;
        interval = Math.min(interval * 2, T2);
        tx.retransmit = setTimeout(resend, interval);
        tx.retransmit.unref();
      };
      tx.retransmit = setTimeout(resend, interval);
      tx.retransmit.unref();
    }
  }

  private respond(req: SipRequest, peer: SipPeer, status: number, reason: string): void {
    const tx = this.txs.get(txKey(req, req.method));
    if (tx) return this.reply(tx, req, status, reason);
    this.respondRaw(req, peer, status, reason);
  }

  private respondRaw(req: SipRequest, peer: SipPeer, status: number, reason: string): void {
    this.transport.send(peer, this.buildResponse(req, status, reason, [], Buffer.alloc(0), randomBytes(4).toString('hex')));
  }

  private buildResponse(req: SipRequest, status: number, reason: string, extra: SipHeader[], body: Buffer, localTag?: string): Buffer {
    const headers: SipHeader[] = [];
    for (const h of req.headers) if (h.name === 'Via') headers.push(h);
    for (const name of ['From', 'To', 'Call-ID', 'CSeq']) {
      const v = header(req, name);
      if (v === null) continue;
      if (name === 'To' && status > 100 && localTag && !parseNameAddr(v)?.params['tag']) headers.push({ name, value: `${v};tag=${localTag}` });
      else headers.push({ name, value: v });
    }
    headers.push({ name: 'Server', value: USER_AGENT }, ...extra);
    const res: SipResponse = { kind: 'response', status, reason: reason.replace(/[\r\n]/g, ' '), headers, body };
    return serialize(res);
  }

  private contactUri(peer: SipPeer): string {
    const host = this.settings.host.includes(':') ? `[${this.settings.host}]` : this.settings.host;
    return `sip:psap@${host}:${this.port}${peer.transport === 'tcp' ? ';transport=tcp' : ''}`;
  }

  // ---------------------------------------------------------------- outbound (replies to texts)

  private onResponse(res: SipResponse): void {
    const via = parseVia(header(res, 'Via') ?? '');
    const branch = via?.params['branch'];
    if (!branch) return;
    const c = this.clientTxs.get(branch);
    if (!c || res.status < 200) return;
    clearTimeout(c.timer);
    if (c.retransmit) clearTimeout(c.retransmit);
    this.clientTxs.delete(branch);
    c.resolve(res.status);
  }

  /** Sends a reply from the console as SIP MESSAGE to the caller; resolves with the final status (408 if none). */
  private async sendText(callId: number, body: string): Promise<number> {
    const pool = this.ctx.db.pool;
    const row = await dialogForCall(pool, callId);
    if (!row) return 481;
    const d = this.byCall.get(callId);
    const target = row.remote_target ?? row.caller_uri;
    const t = target ? sipUriTarget(target) : null;
    // Over TCP the caller's connection is the way back; over UDP its Contact, or else the address
    // its messages came from.
    const [peerHost, peerPort] = splitPeer(row.peer);
    let peer: SipPeer;
    if (row.transport === 'tcp') peer = d?.peer.transport === 'tcp' ? d.peer : { transport: 'tcp', address: peerHost, port: peerPort };
    else peer = t ? { transport: 'udp', address: t.host, port: t.port ?? 5060 } : { transport: 'udp', address: peerHost, port: peerPort };
    const cseq = await nextLocalCseq(pool, callId);
    const branch = `z9hG4bK${randomBytes(8).toString('hex')}`;
    const host = this.settings.host.includes(':') ? `[${this.settings.host}]` : this.settings.host;
    const callerTo = row.caller_uri ? `<${row.caller_uri}>${row.remote_tag ? `;tag=${row.remote_tag}` : ''}` : `<${target}>`;
    const req: SipRequest = {
      kind: 'request',
      method: 'MESSAGE',
      uri: target ?? `sip:${peer.address}:${peer.port}`,
      headers: [
        { name: 'Via', value: `SIP/2.0/${peer.transport.toUpperCase()} ${host}:${this.port};branch=${branch};rport` },
        { name: 'Max-Forwards', value: '70' },
        { name: 'From', value: `<${row.request_uri}>;tag=${row.local_tag}` },
        { name: 'To', value: callerTo },
        { name: 'Call-ID', value: row.sip_call_id },
        { name: 'CSeq', value: `${cseq} MESSAGE` },
        { name: 'Content-Type', value: 'text/plain;charset=UTF-8' },
        { name: 'User-Agent', value: USER_AGENT },
      ],
      body: Buffer.from(body, 'utf8'),
    };
    const data = serialize(req);
    return new Promise<number>((resolve) => {
      const c: ClientTx = { resolve, timer: setTimeout(() => {
        if (c.retransmit) clearTimeout(c.retransmit);
        this.clientTxs.delete(branch);
        resolve(408);
      }, TX_LIFETIME_MS) };
      c.timer.unref();
      this.clientTxs.set(branch, c);
      this.transport.send(peer, data);
      if (peer.transport === 'udp') {
        let interval = T1;
        const again = () => {
          if (!this.clientTxs.has(branch)) return;
          this.transport.send(peer, data);
          interval = Math.min(interval * 2, T2);
          c.retransmit = setTimeout(again, interval);
          c.retransmit.unref();
        };
        c.retransmit = setTimeout(again, interval);
        c.retransmit.unref();
      }
    });
  }

  // ---------------------------------------------------------------- committed events

  private async pullEvents(): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = true;
    try {
      do {
        this.pullAgain = false;
        for (;;) {
          const batch = await this.ctx.hub.eventsAfter(this.cursor, 500);
          if (!batch.length) break;
          for (const e of batch) {
            this.cursor = e.seq;
            await this.onEvent(e.event).catch((err: Error) => this.ctx.log(`sip: event ${e.seq}: ${err.message}`));
          }
        }
      } while (this.pullAgain);
    } finally {
      this.pulling = false;
    }
  }

  private async onEvent(e: AnyStreamEvent): Promise<void> {
    if (e.type === 'call.answered') {
      const d = this.byCall.get(e.data.call.id);
      if (d && d.state === 'ringing') await this.answer(d);
    } else if (e.type === 'call.text' && e.data.text.direction === 'out' && !e.data.delivery) {
      const callId = e.data.text.callId;
      // The process that took the call sends its replies; after a restart, any process holding the listener.
      if (!this.byCall.has(callId)) {
        const row = await dialogForCall(this.ctx.db.pool, callId);
        if (!row || row.state === 'ended') return;
        this.remember(callId, row.sip_call_id, row.remote_tag, row.local_tag, { transport: row.transport, address: splitPeer(row.peer)[0], port: splitPeer(row.peer)[1] }, row.state);
      }
      const textId = e.data.text.id;
      void this.sendText(callId, e.data.text.body).then((status) => recordDelivery(this.ctx.db.pool, actor, textId, status)).catch((err: Error) => this.ctx.log(`sip: text ${textId}: ${err.message}`));
    } else if (e.type === 'call.released' && e.actor !== actor.label) {
      // Released from the console while the caller still rings: end the INVITE; the phone system
      // holds the media, so a connected call is left to it.
      const d = this.byCall.get(e.data.call.id);
      if (d && d.state === 'ringing' && d.inviteTx?.req) {
        this.reply(d.inviteTx, d.inviteTx.req, 480, 'Temporarily Unavailable');
        d.state = 'ended';
        await setDialogState(this.ctx.db.pool, actor, d.callId, 'ended', 'released by the centre').catch(() => undefined);
      }
    }
  }

  private expire(): void {
    const now = Date.now();
    for (const [k, tx] of this.txs) {
      const done = tx.finalAt !== null && now - tx.finalAt > TX_LIFETIME_MS;
      const stale = now - tx.created > 10 * 60_000 && (tx.method !== 'INVITE' || tx.finalAt !== null);
      if (done || stale) {
        if (tx.retransmit) clearTimeout(tx.retransmit);
        this.txs.delete(k);
      }
    }
    for (const [k, d] of this.dialogs) {
      if (d.state === 'ended' && (!d.inviteTx || d.inviteTx.finalAt === null || now - d.inviteTx.finalAt > TX_LIFETIME_MS)) {
        this.dialogs.delete(k);
        if (this.byCall.get(d.callId) === d) this.byCall.delete(d.callId);
      }
    }
  }
}

/** Transactions are matched by branch (RFC 3261 17.2.3), or for old peers without a z9hG4bK branch by Call-ID, From tag and CSeq. */
export function txKey(req: SipRequest, method: string): string {
  const via = parseVia(header(req, 'Via') ?? '');
  const branch = via?.params['branch'];
  const m = method === 'ACK' ? 'INVITE' : method;
  if (branch?.startsWith('z9hG4bK')) return `b|${branch}|${via!.host}:${via!.port ?? ''}|${m}`;
  const fromTag = parseNameAddr(header(req, 'From') ?? '')?.params['tag'] ?? '';
  const cseq = parseCSeq(header(req, 'CSeq'));
  return `o|${header(req, 'Call-ID')}|${fromTag}|${cseq?.seq ?? ''}|${m}`;
}

function dialogKey(sipCallId: string, remoteTag: string | null): string {
  return `${sipCallId}|${remoteTag ?? ''}`;
}

function splitPeer(p: string): [string, number] {
  const i = p.lastIndexOf(':');
  return [p.slice(0, i), Number(p.slice(i + 1))];
}

function toIncoming(l: { shape: IncomingLocation['shape']; lat: number | null; lon: number | null; uncertaintyM: number | null; confidence: number | null; method: string | null; text: string }): IncomingLocation {
  return { shape: l.shape, lat: l.lat, lon: l.lon, uncertaintyM: l.uncertaintyM, confidence: l.confidence, method: l.method, text: l.text };
}

function emptyRequest(problem: string): EmergencyRequest {
  return { callbackNumber: null, callerName: null, callerUri: null, emergencyCallId: null, emergencyIncidentId: null, locations: [], locationRefs: [], locationProblems: [], additionalData: [], additionalDataRefs: [], sdpOffer: null, texts: [], bodyProblems: [problem] };
}

function safeRead(req: SipRequest): EmergencyRequest {
  try {
    return readEmergencyRequest(req);
  } catch (e) {
    return emptyRequest(`body could not be read: ${(e as Error).message}`);
  }
}

/** The text of a message/cpim body (RFC 3862): what follows the second blank line. */
function cpimText(body: string): string[] {
  const parts = body.split(/\r?\n\r?\n/);
  return parts.length >= 3 ? [parts.slice(2).join('\n\n').trim()] : [];
}
