import { z } from 'zod';
import { LatitudeSchema, LongitudeSchema } from './location';

/**
 * Public alerts the centre issues (AMBER, Silver / missing and endangered, Blue, local
 * emergencies, severe weather). A draft answers the criteria of its kind, goes for approval, and
 * a supervisor other than the drafter issues it as a CAP 1.2 message in the IPAWS profile.
 */
export const ALERT_KINDS = ['amber', 'silver', 'blue', 'local-emergency', 'severe-weather'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_STATES = ['draft', 'awaiting-approval', 'issued', 'updated', 'cancelled', 'expired'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  amber: 'AMBER (child abduction)',
  silver: 'Silver / missing and endangered',
  blue: 'Blue (officer attacked)',
  'local-emergency': 'Local emergency',
  'severe-weather': 'Severe weather',
};

/** Wireless Emergency Alert limits: the short text every phone shows, the longer one newer phones show. */
export const WEA_SHORT_MAX = 90;
export const WEA_LONG_MAX = 360;

/** SAME event codes a centre may put on its alerts (IPAWS takes exactly one per info block). */
export const SAME_CODES: Record<string, string> = {
  CAE: 'Child Abduction Emergency',
  MEP: 'Missing and Endangered Persons',
  BLU: 'Blue Alert',
  LAE: 'Local Area Emergency',
  CEM: 'Civil Emergency Message',
  CDW: 'Civil Danger Warning',
  EVI: 'Evacuation Immediate',
  SPW: 'Shelter in Place Warning',
  HMW: 'Hazardous Materials Warning',
  LEW: 'Law Enforcement Warning',
  FRW: 'Fire Warning',
  SVS: 'Severe Weather Statement',
  ADR: 'Administrative Message',
};

/** What each kind is issued as unless the composer chooses another code. */
export const ALERT_KIND_DEFAULTS: Record<AlertKind, { sameCode: string; event: string }> = {
  amber: { sameCode: 'CAE', event: 'Child Abduction Emergency' },
  silver: { sameCode: 'MEP', event: 'Missing and Endangered Person' },
  blue: { sameCode: 'BLU', event: 'Blue Alert' },
  'local-emergency': { sameCode: 'LAE', event: 'Local Area Emergency' },
  'severe-weather': { sameCode: 'SVS', event: 'Severe Weather Statement' },
};

export interface AlertCriterion {
  key: string;
  question: string;
}

export interface AlertCriteriaSet {
  id: string;
  kind: AlertKind;
  title: string;
  criteria: AlertCriterion[];
}

/**
 * The questions a draft must answer "yes" to before it may go for approval. AMBER follows the US
 * Department of Justice criteria; Silver differs by state, so a centre picks its state's set (the
 * default is what most state programs share).
 */
export const ALERT_CRITERIA_SETS: AlertCriteriaSet[] = [
  {
    id: 'amber-doj',
    kind: 'amber',
    title: 'AMBER Alert criteria (US Department of Justice)',
    criteria: [
      { key: 'abduction', question: 'Law enforcement believes an abduction has occurred' },
      { key: 'age17OrYounger', question: 'The child is 17 years old or younger' },
      { key: 'imminentDanger', question: 'The child is believed to be in imminent danger of serious bodily injury or death' },
      { key: 'enoughDescription', question: 'There is enough descriptive information about the child and the abduction for the public to help' },
      { key: 'ncic', question: 'The child has been entered into NCIC (flagged as a child abduction)' },
    ],
  },
  {
    id: 'silver-default',
    kind: 'silver',
    title: 'Silver Alert / missing and endangered criteria',
    criteria: [
      { key: 'ageOrImpairment', question: 'The person is 60 or older, or has a cognitive impairment (such as dementia)' },
      { key: 'believedInDanger', question: "The person's disappearance poses a credible threat to their health or safety" },
      { key: 'enoughDescription', question: 'There is enough description of the person (and any vehicle) for the public to help' },
      { key: 'reportedToPolice', question: 'A missing person report has been taken by law enforcement' },
    ],
  },
  {
    id: 'silver-caregiver',
    kind: 'silver',
    title: 'Silver Alert criteria (states that also require the caregiver)',
    criteria: [
      { key: 'ageOrImpairment', question: 'The person is 60 or older, or has a cognitive impairment (such as dementia)' },
      { key: 'believedInDanger', question: "The person's disappearance poses a credible threat to their health or safety" },
      { key: 'enoughDescription', question: 'There is enough description of the person (and any vehicle) for the public to help' },
      { key: 'reportedToPolice', question: 'A missing person report has been taken by law enforcement' },
      { key: 'caregiverConfirms', question: 'A family member or caregiver has confirmed the impairment' },
    ],
  },
  {
    id: 'blue-default',
    kind: 'blue',
    title: 'Blue Alert criteria',
    criteria: [
      { key: 'officerHarmed', question: 'A law enforcement officer has been killed, seriously injured or threatened with a deadly weapon' },
      { key: 'suspectThreat', question: 'The suspect poses a serious risk to the public or to officers' },
      { key: 'enoughDescription', question: 'There is a detailed description of the suspect or the vehicle' },
      { key: 'publicCanHelp', question: 'Public dissemination may help apprehend the suspect' },
    ],
  },
  {
    id: 'local-emergency-default',
    kind: 'local-emergency',
    title: 'Local emergency criteria',
    criteria: [
      { key: 'threatToLife', question: 'There is an imminent threat to life or property in the area' },
      { key: 'publicAction', question: 'The public must act now (evacuate, shelter, avoid the area)' },
      { key: 'authorised', question: 'An authorised official has asked for the alert' },
    ],
  },
  {
    id: 'severe-weather-default',
    kind: 'severe-weather',
    title: 'Severe weather criteria',
    criteria: [
      { key: 'threatToLife', question: 'The weather threatens life or property in the area' },
      { key: 'notDuplicate', question: 'The National Weather Service warning does not already say what the public needs' },
      { key: 'authorised', question: 'An authorised official has asked for the alert' },
    ],
  },
];

export const CriterionAnswerSchema = z.enum(['yes', 'no'], { error: 'answer yes or no' });
export type CriterionAnswer = z.infer<typeof CriterionAnswerSchema>;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const PointSchema = z.tuple([LatitudeSchema, LongitudeSchema], { error: 'each point is [latitude, longitude]' });

export const AlertAreaSchema = z
  .object({
    areaDesc: text(500),
    /** At least three distinct points; the server closes the ring. */
    polygon: z.array(PointSchema).min(3, 'a polygon needs at least 3 points').max(100, 'at most 100 points').nullable().default(null),
    circle: z.object({ lat: LatitudeSchema, lon: LongitudeSchema, radiusKm: z.number().positive('must be more than 0').max(500, 'must be at most 500 km') }).strict().nullable().default(null),
    /** SAME (FIPS) county codes, six digits: 0 + state + county, e.g. 024510 for Baltimore city. */
    sameGeocodes: z.array(z.string().regex(/^\d{6}$/, 'each SAME code is six digits')).max(31, 'at most 31 SAME codes').default([]),
  })
  .strict();
export type AlertArea = z.infer<typeof AlertAreaSchema>;

/** The fields a composer edits; every one optional when patching a draft. */
export const AlertFieldsSchema = z
  .object({
    kind: z.enum(ALERT_KINDS, { error: `must be one of ${ALERT_KINDS.join(', ')}` }),
    event: text(200),
    sameCode: z.string().refine((c) => c in SAME_CODES, { message: `must be one of ${Object.keys(SAME_CODES).join(', ')}` }),
    headline: text(160),
    description: text(4000),
    instruction: text(2000),
    weaShort: z.string().max(WEA_SHORT_MAX, `WEA short text must be at most ${WEA_SHORT_MAX} characters`),
    weaLong: z.string().max(WEA_LONG_MAX, `WEA long text must be at most ${WEA_LONG_MAX} characters`),
    lastSeen: text(500),
    vehicle: text(500),
    area: AlertAreaSchema,
    expiresAt: z.iso.datetime({ offset: true, error: 'must be a date and time with offset' }).nullable(),
    incidentId: z.number().int().positive().nullable(),
    criteria: z.record(z.string(), CriterionAnswerSchema),
  })
  .strict();

export const AlertCreateSchema = AlertFieldsSchema.partial().required({ kind: true }).strict();
export type AlertCreateBody = z.infer<typeof AlertCreateSchema>;
/** A draft may change kind (an AMBER that fails the criteria becomes a missing/endangered alert): its criteria start over. */
export const AlertPatchSchema = AlertFieldsSchema.partial().strict();
export type AlertPatchBody = z.infer<typeof AlertPatchSchema>;
/** An issued alert's Update: new texts, area or expiry, sent as a CAP Update referencing the earlier messages. */
export const AlertUpdateSchema = AlertFieldsSchema.pick({ headline: true, description: true, instruction: true, weaShort: true, weaLong: true, area: true, expiresAt: true }).partial().strict();
export type AlertUpdateBody = z.infer<typeof AlertUpdateSchema>;
/** A picture to publish with the alert (the child, the person, the suspect's vehicle); null removes it. */
export const AlertPhotoBodySchema = z
  .object({
    photo: z
      .object({ contentType: z.literal('image/jpeg', { error: 'must be a JPEG picture' }), data: z.string().max(2_800_000, 'must be at most 2 MB').regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64') })
      .strict()
      .nullable(),
  })
  .strict();
export type AlertPhotoBody = z.infer<typeof AlertPhotoBodySchema>;
export const AlertReasonSchema = z.object({ reason: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters') }).strict();

export interface AlertMessage {
  id: number;
  identifier: string;
  sent: string;
  msgType: 'Alert' | 'Update' | 'Cancel';
  references: string[];
  createdBy: string;
}

export interface Alert {
  id: number;
  kind: AlertKind;
  state: AlertState;
  incidentId: number | null;
  hmhPersonId: number | null;
  sourceDraftId: number | null;
  event: string;
  sameCode: string;
  headline: string;
  description: string;
  instruction: string;
  weaShort: string;
  weaLong: string;
  lastSeen: string;
  vehicle: string;
  area: AlertArea;
  expiresAt: string | null;
  hasPhoto: boolean;
  criteriaSet: AlertCriteriaSet;
  criteria: Record<string, CriterionAnswer>;
  draftedBy: string;
  draftedById: number | null;
  draftedAt: string;
  submittedAt: string | null;
  approvedBy: string | null;
  issuedAt: string | null;
  returnedNote: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  boloId: number | null;
  messages: AlertMessage[];
  updatedAt: string;
}

/** What anyone may see of an issued alert. */
export interface PublicAlert {
  id: number;
  kind: AlertKind;
  state: AlertState;
  event: string;
  headline: string;
  description: string;
  instruction: string;
  areaDesc: string;
  circle: AlertArea['circle'];
  issuedAt: string;
  updatedAt: string;
  expiresAt: string | null;
  photoUrl: string | null;
  capUrl: string;
}
