import { z } from 'zod';
import { PhoneNumberSchema } from './calls';

/** What an alarm panel reported, as alarm companies name it. */
export const ALARM_EVENT_TYPES = ['burglary', 'fire', 'medical', 'panic', 'holdup', 'carbon-monoxide', 'water-flow', 'gas', 'other'] as const;
export type AlarmEventType = (typeof ALARM_EVENT_TYPES)[number];

/** The APCO incident type a call-taker starts from for each alarm type. */
export const ALARM_TYPE_CODES: Record<AlarmEventType, string> = {
  burglary: 'ALRBA',
  fire: 'ALRF',
  medical: 'ALRMED',
  panic: 'ALRPANS',
  holdup: 'ALRROBS',
  'carbon-monoxide': 'ALRCO',
  'water-flow': 'ALRWTR',
  gas: 'ALRGAS',
  other: 'ALRU',
};

const Contact = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    phone: PhoneNumberSchema.optional(),
    role: z.string().trim().max(100).optional(),
  })
  .strict();

export const AlarmEventBodySchema = z
  .object({
    /** The company's own id for this alarm: sending it again returns the same call. */
    alarmId: z.string().trim().min(1, 'must not be empty').max(100),
    account: z.string().trim().min(1, 'must not be empty').max(100),
    eventType: z.enum(ALARM_EVENT_TYPES, { error: `must be one of ${ALARM_EVENT_TYPES.join(', ')}` }),
    zone: z.string().trim().max(200).optional(),
    site: z
      .object({
        name: z.string().trim().max(200).optional(),
        address: z.string().trim().min(3, 'must be a street address').max(300),
        city: z.string().trim().max(100).optional(),
        phone: PhoneNumberSchema.optional(),
      })
      .strict(),
    contacts: z.array(Contact).max(20, 'at most 20 contacts').default([]),
    permitNumber: z.string().trim().max(100).optional(),
    comments: z.string().trim().max(2000).optional(),
  })
  .strict();
export type AlarmEventBody = z.infer<typeof AlarmEventBodySchema>;

export const AlarmUpdateBodySchema = z.object({ comments: z.string().trim().min(1, 'must not be empty').max(2000) }).strict();
export const AlarmCancelBodySchema = z.object({ reason: z.string().trim().min(1, 'must not be empty').max(500) }).strict();

export const AlarmEventSchema = z.object({
  id: z.number().int(),
  alarmId: z.string(),
  callId: z.number().int(),
  incidentId: z.number().int().nullable(),
  status: z.enum(['accepted', 'dispatched', 'arrived', 'closed', 'cancelled']),
  location: z.object({ text: z.string(), lat: z.number(), lon: z.number() }),
  receivedAt: z.string(),
});
export type AlarmEvent = z.infer<typeof AlarmEventSchema>;

/** What a company's callback URL receives for each stage of its alarm. */
export interface AlarmCallbackPayload {
  alarmId: string;
  account: string;
  stage: 'accepted' | 'dispatched' | 'arrived' | 'closed' | 'cancelled';
  at: string;
  callId: number;
  incidentNumber: string | null;
  units: string[];
  disposition: string | null;
  comments: string | null;
}
