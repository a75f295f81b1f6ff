import { z } from 'zod';
import { ALERT_CRITERIA_SETS } from '@openpsap/contract';

/** How this centre's public alerts are judged and signed. */
export interface AlertSettings {
  /** The Silver Alert criteria set of the centre's state (an id from ALERT_CRITERIA_SETS); null = the default set. */
  silverCriteria: string | null;
  /** The sender name in CAP messages; null = "9-1-1 Center (<host>)". */
  centreName: string | null;
}

const SILVER_SETS = ALERT_CRITERIA_SETS.filter((s) => s.kind === 'silver').map((s) => s.id);

/** The environment variables of the alert composer, merged into the server's configuration source. */
export const ALERT_ENV = {
  PSAP_SILVER_CRITERIA: z
    .string()
    .trim()
    .refine((v) => SILVER_SETS.includes(v), `PSAP_SILVER_CRITERIA must be one of ${SILVER_SETS.join(', ')}`)
    .optional(),
  PSAP_CENTRE_NAME: z.string().trim().min(1, 'PSAP_CENTRE_NAME must not be empty').max(120, 'PSAP_CENTRE_NAME must be at most 120 characters').optional(),
};

const AlertEnvSchema = z.object(ALERT_ENV);

export function alertSettings(c: z.infer<typeof AlertEnvSchema>): AlertSettings {
  return { silverCriteria: c.PSAP_SILVER_CRITERIA ?? null, centreName: c.PSAP_CENTRE_NAME ?? null };
}
