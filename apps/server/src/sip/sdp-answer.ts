import { randomBytes } from 'node:crypto';

/**
 * An SDP answer (RFC 3264) for the call-handling interface. Media itself stays with the phone
 * system: the answer accepts the offered audio (G.711 first) and real-time text (T.140), refuses
 * other streams with port 0, and names the media address the centre's phone system uses.
 */
const AUDIO_PREFERENCE = ['PCMU/8000', 'PCMA/8000', 'G722/8000', 'OPUS/48000'];
const STATIC_NAMES: Record<string, string> = { '0': 'PCMU/8000', '8': 'PCMA/8000', '9': 'G722/8000' };

export interface SdpAnswerOptions {
  address: string;
  mediaPort: number;
  sessionId: number;
  version: number;
}

export function sdpAnswer(offer: string | null, o: SdpAnswerOptions): string {
  const ipv = o.address.includes(':') ? 'IP6' : 'IP4';
  const head = ['v=0', `o=OpenPSAP ${o.sessionId} ${o.version} IN ${ipv} ${o.address}`, 's=-', `c=IN ${ipv} ${o.address}`, 't=0 0'];
  const media = offer ? mediaSections(offer) : [];
  if (media.length === 0) {
    // No offer (or none readable): make one; the caller answers in the ACK.
    return [...head, `m=audio ${o.mediaPort} RTP/AVP 0 8 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', ''].join('\r\n');
  }
  const lines = [...head];
  let port = o.mediaPort;
  for (const m of media) {
    const chosen = choose(m);
    if (!chosen) {
      lines.push(`m=${m.kind} 0 ${m.proto} ${m.formats[0] ?? '0'}`);
      continue;
    }
    lines.push(`m=${m.kind} ${port} ${m.proto} ${chosen.formats.join(' ')}`);
    for (const a of chosen.attrs) lines.push(`a=${a}`);
    lines.push(`a=${direction(m.attrs)}`);
    port += 2;
  }
  return [...lines, ''].join('\r\n');
}

interface MediaSection {
  kind: string;
  port: number;
  proto: string;
  formats: string[];
  attrs: string[];
}

function mediaSections(sdp: string): MediaSection[] {
  const out: MediaSection[] = [];
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    const m = /^m=(\S+) (\d+)(?:\/\d+)? (\S+)((?: \S+)*)$/.exec(line);
    if (m) {
      out.push({ kind: m[1]!, port: Number(m[2]), proto: m[3]!, formats: (m[4] ?? '').trim().split(/\s+/).filter(Boolean), attrs: [] });
      continue;
    }
    if (line.startsWith('a=') && out.length) out[out.length - 1]!.attrs.push(line.slice(2));
  }
  return out;
}

function rtpmap(m: MediaSection, fmt: string): string | null {
  const a = m.attrs.find((x) => x.startsWith(`rtpmap:${fmt} `));
  return a ? a.slice(`rtpmap:${fmt} `.length).trim() : STATIC_NAMES[fmt] ?? null;
}

function choose(m: MediaSection): { formats: string[]; attrs: string[] } | null {
  if (m.port === 0) return null;
  if (m.kind === 'audio' && /^(RTP\/AVP|RTP\/SAVP|RTP\/AVPF|RTP\/SAVPF)$/.test(m.proto)) {
    for (const want of AUDIO_PREFERENCE) {
      const fmt = m.formats.find((f) => (rtpmap(m, f) ?? '').toUpperCase().startsWith(want.toUpperCase()));
      if (fmt) {
        const attrs = [`rtpmap:${fmt} ${rtpmap(m, fmt)}`];
        const dtmf = m.formats.find((f) => /^telephone-event\//i.test(rtpmap(m, f) ?? ''));
        const formats = dtmf ? [fmt, dtmf] : [fmt];
        if (dtmf) attrs.push(`rtpmap:${dtmf} ${rtpmap(m, dtmf)}`);
        // An SRTP offer needs its crypto line echoed with our own key for the answer to be valid.
        if (m.proto.includes('SAVP')) {
          const crypto = m.attrs.find((a) => a.startsWith('crypto:'));
          if (!crypto) return null;
          const suite = crypto.split(/\s+/)[1];
          attrs.push(`crypto:1 ${suite} inline:${randomBytes(30).toString('base64')}`);
        }
        return { formats, attrs };
      }
    }
    return null;
  }
  if (m.kind === 'text') {
    const t140 = m.formats.find((f) => /^t140\//i.test(rtpmap(m, f) ?? ''));
    if (!t140) return null;
    return { formats: [t140], attrs: [`rtpmap:${t140} ${rtpmap(m, t140)}`] };
  }
  return null;
}

function direction(attrs: string[]): string {
  if (attrs.includes('sendonly')) return 'recvonly';
  if (attrs.includes('recvonly')) return 'sendonly';
  if (attrs.includes('inactive')) return 'inactive';
  return 'sendrecv';
}
