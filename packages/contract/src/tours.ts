import { z } from 'zod';
import { PhoneNumberSchema } from './calls';

// Education tour requests and bookings; the tours module owns this file's schemas.
// 'withdrawn' is the requester's own choice (with their private link); 'cancelled' is the centre's.
export const TOUR_STATES = ['requested', 'confirmed', 'declined', 'cancelled', 'withdrawn'] as const;
export const TourStateSchema = z.enum(TOUR_STATES);
export type TourState = (typeof TOUR_STATES)[number];

/** Half-days a group may ask for; each names one slot of the day. */
export const TOUR_PERIODS = ['morning', 'afternoon'] as const;
export type TourPeriod = (typeof TOUR_PERIODS)[number];
export const TourPeriodSchema = z.enum(TOUR_PERIODS, { error: 'must be morning or afternoon' });

export const TOUR_LANGS = ['en', 'es'] as const;
export type TourLang = (typeof TOUR_LANGS)[number];

/** The booking rules as the server applies them; the public form and the staff calendar read them from the server. */
export const TourRulesSchema = z.object({
  /** ISO weekdays tours run on: 1 = Monday ... 7 = Sunday. */
  weekdays: z.array(z.number().int().min(1).max(7)),
  /** Local start and end (HH:MM, the centre's time zone) of each slot. */
  slots: z.object({ morning: z.object({ start: z.string(), end: z.string() }), afternoon: z.object({ start: z.string(), end: z.string() }) }),
  maxPerDay: z.number().int().min(1),
  minGroupSize: z.number().int().min(1),
  maxGroupSize: z.number().int().min(1),
  minNoticeDays: z.number().int().min(0),
  maxMonthsAhead: z.number().int().min(1),
  maxPreferences: z.number().int().min(1),
  timeZone: z.string(),
  venue: z.string(),
});
export type TourRules = z.infer<typeof TourRulesSchema>;

// ---------------------------------------------------------------------------------------------
// Calendar dates as 'YYYY-MM-DD' strings: tours are booked by the centre's local date, so no
// instant (and no browser time zone) is involved until a slot is turned into start and end times.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function toUtcDate(s: string): Date {
  const m = DATE_RE.exec(s)!;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

const fromUtcDate = (d: Date): string => d.toISOString().slice(0, 10);

/** The date `n` days after (or before, when negative) a date. */
export function addDays(date: string, n: number): string {
  const d = toUtcDate(date);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtcDate(d);
}

/** The same day `n` months later, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const d = toUtcDate(date);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return fromUtcDate(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))));
}

/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const w = toUtcDate(date).getUTCDay();
  return w === 0 ? 7 : w;
}

// ---------------------------------------------------------------------------------------------
// Ages: a range ("8-10"), a list ("8, 9, 12"), words ("adults", "seniors") or a mix of these.

const AGE_WORDS: Record<string, string> = {
  adult: 'adults',
  adults: 'adults',
  adulto: 'adults',
  adultos: 'adults',
  senior: 'seniors',
  seniors: 'seniors',
  mayores: 'seniors',
  'adultos mayores': 'seniors',
  mixed: 'mixed',
  mixto: 'mixed',
  mixta: 'mixed',
  'all ages': 'mixed',
  'todas las edades': 'mixed',
};

/**
 * The ages of a group in one tidy form ("8-10, adults"), or null when the text is not ages. Tour
 * content differs for young children and adults, so officers need ages they can read at a glance.
 */
export function normaliseAges(text: string): string | null {
  const parts = text
    .toLowerCase()
    .split(/[,;/]|\s+and\s+|\s+y\s+/)
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 12) return null;
  const out: string[] = [];
  for (const p of parts) {
    const word = AGE_WORDS[p];
    if (word) {
      out.push(word);
      continue;
    }
    const range = /^(\d{1,3})\s*(?:-|–|to|a)\s*(\d{1,3})$/.exec(p);
    if (range) {
      const lo = Number(range[1]);
      const hi = Number(range[2]);
      if (lo > hi || hi > 120) return null;
      out.push(`${lo}-${hi}`);
      continue;
    }
    if (/^\d{1,3}$/.test(p) && Number(p) <= 120) {
      out.push(String(Number(p)));
      continue;
    }
    return null;
  }
  return [...new Set(out)].join(', ');
}

const AGE_WORDS_ES: Record<string, string> = { adults: 'adultos', seniors: 'adultos mayores', mixed: 'todas las edades' };

/** Tidy ages (from normaliseAges) in the requester's language, for what we write back to them. */
export function agesIn(ages: string, lang: TourLang): string {
  return lang === 'en' ? ages : ages.split(', ').map((a) => AGE_WORDS_ES[a] ?? a).join(', ');
}

// ---------------------------------------------------------------------------------------------
// The rules, as one pure check the server enforces and the form uses for instant feedback.

/** Why a date and period cannot be booked; null from tourDateProblem when it can. */
export type TourDateProblem =
  | { code: 'closed-day' }
  | { code: 'past' }
  | { code: 'too-soon'; earliest: string }
  | { code: 'too-far'; latest: string }
  | { code: 'blocked' }
  | { code: 'slot-taken' }
  | { code: 'day-full' };

/** What the check needs to know about the calendar besides the rules. */
export interface TourCalendarFacts {
  /** The centre's local date today. */
  today: string;
  /** The local date notice is counted from (the day a request was made); default today. */
  noticeFrom?: string;
  blockedDates: readonly string[];
  /** Slots already confirmed. */
  booked: readonly { date: string; period: TourPeriod }[];
}

/** First and last dates a request made on `from` may ask for. */
export function tourDateWindow(rules: TourRules, from: string): { earliest: string; latest: string } {
  return { earliest: addDays(from, rules.minNoticeDays), latest: addMonths(from, rules.maxMonthsAhead) };
}

/** Checks one date and period against the rules and the calendar; null means it can be booked. */
export function tourDateProblem(rules: TourRules, date: string, period: TourPeriod, facts: TourCalendarFacts): TourDateProblem | null {
  if (!rules.weekdays.includes(isoWeekday(date))) return { code: 'closed-day' };
  if (date <= facts.today) return { code: 'past' };
  const { earliest, latest } = tourDateWindow(rules, facts.noticeFrom ?? facts.today);
  if (date < earliest) return { code: 'too-soon', earliest };
  if (date > latest) return { code: 'too-far', latest };
  if (facts.blockedDates.includes(date)) return { code: 'blocked' };
  const sameDay = facts.booked.filter((b) => b.date === date);
  if (sameDay.some((b) => b.period === period)) return { code: 'slot-taken' };
  if (sameDay.length >= rules.maxPerDay) return { code: 'day-full' };
  return null;
}

const WEEKDAY_NAMES: Record<TourLang, string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  es: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
};

function dayList(rules: TourRules, lang: TourLang): string {
  const days = [...rules.weekdays].sort();
  const names = WEEKDAY_NAMES[lang];
  const contiguous = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  if (contiguous && days.length > 2) return lang === 'en' ? `${names[days[0]! - 1]} to ${names[days.at(-1)! - 1]}` : `de ${names[days[0]! - 1]} a ${names[days.at(-1)! - 1]}`;
  return days.map((d) => names[d - 1]).join(', ');
}

/** The reason a date is refused, in words a requester understands, with what to do instead. */
export function describeTourProblem(p: TourDateProblem, rules: TourRules, lang: TourLang): string {
  const en = lang === 'en';
  switch (p.code) {
    case 'closed-day':
      return en ? `tours run ${dayList(rules, lang)}; pick one of those days` : `las visitas son ${dayList(rules, lang)}; elija uno de esos días`;
    case 'past':
      return en ? 'is today or in the past; pick a later date' : 'es hoy o ya pasó; elija una fecha posterior';
    case 'too-soon':
      return en
        ? `we need at least ${rules.minNoticeDays} days' notice; the earliest date is ${p.earliest}`
        : `necesitamos al menos ${rules.minNoticeDays} días de anticipación; la primera fecha posible es ${p.earliest}`;
    case 'too-far':
      return en
        ? `we book at most ${rules.maxMonthsAhead} months ahead; the latest date is ${p.latest}`
        : `reservamos como máximo con ${rules.maxMonthsAhead} meses de anticipación; la última fecha posible es ${p.latest}`;
    case 'blocked':
      return en ? 'the centre has no tours that day; pick another date' : 'el centro no tiene visitas ese día; elija otra fecha';
    case 'slot-taken':
      return en ? 'that time is already booked; pick another date or time' : 'ese horario ya está reservado; elija otra fecha u horario';
    case 'day-full':
      return en ? `that day already has ${rules.maxPerDay} tours; pick another date` : `ese día ya tiene ${rules.maxPerDay} visitas; elija otra fecha`;
  }
}

/** Why a group size is refused, or null when it fits the rules. */
export function groupSizeProblem(rules: TourRules, size: number, lang: TourLang): string | null {
  if (size >= rules.minGroupSize && size <= rules.maxGroupSize) return null;
  return lang === 'en'
    ? `groups are ${rules.minGroupSize} to ${rules.maxGroupSize} people; for a larger group, ask for two visits`
    : `los grupos son de ${rules.minGroupSize} a ${rules.maxGroupSize} personas; para un grupo más grande, pida dos visitas`;
}

// ---------------------------------------------------------------------------------------------
// API bodies and replies.

const IsoDateSchema = z
  .string()
  .regex(DATE_RE, 'must be a date such as 2026-05-12')
  .refine(isIsoDate, 'is not a real date');

export const TourPreferenceSchema = z.object({ date: IsoDateSchema, period: TourPeriodSchema }).strict();
export type TourPreference = z.infer<typeof TourPreferenceSchema>;

export const TOUR_REFERENCE_RE = /^T-[A-Z2-9]{6}$/;
export const TourReferenceSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(TOUR_REFERENCE_RE, 'must be a reference such as T-7KQ4MX');

export const TourRequestBodySchema = z
  .object({
    organisation: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    contactName: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    email: z.email({ error: 'must be an e-mail address such as name@example.org' }).max(254).optional(),
    phone: PhoneNumberSchema.optional(),
    groupSize: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000'),
    ages: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(100, 'must be at most 100 characters')
      .refine((a) => normaliseAges(a) !== null, 'write ages as a range such as 8-10, a list such as 8, 9, 12, or adults'),
    accessibility: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
    preferences: z.array(TourPreferenceSchema).min(1, 'give at least one preferred date').max(3, 'give at most three preferred dates'),
    message: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
    lang: z.enum(TOUR_LANGS, { error: 'must be en or es' }).default('en'),
  })
  .strict()
  .superRefine((b, ctx) => {
    // Refinements run even when a field failed, so every value is checked for its type first.
    if (!b.email && !b.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'give an e-mail address or a phone number so we can answer' });
    if (Array.isArray(b.preferences)) {
      const seen = new Set<string>();
      b.preferences.forEach((p, i) => {
        const key = p && typeof p === 'object' ? `${String(p.date)} ${String(p.period)}` : String(i);
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['preferences', i, 'date'], message: 'is the same as an earlier choice' });
        seen.add(key);
      });
    }
  });
export type TourRequestBody = z.infer<typeof TourRequestBodySchema>;

export const TourRequestCreatedSchema = z.object({ id: z.number().int(), reference: z.string() });

/** What the requester sees with their private link: no staff notes beyond the message sent to them. */
export const PublicTourSchema = z.object({
  reference: z.string(),
  state: TourStateSchema,
  organisation: z.string(),
  groupSize: z.number().int(),
  ages: z.string(),
  preferences: z.array(TourPreferenceSchema),
  tourDate: z.string().nullable(),
  period: TourPeriodSchema.nullable(),
  /** Start and end as instants (UTC), set once confirmed. */
  start: z.string().nullable(),
  end: z.string().nullable(),
  /** The centre's message when it declined or cancelled. */
  staffMessage: z.string().nullable(),
  lang: z.enum(TOUR_LANGS),
});
export type PublicTour = z.infer<typeof PublicTourSchema>;

/** A request as the calendar lists it: no contact details (those are read one at a time, with a purpose). */
export const TourSummarySchema = z.object({
  id: z.number().int(),
  reference: z.string(),
  state: TourStateSchema,
  organisation: z.string(),
  groupSize: z.number().int(),
  ages: z.string(),
  preferences: z.array(TourPreferenceSchema),
  lang: z.enum(TOUR_LANGS),
  requestedOn: z.string(),
  tourDate: z.string().nullable(),
  period: TourPeriodSchema.nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  staffMessage: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type TourSummary = z.infer<typeof TourSummarySchema>;

export const TourDetailSchema = TourSummarySchema.extend({
  contactName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  accessibility: z.string().nullable(),
  message: z.string().nullable(),
});
export type TourDetail = z.infer<typeof TourDetailSchema>;

export const TourListQuerySchema = z
  .object({ state: TourStateSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(200) })
  .strict();

/** Why an officer opens a request's contact details: here or in the x-psap-purpose header; audited either way. */
export const TourReadQuerySchema = z.object({ purpose: z.string().max(300, 'must be at most 300 characters').optional() }).strict();

export const ConfirmTourBodySchema = z.object({ date: IsoDateSchema, period: TourPeriodSchema }).strict();
export type ConfirmTourBody = z.infer<typeof ConfirmTourBodySchema>;

/** Decline and cancel: the message is sent to the requester as written. */
export const TourMessageBodySchema = z
  .object({ message: z.string().trim().min(1, 'write the message the requester will receive').max(2000, 'must be at most 2000 characters') })
  .strict();
export type TourMessageBody = z.infer<typeof TourMessageBodySchema>;

export const TourNoticeSchema = z.object({ channel: z.enum(['email', 'sms']), status: z.enum(['sent', 'failed']), error: z.string().optional() });
export type TourNotice = z.infer<typeof TourNoticeSchema>;

export const TourActionResultSchema = z.object({ tour: TourSummarySchema, notice: TourNoticeSchema.nullable() });
export type TourActionResult = z.infer<typeof TourActionResultSchema>;

export const BlockTourDateBodySchema = z
  .object({ date: IsoDateSchema, reason: z.string().trim().min(1, 'say why (e.g. "evacuation drill")').max(200, 'must be at most 200 characters') })
  .strict();
export type BlockTourDateBody = z.infer<typeof BlockTourDateBodySchema>;

export const TourBlockedDateSchema = z.object({ date: z.string(), reason: z.string(), createdAt: z.string() });
export type TourBlockedDate = z.infer<typeof TourBlockedDateSchema>;

export const TourMonthQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-05') }).strict();

/** One day of the staff month view: its slots, confirmed tours in them, and whether it is blocked. */
export const TourDaySchema = z.object({
  date: z.string(),
  open: z.boolean(),
  blocked: z.string().nullable(),
  slots: z.array(z.object({ period: TourPeriodSchema, start: z.string(), end: z.string(), tour: TourSummarySchema.nullable(), free: z.boolean() })),
});
export type TourDay = z.infer<typeof TourDaySchema>;

export const TourMonthSchema = z.object({ month: z.string(), today: z.string(), rules: TourRulesSchema, days: z.array(TourDaySchema) });
export type TourMonth = z.infer<typeof TourMonthSchema>;

/** What the public form needs to warn before sending: the rules, today and the dates already unavailable. */
export const TourAvailabilitySchema = z.object({
  rules: TourRulesSchema,
  today: z.string(),
  earliest: z.string(),
  latest: z.string(),
  blockedDates: z.array(z.string()),
  booked: z.array(z.object({ date: z.string(), period: TourPeriodSchema })),
});
export type TourAvailability = z.infer<typeof TourAvailabilitySchema>;

export const PublicTourTokenQuerySchema = z.object({ token: z.string().min(16, 'is not a valid link').max(128, 'is not a valid link') }).strict();
export const WithdrawTourBodySchema = z.object({ token: z.string().min(16, 'is not a valid link').max(128, 'is not a valid link') }).strict();
