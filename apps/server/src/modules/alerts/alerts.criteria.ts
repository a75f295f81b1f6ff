import { ALERT_CRITERIA_SETS, type AlertCriteriaSet, type AlertKind, type CriterionAnswer } from '@openpsap/contract';

/**
 * Which criteria set a kind is judged by. Silver Alert rules differ by state: a centre sets
 * PSAP_SILVER_CRITERIA to the id of its state's set (see ALERT_CRITERIA_SETS, checked at start);
 * the default is what most state programs share.
 */
export function criteriaSetFor(kind: AlertKind, silverSet: string | null = null): AlertCriteriaSet {
  const chosen = kind === 'silver' ? silverSet : null;
  const set = (chosen && ALERT_CRITERIA_SETS.find((s) => s.id === chosen && s.kind === kind)) || ALERT_CRITERIA_SETS.find((s) => s.kind === kind);
  if (!set) throw new Error(`no criteria set for ${kind}`);
  return set;
}

export function criteriaSetById(id: string): AlertCriteriaSet {
  return ALERT_CRITERIA_SETS.find((s) => s.id === id) ?? criteriaSetFor(id.split('-')[0] as AlertKind);
}

export interface CriteriaVerdict {
  unanswered: string[];
  unmet: string[];
}

/** The questions left open and those answered "no", in the set's own words. */
export function judgeCriteria(set: AlertCriteriaSet, answers: Record<string, CriterionAnswer>): CriteriaVerdict {
  return {
    unanswered: set.criteria.filter((c) => answers[c.key] === undefined).map((c) => c.question),
    unmet: set.criteria.filter((c) => answers[c.key] === 'no').map((c) => c.question),
  };
}
