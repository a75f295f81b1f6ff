import { z } from 'zod';
import { DATASET_CODE_PATTERN } from '@openpsap/contract';
import { compileFormat } from './time-format';
import { isTimeZone } from './zoned-time';

/**
 * A CAD export profile: how the rows of one agency's file become stat_incidents,
 * stat_unit_responses and stat_calls. Written as JSON (docs/cad-import-profiles.md); built-in
 * ones live in ../profiles.
 */

const column = z.string().trim().min(1, 'must name a column');

const formatList = z
  .array(z.string().min(1))
  .min(1, 'give at least one format')
  .superRefine((fs, ctx) => {
    for (const [i, f] of fs.entries()) {
      try {
        compileFormat(f);
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: [i], message: (e as Error).message });
      }
    }
  });

const dateSource = z.object({ column, formats: formatList.optional() }).strict();

/** A time column: its name (read with the profile's dateFormats) or the name with its own formats. */
const regexText = z
  .string()
  .min(1)
  .refine((s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  }, 'is not a valid regular expression');

const singleTimeField = z.union([
  column,
  z
    .object({
      column,
      formats: formatList.optional(),
      /** For time-of-day formats: the column holding the date they fall on. */
      date: dateSource.optional(),
      /** A time inside other text: the first capture group (or the whole match) is read. */
      pattern: regexText.optional(),
    })
    .strict(),
]);
export type SingleTimeField = z.infer<typeof singleTimeField>;

/** One time source, or several tried in order (the first with a value is used). */
const timeField = z.union([singleTimeField, z.array(singleTimeField).min(1, 'give at least one column')]);
export type TimeField = z.infer<typeof timeField>;

const disciplineName = z.enum(['police', 'fire', 'ems', 'other']);

const disciplineRule = z
  .object({
    /** Column the rule looks at (default: discipline.column). */
    column: column.optional(),
    prefix: z.string().min(1).optional(),
    equals: z.string().optional(),
    regex: z
      .string()
      .min(1)
      .refine((s) => {
        try {
          new RegExp(s);
          return true;
        } catch {
          return false;
        }
      }, 'is not a valid regular expression')
      .optional(),
    discipline: disciplineName,
  })
  .strict()
  .refine((r) => [r.prefix, r.equals, r.regex].filter((x) => x !== undefined).length === 1, 'give exactly one of prefix, equals, regex');

const intervalFormat = z.enum(['m:ss', 'h:mm:ss', 'seconds', 'minutes']);

const unitTimes = {
  dispatched: timeField.optional(),
  enroute: timeField.optional(),
  onScene: timeField.optional(),
  transporting: timeField.optional(),
  hospital: timeField.optional(),
  cleared: timeField.optional(),
};

export const ProfileSchema = z
  .object({
    name: z.string().regex(DATASET_CODE_PATTERN, 'must be 2-40 lower-case letters, digits or hyphens, starting with a letter'),
    description: z.string().default(''),
    datasetName: z.string().min(1, 'must name the dataset for people (e.g. "Springfield Fire calls 2019")'),
    attribution: z.string().optional(),
    timeZone: z.string().refine(isTimeZone, 'is not an IANA time zone name (e.g. America/Chicago)'),
    /** Cell values that mean "no value" (compared after trimming; case-sensitive). */
    nulls: z.array(z.string()).default(['', 'NULL']),
    /** Formats tried in order for every time column that names none of its own. */
    dateFormats: formatList.default(['ISO']),
    /** 'unit': one row per unit per incident (grouped by incidentId); 'incident': one row per incident. */
    shape: z.enum(['unit', 'incident']),
    /** Column holding the incident's id; without one, an incident-row file's line number is the id. */
    incidentId: column.optional(),
    agency: z.union([
      z.object({ fixed: z.string().trim().min(1) }).strict(),
      z.object({ column, map: z.record(z.string(), z.string().min(1)).optional(), default: z.string().min(1).optional() }).strict(),
    ]),
    discipline: z
      .object({ column: column.optional(), rules: z.array(disciplineRule).default([]), default: disciplineName.default('other') })
      .strict()
      .default({ rules: [], default: 'other' }),
    priority: z
      .object({
        column,
        map: z.record(z.string(), z.string().min(1)).default({}),
        /** What an unmapped value becomes: kept as written, or no priority. */
        unmapped: z.enum(['keep', 'null']).default('keep'),
      })
      .strict()
      .optional(),
    incident: z
      .object({
        /** When the incident began; without it, the earliest unit dispatch. */
        received: timeField.optional(),
        answered: timeField.optional(),
        created: timeField.optional(),
        dispatched: timeField.optional(),
        enroute: timeField.optional(),
        onScene: timeField.optional(),
        closed: timeField.optional(),
        typeCode: column.optional(),
        typeText: column.optional(),
        zone: column.optional(),
        dispatcher: column.optional(),
      })
      .strict()
      .default({}),
    location: z
      .union([
        z.object({ lat: column, lon: column }).strict(),
        z.object({ point: column }).strict(),
        z.object({ x: column, y: column, system: z.enum(['web-mercator']) }).strict(),
      ])
      .optional(),
    /** Unit-row files: the columns of the unit on each row. */
    units: z.object({ unit: column, unitType: column.optional(), ...unitTimes }).strict().optional(),
    /** Incident-row files: columns holding "UNIT=time, UNIT=time" lists, one per unit time. */
    unitLists: z
      .object({
        ...unitTimes,
        /** Between entries (default ","), and between unit and time (default "="). */
        separator: z.string().min(1).default(','),
        pair: z.string().min(1).default('='),
      })
      .strict()
      .optional(),
    /** One stat_calls row per incident (or per id in `id`), for call-level times. */
    call: z
      .object({
        id: column.optional(),
        presented: timeField,
        answered: timeField.optional(),
        released: timeField.optional(),
        taker: column.optional(),
        source: z.string().min(1).default('911'),
      })
      .strict()
      .optional(),
    /** Intervals the source computed itself, kept by name in source_intervals (seconds). */
    sourceIntervals: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'interval names are lower-case words with hyphens'), z.object({ column, format: intervalFormat }).strict()).default({}),
    /** A time of day more than this many minutes before the incident's first time is on the next day. */
    rolloverToleranceMinutes: z.number().int().min(0).max(720).default(60),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.shape === 'unit' && !p.units) ctx.addIssue({ code: 'custom', path: ['units'], message: "a 'unit' shape profile needs units (at least units.unit)" });
    if (p.shape === 'unit' && !p.incidentId) ctx.addIssue({ code: 'custom', path: ['incidentId'], message: "a 'unit' shape profile needs the column that groups rows into incidents" });
    if (p.shape === 'incident' && p.units) ctx.addIssue({ code: 'custom', path: ['units'], message: "an 'incident' shape profile has no per-row units; use unitLists for unit-time list columns" });
    if (p.shape === 'unit' && p.unitLists) ctx.addIssue({ code: 'custom', path: ['unitLists'], message: "unitLists are for 'incident' shape files" });
    if (!p.incident.received && !p.units?.dispatched && !p.unitLists?.dispatched)
      ctx.addIssue({ code: 'custom', path: ['incident', 'received'], message: 'needs a column, or unit dispatch times to take the earliest from' });
    if (p.discipline.rules.some((r) => !r.column) && !p.discipline.column)
      ctx.addIssue({ code: 'custom', path: ['discipline', 'column'], message: 'rules without their own column need discipline.column' });
    // Time-only formats need a date to fall on.
    const check = (path: (string | number)[], field: TimeField | undefined) => {
      if (!field) return;
      if (Array.isArray(field)) {
        field.forEach((f, k) => check([...path, k], f));
        return;
      }
      const f = field;
      const formats = typeof f === 'string' ? p.dateFormats : (f.formats ?? p.dateFormats);
      let dateless = false;
      try {
        dateless = formats.some((x) => !compileFormat(x).hasDate);
      } catch {
        return; // reported on the format itself
      }
      if (dateless && (typeof f === 'string' || !f.date)) ctx.addIssue({ code: 'custom', path, message: `format ${formats.join(' | ')} has no date: add "date": {"column": ...}` });
    };
    for (const k of ['received', 'answered', 'created', 'dispatched', 'enroute', 'onScene', 'closed'] as const) check(['incident', k], p.incident[k]);
    for (const group of ['units', 'unitLists'] as const) for (const k of ['dispatched', 'enroute', 'onScene', 'transporting', 'hospital', 'cleared'] as const) check([group, k], p[group]?.[k]);
    if (p.call) for (const k of ['presented', 'answered', 'released'] as const) check(['call', k], p.call[k]);
  });

export type Profile = z.infer<typeof ProfileSchema>;
export type ProfileInput = z.input<typeof ProfileSchema>;
