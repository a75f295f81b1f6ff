import type pg from 'pg';
import { incidentType, type ResponsePlan } from '@openpsap/contract';
import { invalid } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { withTransaction } from '../../db/transaction';
import { appendLedger } from '../../events/ledger';
import { DEFAULT_PLANS } from './default-plans';
import { loadPlans, replacePlans } from './response-plans.queries';

/** Rejects plans naming incident types that do not exist, naming the plan and the code. */
function checkTypeCodes(plans: readonly ResponsePlan[]): void {
  plans.forEach((p, i) => {
    p.typeCodes.forEach((c, j) => {
      if (!incidentType(c)) throw invalid(`plans.${i}.typeCodes.${j}`, `"${c}" in plan "${p.name}" is not an APCO 2.103.2 incident type`);
    });
  });
}

/** Replaces every run card with the given set, as one audited change (the before is kept in the audit row). */
export async function importPlans(pool: pg.Pool, actor: Actor, plans: readonly ResponsePlan[]): Promise<number> {
  checkTypeCodes(plans);
  await withTransaction(pool, async (tx, now) => {
    const before = await loadPlans(tx);
    await replacePlans(tx, plans);
    await appendLedger(tx, actor, now, [{ action: 'plans.import', entity: 'response-plans', entityId: null, before: { count: before.length, names: before.map((p) => p.name) }, after: { count: plans.length, names: plans.map((p) => p.name) } }]);
  });
  return plans.length;
}

/** Loads the default run cards into an empty table, so every incident type has a plan from the start. */
export async function seedDefaultPlansIfEmpty(pool: pg.Pool, actor: Actor): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM response_plans LIMIT 1');
  if (rowCount) return false;
  await importPlans(pool, actor, DEFAULT_PLANS);
  return true;
}
