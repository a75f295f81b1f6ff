import type { Discipline, IncidentZonesValue, ResponsePlan } from '@openpsap/contract';

/**
 * Picks the run card for an incident: a plan for this zone beats one for everywhere, a plan for
 * this type beats the discipline's default, then the plans' own priority decides. Returns null
 * when nothing matches at this alarm level.
 */
export function selectPlan(plans: readonly ResponsePlan[], type: { code: string; discipline: Discipline }, zones: IncidentZonesValue, alarmLevel: number): ResponsePlan | null {
  const zoneCodes = new Set([zones.police, zones.fire, zones.ems].filter((z): z is string => z !== null));
  let best: ResponsePlan | null = null;
  let bestScore = -Infinity;
  for (const p of plans) {
    if (p.alarmLevel !== alarmLevel) continue;
    const forType = p.typeCodes.includes(type.code);
    const isDefault = p.typeCodes.length === 0 && p.discipline === type.discipline;
    if (!forType && !isDefault) continue;
    if (p.zone !== null && !zoneCodes.has(p.zone)) continue;
    const score = (p.zone !== null ? 1000 : 0) + (forType ? 100 : 0) + p.priority;
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

/** The highest alarm level any plan defines for a type, for "next alarm" buttons. */
export function maxAlarmLevel(plans: readonly ResponsePlan[], typeCode: string): number {
  return plans.filter((p) => p.typeCodes.includes(typeCode)).reduce((m, p) => Math.max(m, p.alarmLevel), 1);
}
