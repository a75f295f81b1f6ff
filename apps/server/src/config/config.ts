import { resolve } from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '@openpsap/contract';
import { VIDEO_ENV, videoSettings, type VideoSettings } from '../modules/video/video-config';
import { EVIDENCE_ENV, evidenceSettings, type EvidenceSettings } from '../evidence/evidence-config';
import { CAP_FEED_ENV, capFeedSettings, type CapFeedSettings } from '../modules/outside-alerts/outside-alerts-config';
import { ALERT_ENV, alertSettings, type AlertSettings } from '../modules/alerts/alerts-config';
import { SIP_ENV, sipSettings, type SipSettings } from '../sip/sip-config';

/** Settings that shape one server process; read from flags first, then the environment. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  publicUrl: string | null;
  /** Addresses of the load balancers whose X-Forwarded-For is believed (comma-separated IPs or CIDRs). */
  trustProxy: string | null;
  seedDemo: boolean;
  /** How often the stream pings sockets and sends the cursor; dead peers are dropped after two. */
  heartbeatSeconds: number;
  /** The centre's local time zone: schedules (CARE windows, tours) and incident years follow it. */
  timeZone: string;
  messaging: { gateway: 'local' | 'http'; url: string | null; apiKey: string | null };
  auth: AuthConfig;
  /** The RTCC's live-video relay (src/modules/video/video-config.ts). */
  video: VideoSettings;
  /** Evidence store, upload limits, link lives, retention, live video (src/evidence/evidence-config.ts). */
  evidence: EvidenceSettings;
  /** CAP feeds from other senders polled for active alerts (src/modules/outside-alerts/outside-alerts-config.ts). */
  capFeeds: CapFeedSettings;
  /** Public alerts: the state's Silver criteria and the sender name (src/modules/alerts/alerts-config.ts). */
  alerts: AlertSettings;
  /** NG9-1-1 intake over SIP (src/sip/sip-config.ts). */
  sip: SipSettings;
}

export interface AuthConfig {
  idleLockMinutes: number;
  sessionHours: number;
  lockoutAttempts: number;
  lockoutMinutes: number;
  totpRequiredRoles: Role[];
}

const intFrom = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

const roleList = z
  .string()
  .transform((s) => s.split(',').map((r) => r.trim()).filter(Boolean))
  .pipe(z.array(z.enum(ROLES, { error: `PSAP_TOTP_ROLES may list only ${ROLES.join(', ')}` })));

const ConfigSource = z.object({
  PORT: intFrom('PORT', 0, 65535).default(8080),
  HOST: z.string().min(1, 'HOST must not be empty').default('127.0.0.1'),
  PSAP_DATA_DIR: z.string().min(1).default('./var'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  PSAP_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'PSAP_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  PSAP_PUBLIC_URL: z.url({ error: 'PSAP_PUBLIC_URL must be a URL such as https://cad.example.org' }).optional(),
  PSAP_TRUST_PROXY: z.string().regex(/^[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*$/, 'PSAP_TRUST_PROXY must list the load balancers\' addresses, e.g. 10.0.0.5,10.0.1.0/24').optional(),
  PSAP_SEED_DEMO: z.enum(['0', '1', 'true', 'false'], { error: 'PSAP_SEED_DEMO must be 1 or 0' }).default('1'),
  PSAP_HEARTBEAT_SECONDS: intFrom('PSAP_HEARTBEAT_SECONDS', 1, 300).default(15),
  PSAP_TIME_ZONE: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'PSAP_TIME_ZONE must be an IANA time zone such as America/New_York').default('America/New_York'),
  PSAP_MESSAGING: z.enum(['local', 'http'], { error: 'PSAP_MESSAGING must be local or http' }).default('local'),
  PSAP_SMS_URL: z.url({ error: 'PSAP_SMS_URL must be a URL' }).optional(),
  PSAP_SMS_KEY: z.string().min(1).optional(),
  PSAP_IDLE_LOCK_MINUTES: intFrom('PSAP_IDLE_LOCK_MINUTES', 1, 24 * 60).default(30),
  PSAP_SESSION_HOURS: intFrom('PSAP_SESSION_HOURS', 1, 24 * 7).default(13),
  PSAP_LOCKOUT_ATTEMPTS: intFrom('PSAP_LOCKOUT_ATTEMPTS', 1, 100).default(5),
  PSAP_LOCKOUT_MINUTES: intFrom('PSAP_LOCKOUT_MINUTES', 1, 24 * 60).default(10),
  PSAP_TOTP_ROLES: roleList.default([]),
  ...VIDEO_ENV,
  ...EVIDENCE_ENV,
  ...CAP_FEED_ENV,
  ...ALERT_ENV,
  ...SIP_ENV,
});

export class ConfigError extends Error {}

/**
 * Builds the configuration from flags (already parsed, keyed like the env names) over the
 * environment, failing with every problem listed at once so an operator fixes them in one go.
 */
export function loadConfig(env: Record<string, string | undefined>, overrides: Record<string, string | undefined> = {}): ServerConfig {
  const merged: Record<string, string | undefined> = {};
  for (const key of Object.keys(ConfigSource.shape)) {
    const v = overrides[key] ?? env[key];
    if (v !== undefined && v !== '') merged[key] = v;
  }
  const parsed = ConfigSource.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.PSAP_MESSAGING === 'http' && !c.PSAP_SMS_URL) throw new ConfigError('invalid configuration:\n  - PSAP_MESSAGING=http needs PSAP_SMS_URL');
  const evidence = evidenceSettings(c);
  if (evidence.problems.length) throw new ConfigError(`invalid configuration:\n${evidence.problems.map((p) => `  - ${p}`).join('\n')}`);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: resolve(c.PSAP_DATA_DIR),
    databaseUrl: c.DATABASE_URL ?? null,
    logLevel: c.PSAP_LOG_LEVEL,
    publicUrl: c.PSAP_PUBLIC_URL ?? null,
    trustProxy: c.PSAP_TRUST_PROXY ?? null,
    seedDemo: c.PSAP_SEED_DEMO === '1' || c.PSAP_SEED_DEMO === 'true',
    heartbeatSeconds: c.PSAP_HEARTBEAT_SECONDS,
    timeZone: c.PSAP_TIME_ZONE,
    messaging: { gateway: c.PSAP_MESSAGING, url: c.PSAP_SMS_URL ?? null, apiKey: c.PSAP_SMS_KEY ?? null },
    auth: {
      idleLockMinutes: c.PSAP_IDLE_LOCK_MINUTES,
      sessionHours: c.PSAP_SESSION_HOURS,
      lockoutAttempts: c.PSAP_LOCKOUT_ATTEMPTS,
      lockoutMinutes: c.PSAP_LOCKOUT_MINUTES,
      totpRequiredRoles: c.PSAP_TOTP_ROLES,
    },
    video: videoSettings(c),
    evidence: evidence.settings,
    capFeeds: capFeedSettings(c),
    alerts: alertSettings(c),
    sip: sipSettings(c),
  };
}
