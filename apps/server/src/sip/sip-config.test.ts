import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';

describe('SIP settings', () => {
  it('are off by default, on 127.0.0.1:5060 when turned on, with administrative lines as a list', () => {
    expect(loadConfig({}).sip).toEqual({ enabled: false, host: '127.0.0.1', port: 5060, adminLines: [], autoAnswer: false, mediaHost: null, mediaPort: 40000 });
    const c = loadConfig({ PSAP_SIP: '1', PSAP_SIP_PORT: '5070', PSAP_SIP_HOST: '0.0.0.0', PSAP_SIP_ADMIN_LINES: 'sip:admin@psap.example.org, tel:+14105550100', PSAP_SIP_AUTO_ANSWER: 'true', PSAP_SIP_MEDIA_HOST: '10.1.2.3', PSAP_SIP_MEDIA_PORT: '20000' });
    expect(c.sip).toEqual({ enabled: true, host: '0.0.0.0', port: 5070, adminLines: ['sip:admin@psap.example.org', 'tel:+14105550100'], autoAnswer: true, mediaHost: '10.1.2.3', mediaPort: 20000 });
  });

  it('name the setting that is wrong', () => {
    expect(() => loadConfig({ PSAP_SIP_PORT: '70000' })).toThrow(/PSAP_SIP_PORT must be at most 65535/);
    expect(() => loadConfig({ PSAP_SIP: 'yes' })).toThrow(/PSAP_SIP must be 1 or 0/);
    expect(() => loadConfig({ PSAP_SIP_ADMIN_LINES: 'admin' })).toThrow(/PSAP_SIP_ADMIN_LINES must list URIs/);
  });
});
