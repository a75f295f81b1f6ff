import { z } from 'zod';

/** The SIP call-handling interface (NG9-1-1 intake). Off unless asked for. */
export interface SipSettings {
  enabled: boolean;
  host: string;
  /** UDP and TCP on the same port; 0 picks a free one (tests). */
  port: number;
  /** Request-URIs of administrative lines, besides urn:service:sos and its sub-services. */
  adminLines: string[];
  /** Answer every call at once (tests and demonstrations without a call-taker). */
  autoAnswer: boolean;
  /** Where the phone system takes the media: the address and first port named in SDP answers. */
  mediaHost: string | null;
  mediaPort: number;
}

const flag = (name: string) => z.enum(['0', '1', 'true', 'false'], { error: `${name} must be 1 or 0` }).default('0');

/** The environment variables of the SIP listener, merged into the server's configuration source. */
export const SIP_ENV = {
  PSAP_SIP: flag('PSAP_SIP'),
  PSAP_SIP_HOST: z.string().trim().min(1, 'PSAP_SIP_HOST must not be empty').default('127.0.0.1'),
  PSAP_SIP_PORT: z.coerce
    .number({ error: 'PSAP_SIP_PORT must be a whole number' })
    .int('PSAP_SIP_PORT must be a whole number')
    .min(0, 'PSAP_SIP_PORT must be at least 0')
    .max(65535, 'PSAP_SIP_PORT must be at most 65535')
    .default(5060),
  PSAP_SIP_ADMIN_LINES: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^(sips?|tel|urn):\S+$/i, 'PSAP_SIP_ADMIN_LINES must list URIs such as sip:admin@psap.example.org, separated by commas')))
    .default([]),
  PSAP_SIP_AUTO_ANSWER: flag('PSAP_SIP_AUTO_ANSWER'),
  PSAP_SIP_MEDIA_HOST: z.string().trim().regex(/^[0-9a-fA-F.:]+$/, 'PSAP_SIP_MEDIA_HOST must be an IP address (the phone system\'s media address)').optional(),
  PSAP_SIP_MEDIA_PORT: z.coerce
    .number({ error: 'PSAP_SIP_MEDIA_PORT must be a whole number' })
    .int('PSAP_SIP_MEDIA_PORT must be a whole number')
    .min(1024, 'PSAP_SIP_MEDIA_PORT must be at least 1024')
    .max(55000, 'PSAP_SIP_MEDIA_PORT must be at most 55000 (10,000 ports are used from it)')
    .default(40000),
};

const SipEnvSchema = z.object(SIP_ENV);
const on = (v: string) => v === '1' || v === 'true';

export function sipSettings(c: z.infer<typeof SipEnvSchema>): SipSettings {
  return {
    enabled: on(c.PSAP_SIP), host: c.PSAP_SIP_HOST, port: c.PSAP_SIP_PORT, adminLines: c.PSAP_SIP_ADMIN_LINES, autoAnswer: on(c.PSAP_SIP_AUTO_ANSWER),
    mediaHost: c.PSAP_SIP_MEDIA_HOST ?? null, mediaPort: c.PSAP_SIP_MEDIA_PORT,
  };
}
