import { z } from 'zod';
import { DISCIPLINES } from './incident-types';

export const PrioritySchema = z.coerce
  .number({ error: 'must be a number from 1 to 5' })
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be from 1 (most urgent) to 5')
  .max(5, 'must be from 1 (most urgent) to 5');
export type Priority = 1 | 2 | 3 | 4 | 5;

/** Labels an agency shows for priorities 1-5; agencies word them differently. */
export const PriorityLabelsSchema = z.object({
  1: z.string().min(1).max(40),
  2: z.string().min(1).max(40),
  3: z.string().min(1).max(40),
  4: z.string().min(1).max(40),
  5: z.string().min(1).max(40),
});
export type PriorityLabels = z.infer<typeof PriorityLabelsSchema>;

export const DEFAULT_PRIORITY_LABELS: PriorityLabels = {
  1: 'Emergency',
  2: 'Urgent',
  3: 'Prompt',
  4: 'Routine',
  5: 'Non-emergency',
};

export const AgencySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  disciplines: z.array(z.enum(DISCIPLINES)),
  timeZone: z.string(),
  priorityLabels: PriorityLabelsSchema,
});
export type Agency = z.infer<typeof AgencySchema>;
