import { z } from 'zod';
import { EVIDENCE_SOURCES, type EvidenceSource as EvidenceSourceName } from '@openpsap/contract';

/** Where evidence bytes live, how large they may be, how long links and items last. */
export interface EvidenceSettings {
  store: 'local' | 's3';
  s3: S3Settings | null;
  maxPhotoBytes: number;
  maxVideoBytes: number;
  /** Files one witness link accepts. */
  maxFilesPerLink: number;
  /** How long an upload or live-video link stays usable. */
  linkHours: number;
  /** Default and longest life of a share link. */
  shareHours: number;
  maxShareHours: number;
  /** Days an item is kept after it was received, per source; items of open incidents are always kept. */
  retentionDays: Record<EvidenceSourceName, number>;
  /** Agency codes whose live caller video is recorded as evidence ('*' = every agency). */
  recordCallerVideo: '*' | string[];
  /** Handed to both browsers of a live video; empty on a LAN or localhost. */
  iceServers: IceServer[];
}

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Key prefix inside the bucket, e.g. "psap/". */
  prefix: string;
}

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

const mb = (name: string, dflt: number) =>
  z.coerce.number({ error: `${name} must be a number of megabytes` }).int(`${name} must be a whole number`).min(1, `${name} must be at least 1`).max(1024 * 1024, `${name} is too large`).default(dflt);
const hours = (name: string, dflt: number) =>
  z.coerce.number({ error: `${name} must be a number of hours` }).int(`${name} must be a whole number`).min(1, `${name} must be at least 1`).max(24 * 365, `${name} must be at most a year`).default(dflt);
const urlList = (name: string, scheme: RegExp) =>
  z
    .string()
    .transform((s) => s.split(',').map((u) => u.trim()).filter(Boolean))
    .refine((l) => l.every((u) => scheme.test(u)), `${name} must be a comma-separated list like ${name.includes('TURN') ? 'turn:turn.example.org:3478' : 'stun:stun.example.org:3478'}`);

/** The environment variables of evidence handling, merged into the server's configuration source. */
export const EVIDENCE_ENV = {
  PSAP_EVIDENCE_STORE: z.enum(['local', 's3'], { error: 'PSAP_EVIDENCE_STORE must be local or s3' }).default('local'),
  PSAP_S3_ENDPOINT: z.url({ error: 'PSAP_S3_ENDPOINT must be a URL such as https://s3.us-east-1.amazonaws.com' }).optional(),
  PSAP_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'PSAP_S3_BUCKET must be a bucket name (3-63 lower-case letters, digits, dots, hyphens)').optional(),
  PSAP_S3_REGION: z.string().regex(/^[a-z0-9-]{2,32}$/, 'PSAP_S3_REGION must look like us-east-1').default('us-east-1'),
  PSAP_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  PSAP_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  PSAP_S3_PREFIX: z.string().regex(/^[A-Za-z0-9/_.-]*$/, 'PSAP_S3_PREFIX may hold letters, digits, / _ . -').default(''),
  PSAP_EVIDENCE_MAX_PHOTO_MB: mb('PSAP_EVIDENCE_MAX_PHOTO_MB', 40),
  PSAP_EVIDENCE_MAX_VIDEO_MB: mb('PSAP_EVIDENCE_MAX_VIDEO_MB', 2048),
  PSAP_EVIDENCE_MAX_FILES: z.coerce.number({ error: 'PSAP_EVIDENCE_MAX_FILES must be a number' }).int().min(1, 'PSAP_EVIDENCE_MAX_FILES must be at least 1').max(500, 'PSAP_EVIDENCE_MAX_FILES must be at most 500').default(20),
  PSAP_EVIDENCE_LINK_HOURS: hours('PSAP_EVIDENCE_LINK_HOURS', 24),
  PSAP_EVIDENCE_SHARE_HOURS: hours('PSAP_EVIDENCE_SHARE_HOURS', 72),
  PSAP_EVIDENCE_MAX_SHARE_HOURS: hours('PSAP_EVIDENCE_MAX_SHARE_HOURS', 24 * 30),
  PSAP_EVIDENCE_RETENTION_DAYS: z
    .string()
    .transform((s, c) => {
      const out: Partial<Record<EvidenceSourceName, number>> = {};
      for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
        const m = /^([a-z-]+)=(\d{1,5})$/.exec(part);
        if (!m || !(EVIDENCE_SOURCES as readonly string[]).includes(m[1]!) || Number(m[2]) < 1) {
          c.addIssue({ code: 'custom', message: `PSAP_EVIDENCE_RETENTION_DAYS: "${part}" must be source=days with a source among ${EVIDENCE_SOURCES.join(', ')} and days >= 1` });
          return z.NEVER;
        }
        out[m[1] as EvidenceSourceName] = Number(m[2]);
      }
      return out;
    })
    .default({}),
  PSAP_CALLER_VIDEO_RECORD: z
    .string()
    .transform((s) => (s.trim() === '*' ? ('*' as const) : s.split(',').map((x) => x.trim().toUpperCase()).filter(Boolean)))
    .default('*'),
  PSAP_STUN_URLS: urlList('PSAP_STUN_URLS', /^stuns?:\S+$/).default([]),
  PSAP_TURN_URLS: urlList('PSAP_TURN_URLS', /^turns?:\S+$/).default([]),
  PSAP_TURN_USERNAME: z.string().min(1).optional(),
  PSAP_TURN_CREDENTIAL: z.string().min(1).optional(),
};

type EvidenceEnv = z.output<z.ZodObject<typeof EVIDENCE_ENV>>;

/** Retention when nothing is configured: three years, long enough for most prosecutions to start. */
export const DEFAULT_EVIDENCE_RETENTION_DAYS = 3 * 365;

/** Builds the evidence settings; `problems` lists what an operator must fix (empty when fine). */
export function evidenceSettings(c: EvidenceEnv): { settings: EvidenceSettings; problems: string[] } {
  const problems: string[] = [];
  let s3: S3Settings | null = null;
  if (c.PSAP_EVIDENCE_STORE === 's3') {
    const missing = (['PSAP_S3_ENDPOINT', 'PSAP_S3_BUCKET', 'PSAP_S3_ACCESS_KEY_ID', 'PSAP_S3_SECRET_ACCESS_KEY'] as const).filter((k) => !c[k]);
    if (missing.length) problems.push(`PSAP_EVIDENCE_STORE=s3 needs ${missing.join(', ')}`);
    else s3 = { endpoint: c.PSAP_S3_ENDPOINT!.replace(/\/+$/, ''), bucket: c.PSAP_S3_BUCKET!, region: c.PSAP_S3_REGION, accessKeyId: c.PSAP_S3_ACCESS_KEY_ID!, secretAccessKey: c.PSAP_S3_SECRET_ACCESS_KEY!, prefix: c.PSAP_S3_PREFIX };
  }
  if (c.PSAP_TURN_URLS.length && !(c.PSAP_TURN_USERNAME && c.PSAP_TURN_CREDENTIAL)) problems.push('PSAP_TURN_URLS needs PSAP_TURN_USERNAME and PSAP_TURN_CREDENTIAL');
  if (c.PSAP_EVIDENCE_SHARE_HOURS > c.PSAP_EVIDENCE_MAX_SHARE_HOURS) problems.push('PSAP_EVIDENCE_SHARE_HOURS must not exceed PSAP_EVIDENCE_MAX_SHARE_HOURS');
  const iceServers: IceServer[] = [];
  if (c.PSAP_STUN_URLS.length) iceServers.push({ urls: c.PSAP_STUN_URLS });
  if (c.PSAP_TURN_URLS.length) iceServers.push({ urls: c.PSAP_TURN_URLS, username: c.PSAP_TURN_USERNAME!, credential: c.PSAP_TURN_CREDENTIAL! });
  const retentionDays = Object.fromEntries(EVIDENCE_SOURCES.map((s) => [s, c.PSAP_EVIDENCE_RETENTION_DAYS[s] ?? DEFAULT_EVIDENCE_RETENTION_DAYS])) as Record<EvidenceSourceName, number>;
  return {
    problems,
    settings: {
      store: c.PSAP_EVIDENCE_STORE,
      s3,
      maxPhotoBytes: c.PSAP_EVIDENCE_MAX_PHOTO_MB * 1024 * 1024,
      maxVideoBytes: c.PSAP_EVIDENCE_MAX_VIDEO_MB * 1024 * 1024,
      maxFilesPerLink: c.PSAP_EVIDENCE_MAX_FILES,
      linkHours: c.PSAP_EVIDENCE_LINK_HOURS,
      shareHours: c.PSAP_EVIDENCE_SHARE_HOURS,
      maxShareHours: c.PSAP_EVIDENCE_MAX_SHARE_HOURS,
      retentionDays,
      recordCallerVideo: c.PSAP_CALLER_VIDEO_RECORD,
      iceServers,
    },
  };
}
