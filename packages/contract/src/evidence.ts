import { z } from 'zod';

/**
 * Evidence: a photo or video with its SHA-256, who gave it, how it reached the centre, and every
 * access since (the chain of custody). Witnesses upload through a one-time link; a caller's phone
 * can stream live video; camera owners' footage arrives through the same store.
 */
export const EVIDENCE_SOURCES = ['witness', 'footage', 'caller-video', 'staff'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];
export const MEDIA_KINDS = ['photo', 'video'] as const;
export type MediaKindName = (typeof MEDIA_KINDS)[number];
export const CUSTODY_ACTIONS = ['received', 'view', 'download', 'share', 'share-use', 'share-revoked', 'verified', 'integrity-failed', 'erased'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];
export const EVIDENCE_LINK_PURPOSES = ['upload', 'live-video'] as const;
export type EvidenceLinkPurpose = (typeof EVIDENCE_LINK_PURPOSES)[number];
export const EVIDENCE_LINK_STATES = ['waiting', 'opened', 'finished', 'expired', 'revoked'] as const;
export type EvidenceLinkState = (typeof EVIDENCE_LINK_STATES)[number];
export const SHARE_RECIPIENT_KINDS = ['agency', 'unit', 'other'] as const;

/** The one header of a chunk: where in the file these bytes start. */
export const UPLOAD_OFFSET_HEADER = 'upload-offset';
/** The content type of a chunk's body (the name tus 1.0 uses). */
export const CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';
/** Largest chunk one request may carry. */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;

export const EvidenceItemSchema = z.object({
  id: z.number().int(),
  incidentId: z.number().int().nullable(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  contentType: z.string(),
  mediaKind: z.enum(MEDIA_KINDS),
  declaredName: z.string(),
  source: z.enum(EVIDENCE_SOURCES),
  submittedBy: z.string(),
  how: z.string(),
  receivedAt: z.string(),
  location: z.object({ lat: z.number(), lon: z.number(), accuracyM: z.number().nullable() }).nullable(),
  store: z.enum(['local', 's3']),
  erasedAt: z.string().nullable(),
});
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;

export const CustodyEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.enum(CUSTODY_ACTIONS),
  actor: z.string(),
  ip: z.string().nullable(),
  purpose: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type CustodyEntry = z.infer<typeof CustodyEntrySchema>;

export const EvidenceLinkSchema = z.object({
  id: z.number().int(),
  purpose: z.enum(EVIDENCE_LINK_PURPOSES),
  incidentId: z.number().int(),
  recipientPhone: z.string(),
  recipientName: z.string().nullable(),
  language: z.enum(['en', 'es']),
  state: z.enum(EVIDENCE_LINK_STATES),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  openedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** live video: recorded as evidence; the caller's consent and shared location. */
  record: z.boolean(),
  consentedAt: z.string().nullable(),
  location: z.object({ lat: z.number(), lon: z.number(), accuracyM: z.number().nullable(), at: z.string().nullable() }).nullable(),
  /** Files received through this link. */
  files: z.number().int(),
});
export type EvidenceLink = z.infer<typeof EvidenceLinkSchema>;

export const IncidentEvidenceSchema = z.object({ items: z.array(EvidenceItemSchema), links: z.array(EvidenceLinkSchema) });
export type IncidentEvidence = z.infer<typeof IncidentEvidenceSchema>;

const Phone = z
  .string({ error: 'is required' })
  .trim()
  .transform((s) => s.replace(/[\s().-]/g, ''))
  .pipe(z.string().regex(/^\+?[0-9]{7,15}$/, 'must be a phone number that can receive text messages, e.g. +1 410 555 0100'));

/** Dispatcher: send a one-time link to a caller or witness. */
export const SendEvidenceLinkBodySchema = z
  .object({
    phone: Phone,
    name: z.string().trim().max(120, 'must be at most 120 characters').optional(),
    language: z.enum(['en', 'es'], { error: 'must be en or es' }).default('en'),
  })
  .strict();
export type SendEvidenceLinkBody = z.input<typeof SendEvidenceLinkBodySchema>;

export const EvidenceLinkCreatedSchema = z.object({
  link: EvidenceLinkSchema,
  /** The link itself, shown once so it can also be read out over the phone. */
  url: z.string(),
  /** The short code in the link, grouped for reading aloud. */
  code: z.string(),
  messageStatus: z.enum(['sent', 'failed']),
});
export type EvidenceLinkCreated = z.infer<typeof EvidenceLinkCreatedSchema>;

const Lat = z.number({ error: 'must be a number' }).min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90');
const Lon = z.number({ error: 'must be a number' }).min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180');
export const SharedLocationSchema = z.object({ lat: Lat, lon: Lon, accuracyM: z.number().min(0).max(100_000).nullable().optional() }).strict();
export type SharedLocation = z.infer<typeof SharedLocationSchema>;

/** Public: start one file's resumable upload. */
export const StartUploadBodySchema = z
  .object({
    name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(255, 'must be at most 255 characters'),
    size: z.number({ error: 'must be a number of bytes' }).int('must be a whole number of bytes').positive('must be more than 0 bytes'),
    type: z.string().max(100).optional(),
    location: SharedLocationSchema.optional(),
  })
  .strict();
export type StartUploadBody = z.infer<typeof StartUploadBodySchema>;

export const UploadStateSchema = z.object({
  key: z.string(),
  name: z.string(),
  size: z.number().int().nullable(),
  offset: z.number().int(),
  state: z.enum(['open', 'complete', 'refused', 'abandoned']),
  /** Once complete: the evidence record and the SHA-256 the server computed. */
  evidenceId: z.number().int().nullable(),
  sha256: z.string().nullable(),
  chunkBytes: z.number().int(),
});
export type UploadState = z.infer<typeof UploadStateSchema>;

/** Public: what the witness page needs to know about its link. */
export const WitnessLinkInfoSchema = z.object({
  centreName: z.string(),
  language: z.enum(['en', 'es']),
  expiresAt: z.string(),
  finished: z.boolean(),
  maxFiles: z.number().int(),
  maxPhotoBytes: z.number().int(),
  maxVideoBytes: z.number().int(),
  uploads: z.array(UploadStateSchema),
});
export type WitnessLinkInfo = z.infer<typeof WitnessLinkInfoSchema>;

/** Staff: start a recording or a file upload whose length may not be known yet. */
export const StartRecordingBodySchema = z
  .object({
    name: z.string().trim().min(1).max(255).optional(),
    size: z.number().int().positive().optional(),
  })
  .strict();

export const EvidenceShareSchema = z.object({
  id: z.number().int(),
  evidenceId: z.number().int(),
  recipientKind: z.enum(SHARE_RECIPIENT_KINDS),
  recipient: z.string(),
  purpose: z.string(),
  sentTo: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  uses: z.number().int(),
  lastUsedAt: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});
export type EvidenceShare = z.infer<typeof EvidenceShareSchema>;

export const EvidenceDetailSchema = z.object({
  item: EvidenceItemSchema,
  custody: z.array(CustodyEntrySchema),
  shares: z.array(EvidenceShareSchema),
});
export type EvidenceDetail = z.infer<typeof EvidenceDetailSchema>;

export const CreateShareBodySchema = z
  .object({
    recipientKind: z.enum(SHARE_RECIPIENT_KINDS, { error: 'must be agency, unit or other' }),
    recipient: z.string({ error: 'is required' }).trim().min(2, 'name the agency, unit or person (at least 2 characters)').max(200, 'must be at most 200 characters'),
    unitId: z.number().int().positive().optional(),
    purpose: z.string({ error: 'is required' }).trim().min(5, 'say why it is shared (at least 5 characters)').max(500, 'must be at most 500 characters'),
    hours: z.number({ error: 'must be a number of hours' }).int('must be a whole number of hours').min(1, 'must be at least 1 hour').optional(),
    /** Send the link by SMS (a phone number) or e-mail (an address); otherwise it is only shown. */
    sendTo: z.string().trim().max(200).optional(),
  })
  .strict();
export type CreateShareBody = z.input<typeof CreateShareBodySchema>;

export const ShareCreatedSchema = z.object({ share: EvidenceShareSchema, url: z.string(), messageStatus: z.enum(['sent', 'failed', 'not-sent']) });
export type ShareCreated = z.infer<typeof ShareCreatedSchema>;

/** Public: what a share link shows its recipient. */
export const SharedEvidenceViewSchema = z.object({
  centreName: z.string(),
  recipient: z.string(),
  purpose: z.string(),
  sharedBy: z.string(),
  expiresAt: z.string(),
  item: z.object({
    id: z.number().int(),
    declaredName: z.string(),
    contentType: z.string(),
    mediaKind: z.enum(MEDIA_KINDS),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    receivedAt: z.string(),
    incidentNumber: z.string().nullable(),
    how: z.string(),
  }),
});
export type SharedEvidenceView = z.infer<typeof SharedEvidenceViewSchema>;

/** Public: the caller's page for live video. */
export const CallerVideoInfoSchema = z.object({
  centreName: z.string(),
  language: z.enum(['en', 'es']),
  expiresAt: z.string(),
  state: z.enum(['waiting', 'consented', 'ended']),
  record: z.boolean(),
  iceServers: z.array(z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() })),
});
export type CallerVideoInfo = z.infer<typeof CallerVideoInfoSchema>;

export const CallerConsentBodySchema = z
  .object({
    video: z.literal(true, { error: 'video consent must be given to start' }),
    location: SharedLocationSchema.nullable().optional(),
  })
  .strict();
export type CallerConsentBody = z.infer<typeof CallerConsentBodySchema>;

/** Staff: a live-video session as the console sees it. */
export const CallerVideoSessionSchema = z.object({
  link: EvidenceLinkSchema,
  iceServers: CallerVideoInfoSchema.shape.iceServers,
  /** Whether the caller's phone is connected to the signalling channel right now. */
  callerConnected: z.boolean(),
});
export type CallerVideoSession = z.infer<typeof CallerVideoSessionSchema>;

/**
 * Signalling messages relayed between a caller's phone and the consoles watching it. The server
 * adds `from` (a viewer id) on the way to the phone and addresses answers with `to`.
 */
export type SignalMessage =
  | { type: 'hello'; role: 'caller' | 'viewer'; viewerId?: string; record?: boolean; recorder?: boolean }
  | { type: 'viewer-joined'; viewerId: string }
  | { type: 'viewer-left'; viewerId: string }
  | { type: 'caller-joined' }
  | { type: 'caller-left' }
  | { type: 'offer'; sdp: string; to?: string; from?: string }
  | { type: 'answer'; sdp: string; to?: string; from?: string }
  | { type: 'ice'; candidate: unknown; to?: string; from?: string }
  | { type: 'location'; lat: number; lon: number; accuracyM: number | null }
  | { type: 'recorder'; recorder: boolean }
  | { type: 'ended'; reason: string }
  | { type: 'error'; message: string };
