import { describe, expect, it } from 'vitest';
import { sdpAnswer } from './sdp-answer';

const opts = { address: '10.0.0.5', mediaPort: 40000, sessionId: 7, version: 1 };

describe('SDP answer', () => {
  it('accepts G.711 (PCMA when that is what is offered) and real-time text, refuses video with port 0, in offer order', () => {
    const offer = ['v=0', 'o=- 1 1 IN IP4 1.2.3.4', 's=-', 'c=IN IP4 1.2.3.4', 't=0 0',
      'm=audio 5000 RTP/AVP 8 101', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendonly',
      'm=video 5002 RTP/AVP 96', 'a=rtpmap:96 H264/90000',
      'm=text 5004 RTP/AVP 98', 'a=rtpmap:98 t140/1000', ''].join('\r\n');
    const a = sdpAnswer(offer, opts).split('\r\n');
    expect(a.slice(0, 5)).toEqual(['v=0', 'o=OpenPSAP 7 1 IN IP4 10.0.0.5', 's=-', 'c=IN IP4 10.0.0.5', 't=0 0']);
    expect(a).toContain('m=audio 40000 RTP/AVP 8 101');
    expect(a).toContain('a=rtpmap:8 PCMA/8000');
    expect(a).toContain('a=recvonly');
    expect(a).toContain('m=video 0 RTP/AVP 96');
    expect(a).toContain('m=text 40002 RTP/AVP 98');
    expect(a.filter((l) => l.startsWith('m='))).toHaveLength(3);
  });

  it('refuses SRTP without a crypto line and answers SDES SRTP with its own key', () => {
    expect(sdpAnswer('v=0\r\nm=audio 5000 RTP/SAVP 0\r\n', opts)).toContain('m=audio 0 RTP/SAVP 0');
    const srtp = sdpAnswer('v=0\r\nm=audio 5000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n', opts);
    expect(srtp).toMatch(/m=audio 40000 RTP\/SAVP 0\r\n/);
    expect(srtp).toMatch(/a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:[A-Za-z0-9+/=]{40}/);
  });
});
