import { z } from 'zod';
import { PhoneNumberSchema } from './calls';

/**
 * A CARE check-in that did not happen: it enters the call-taker's queue, and if nobody resolves it
 * in time it becomes a welfare check. (The CARE module owns the rest of this file's schemas.)
 */
export const CARE_ALERT_STATES = ['open', 'resolved', 'welfare-check'] as const;

export const CareAlertSchema = z.object({
  id: z.number().int(),
  enrolmentId: z.number().int(),
  personName: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  /** The local calendar date of the missed window, YYYY-MM-DD. */
  date: z.string(),
  windowEnd: z.string(),
  state: z.enum(CARE_ALERT_STATES),
  openedAt: z.string(),
  /** When a welfare check is created if the alert is still open. */
  escalatesAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  incidentId: z.number().int().nullable(),
});
export type CareAlert = z.infer<typeof CareAlertSchema>;

// ---------------------------------------------------------------------------------------------
// The rest of CARE: enrolments, days, the dashboard and the public check-in.

/** Days of the week a senior checks in, Monday first (the order the form shows them). */
export const CARE_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type CareWeekday = (typeof CARE_WEEKDAYS)[number];

/** Languages the public check-in page and the SMS texts are written in. */
export const CARE_LANGUAGES = ['en', 'es'] as const;

/** How a check-in arrived: the personal link, the 6-digit code at /care, or staff after a phone call. */
export const CARE_CHECKIN_VIA = ['link', 'code', 'staff'] as const;
export type CareCheckInVia = (typeof CARE_CHECKIN_VIA)[number];

const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM, e.g. 08:00');
const LocalDateSchema = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
const WeekdaySchema = z.enum(CARE_WEEKDAYS, { error: `must be one of ${CARE_WEEKDAYS.join(', ')}` });
const DaysSchema = z
  .array(WeekdaySchema)
  .min(1, 'choose at least one day')
  .max(7)
  .refine((d) => new Set(d).size === d.length, 'names a day twice');

export const CareContactSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    relation: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    phone: PhoneNumberSchema,
  })
  .strict();
export type CareContact = z.infer<typeof CareContactSchema>;

const enrolmentFields = {
  personName: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  /** Where SMS reminders go; without one the senior checks in by link, code or phone call only. */
  phone: PhoneNumberSchema.nullable(),
  language: z.enum(CARE_LANGUAGES, { error: 'must be en or es' }),
  address: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
  windowStart: TimeOfDaySchema,
  windowEnd: TimeOfDaySchema,
  days: DaysSchema,
  contacts: z.array(CareContactSchema).min(1, 'give at least one contact').max(5, 'give at most 5 contacts'),
  /** For responders on a welfare check ("key under the blue flowerpot"). */
  notes: z.string().trim().max(4000, 'must be at most 4000 characters').nullable(),
  active: z.boolean({ error: 'must be true or false' }),
  startDate: LocalDateSchema,
  /** How long a missed check-in stays with the call-takers before it becomes a welfare check. */
  escalationMinutes: z.number({ error: 'must be a number of minutes' }).int('must be a whole number').min(5, 'must be at least 5').max(720, 'must be at most 720'),
};

const windowOrder = (b: { windowStart?: string; windowEnd?: string }) => b.windowStart === undefined || b.windowEnd === undefined || b.windowEnd > b.windowStart;
const WINDOW_ORDER_MESSAGE = 'must be after windowStart on the same day (windows do not cross midnight)';

export const CreateCareEnrolmentBodySchema = z
  .object({
    ...enrolmentFields,
    phone: enrolmentFields.phone.optional(),
    language: enrolmentFields.language.default('en'),
    days: enrolmentFields.days.default([...CARE_WEEKDAYS]),
    notes: enrolmentFields.notes.optional(),
    active: enrolmentFields.active.default(true),
    /** Defaults to today in the centre's time zone. */
    startDate: enrolmentFields.startDate.optional(),
    escalationMinutes: enrolmentFields.escalationMinutes.default(30),
  })
  .strict()
  .refine(windowOrder, { message: WINDOW_ORDER_MESSAGE, path: ['windowEnd'] });
export type CreateCareEnrolmentBody = z.infer<typeof CreateCareEnrolmentBodySchema>;

export const UpdateCareEnrolmentBodySchema = z
  .object({
    personName: enrolmentFields.personName.optional(),
    phone: enrolmentFields.phone.optional(),
    language: enrolmentFields.language.optional(),
    address: enrolmentFields.address.optional(),
    windowStart: enrolmentFields.windowStart.optional(),
    windowEnd: enrolmentFields.windowEnd.optional(),
    days: enrolmentFields.days.optional(),
    contacts: enrolmentFields.contacts.optional(),
    notes: enrolmentFields.notes.optional(),
    active: enrolmentFields.active.optional(),
    startDate: enrolmentFields.startDate.optional(),
    escalationMinutes: enrolmentFields.escalationMinutes.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one field to change' })
  .refine(windowOrder, { message: WINDOW_ORDER_MESSAGE, path: ['windowEnd'] });
export type UpdateCareEnrolmentBody = z.infer<typeof UpdateCareEnrolmentBodySchema>;

/** What the enrolment list shows: enough to find someone, nothing a welfare check needs. */
export const CareEnrolmentSummarySchema = z.object({
  id: z.number().int(),
  personName: z.string(),
  address: z.string(),
  /** The address was placed on the map by the geocoder (a welfare check goes to a point). */
  located: z.boolean(),
  windowStart: z.string(),
  windowEnd: z.string(),
  days: z.array(WeekdaySchema),
  active: z.boolean(),
  startDate: z.string(),
  escalationMinutes: z.number().int(),
  language: z.enum(CARE_LANGUAGES),
});
export type CareEnrolmentSummary = z.infer<typeof CareEnrolmentSummarySchema>;

/** One scheduled day of one enrolment, with the time each step happened. */
export const CareDaySchema = z.object({
  date: z.string(),
  windowStartAt: z.string(),
  windowEndAt: z.string(),
  reminderSentAt: z.string().nullable(),
  missedAt: z.string().nullable(),
  contactsNotifiedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  checkedInVia: z.enum(CARE_CHECKIN_VIA).nullable(),
  checkedInBy: z.string().nullable(),
  checkedInNote: z.string().nullable(),
});
export type CareDay = z.infer<typeof CareDaySchema>;

/** The whole record: read only with a stated purpose, and every read is audited. */
export const CareEnrolmentSchema = CareEnrolmentSummarySchema.extend({
  phone: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  contacts: z.array(CareContactSchema),
  notes: z.string().nullable(),
  checkInCode: z.string(),
  checkInLink: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The last 14 scheduled days, newest first. */
  recentDays: z.array(CareDaySchema),
});
export type CareEnrolment = z.infer<typeof CareEnrolmentSchema>;

/** Where one enrolment stands today, as the dashboard shows it. */
export const CARE_TODAY_STATES = ['not-today', 'paused', 'upcoming', 'waiting', 'checked-in', 'missed', 'resolved', 'welfare-check'] as const;
export type CareTodayState = (typeof CARE_TODAY_STATES)[number];

export const CareTodayEntrySchema = z.object({
  enrolmentId: z.number().int(),
  personName: z.string(),
  address: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  state: z.enum(CARE_TODAY_STATES),
  reminderSentAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  checkedInVia: z.enum(CARE_CHECKIN_VIA).nullable(),
  checkedInBy: z.string().nullable(),
  alert: CareAlertSchema.nullable(),
  incidentNumber: z.string().nullable(),
});
export type CareTodayEntry = z.infer<typeof CareTodayEntrySchema>;

export const CareTodaySchema = z.object({
  /** The centre's local date the board is for, YYYY-MM-DD. */
  date: z.string(),
  timeZone: z.string(),
  entries: z.array(CareTodayEntrySchema),
});
export type CareToday = z.infer<typeof CareTodaySchema>;

export const CareAlertDetailSchema = z.object({ alert: CareAlertSchema, enrolment: CareEnrolmentSchema });
export type CareAlertDetail = z.infer<typeof CareAlertDetailSchema>;

/** Reading a senior's full record needs a reason, kept in the audit log with the read. */
export const CarePurposeQuerySchema = z
  .object({ purpose: z.string().trim().min(3, 'say why you are opening this record (at least 3 characters)').max(200, 'must be at most 200 characters') })
  .strict();

export const CareAlertListQuerySchema = z
  .object({
    state: z.enum(CARE_ALERT_STATES, { error: `must be one of ${CARE_ALERT_STATES.join(', ')}` }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();

export const ResolveCareAlertBodySchema = z
  .object({ note: z.string().trim().min(1, 'say how the senior was reached or why no check is needed').max(2000, 'must be at most 2000 characters') })
  .strict();

export const StaffCheckInBodySchema = z.object({ note: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters').optional() }).strict();

export const CareCodeCheckInBodySchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'must be the 6-digit check-in code') }).strict();

export const CareTokenParamsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'is not a check-in link') }).strict();

/** What the public check-in page may show: a first name and the window, nothing else. */
export const CarePublicInfoSchema = z.object({
  firstName: z.string(),
  language: z.enum(CARE_LANGUAGES),
  windowStart: z.string(),
  windowEnd: z.string(),
  date: z.string(),
  checkedInAt: z.string().nullable(),
  paused: z.boolean(),
});
export type CarePublicInfo = z.infer<typeof CarePublicInfoSchema>;

export const CareCheckInResultSchema = z.object({
  date: z.string(),
  checkedInAt: z.string(),
  /** The day had a check-in already; this one changed nothing. */
  alreadyCheckedIn: z.boolean(),
});
export type CareCheckInResult = z.infer<typeof CareCheckInResultSchema>;
