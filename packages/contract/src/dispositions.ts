import { z } from 'zod';
import { DISPOSITION_REGISTRY } from './registries/dispositions.generated';

export type DispositionCode = (typeof DISPOSITION_REGISTRY)[number]['code'];
export const DISPOSITIONS = DISPOSITION_REGISTRY;
const BY_CODE = new Map<string, (typeof DISPOSITION_REGISTRY)[number]>(DISPOSITIONS.map((d) => [d.code, d]));
const BY_NAME = new Map<string, DispositionCode>(DISPOSITIONS.map((d) => [d.name.toLowerCase(), d.code]));

export function dispositionName(code: string): string | undefined {
  return BY_CODE.get(code)?.name;
}

/**
 * An APCO ANS 1.111.2 disposition: the two-digit code ("01"), the number (1) or the exact name
 * ("Report Taken"). Yields the two-digit code.
 */
export const DispositionInputSchema = z
  .union([z.string(), z.number()], { error: 'must be an APCO 1.111.2 disposition code such as "01"' })
  .transform((v, ctx) => {
    const s = String(v).trim();
    const code = /^\d{1,2}$/.test(s) ? s.padStart(2, '0') : BY_NAME.get(s.toLowerCase());
    if (!code || !BY_CODE.has(code)) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is not an APCO 1.111.2 disposition (01-45)` });
      return z.NEVER;
    }
    return code as DispositionCode;
  });
