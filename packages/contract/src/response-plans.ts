import { z } from 'zod';
import { CapabilitySchema, UnitTypeSchema } from './units';
import { DISCIPLINES } from './incident-types';

/** One line of a run card: how many units of which kinds (and with which capabilities). */
export const PlanRequirementSchema = z
  .object({
    label: z.string().trim().min(1).max(60),
    unitTypes: z.array(UnitTypeSchema).min(1, 'name at least one unit type'),
    capabilities: z.array(CapabilitySchema).max(10).default([]),
    count: z.number().int().min(1).max(30),
  })
  .strict();
export type PlanRequirement = z.infer<typeof PlanRequirementSchema>;

/**
 * Run-sheet rules such as "replace E with T if T is > 20 seconds closer" (kind replace) or "add T
 * if T is > 60 seconds closer" (kind add), relative to the units chosen for `requirement`.
 */
export const PlanSubstitutionSchema = z
  .object({
    requirement: z.string().trim().min(1).max(60),
    kind: z.enum(['replace', 'add']),
    unitTypes: z.array(UnitTypeSchema).min(1),
    capabilities: z.array(CapabilitySchema).max(10).default([]),
    whenCloserBySeconds: z.number().min(0).max(3600),
  })
  .strict();
export type PlanSubstitution = z.infer<typeof PlanSubstitutionSchema>;

export const ResponsePlanSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    /** APCO codes the plan covers; empty means every type of `discipline` (a default plan). */
    typeCodes: z.array(z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,12}$/)).max(300).default([]),
    discipline: z.enum(DISCIPLINES).nullable().default(null),
    /** Only in this zone (a police district, first-due area or EMS zone code); null: everywhere. */
    zone: z.string().trim().min(1).max(40).nullable().default(null),
    alarmLevel: z.number().int().min(1).max(5).default(1),
    requirements: z.array(PlanRequirementSchema).min(1).max(20),
    substitutions: z.array(PlanSubstitutionSchema).max(20).default([]),
    /** Breaks ties between plans that match equally well. */
    priority: z.number().int().min(-100).max(100).default(0),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.typeCodes.length === 0 && p.discipline === null) ctx.addIssue({ code: 'custom', path: ['discipline'], message: 'a plan without typeCodes must name its discipline (it is that discipline\'s default)' });
    const labels = new Set(p.requirements.map((r) => r.label));
    p.substitutions.forEach((s, i) => {
      if (!labels.has(s.requirement)) ctx.addIssue({ code: 'custom', path: ['substitutions', i, 'requirement'], message: `no requirement labelled "${s.requirement}"` });
    });
  });
export type ResponsePlan = z.infer<typeof ResponsePlanSchema>;

export const ResponsePlanSetSchema = z.object({ plans: z.array(ResponsePlanSchema).min(1).max(2000) }).strict();

export const RecommendedUnitSchema = z.object({
  unitId: z.number().int(),
  callSign: z.string(),
  agencyCode: z.string(),
  type: z.string(),
  capabilities: z.array(z.string()),
  status: z.string(),
  requirement: z.string(),
  etaSeconds: z.number().nullable(),
  distanceMeters: z.number().nullable(),
  /** Where the drive time was measured from. */
  from: z.enum(['avl', 'station', 'assigned']),
  /** Already on the incident: counted toward the plan, not to be dispatched again. */
  assigned: z.boolean(),
  /** The rule that put this unit here instead of (or as well as) the usual one. */
  substitution: z.string().nullable(),
});
export type RecommendedUnit = z.infer<typeof RecommendedUnitSchema>;

export const RecommendationSchema = z.object({
  plan: z.object({ name: z.string(), alarmLevel: z.number(), zone: z.string().nullable() }),
  location: z.object({ lat: z.number(), lon: z.number() }),
  units: z.array(RecommendedUnitSchema),
  unfilled: z.array(z.object({ requirement: z.string(), missing: z.number().int() })),
  computedMs: z.number(),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;
