import type pg from 'pg';
import type { RetentionRuleView, UpdateRetentionBody } from '@openpsap/contract';
import { invalid } from '../errors/app-error';
import { systemActor, type Actor } from '../events/actor';
import { runCommand } from '../events/run-command';
import type { AppContext } from '../http/app-context';
import type { Db, PersonalDataSource, RetentionRule } from './personal-data';
import { personalDataSources } from './sources';

/** Rows erased per transaction: keeps each purge's locks and the ledger lock short. */
export const RETENTION_BATCH = 500;
const MAX_BATCHES = 2_000;
const retentionActor = systemActor('retention');

/**
 * The moment rules count back from: the start of the clock's day (UTC). Every run on one day then
 * agrees on what is due, so running the job often erases nothing more than running it once.
 */
export function retentionAsOf(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Days configured per rule id; rules without a row use their default. */
export async function rulesInForce(db: Db): Promise<Map<string, number>> {
  const { rows } = await db.query<{ rule_id: string; days: number }>('SELECT rule_id, days FROM retention_rules');
  return new Map(rows.map((r) => [r.rule_id, r.days]));
}

async function allRules(): Promise<Array<{ source: PersonalDataSource; rule: RetentionRule }>> {
  return (await personalDataSources()).flatMap((source) => source.retention.map((rule) => ({ source, rule })));
}

/** Every rule with the days in force and how many records it would erase as of `now`. */
export async function retentionPreview(db: Db, now: Date): Promise<RetentionRuleView[]> {
  const { rows } = await db.query<{ rule_id: string; days: number; updated_by: string | null; updated_at: Date }>(
    'SELECT r.rule_id, r.days, u.username AS updated_by, r.updated_at FROM retention_rules r LEFT JOIN users u ON u.id = r.updated_by',
  );
  const set = new Map(rows.map((r) => [r.rule_id, r]));
  const asOf = retentionAsOf(now);
  const out: RetentionRuleView[] = [];
  for (const { source, rule } of await allRules()) {
    const row = set.get(rule.id);
    const days = row?.days ?? rule.defaultDays;
    out.push({
      id: rule.id,
      source: source.id,
      sourceLabel: source.label,
      description: rule.description,
      defaultDays: rule.defaultDays,
      days,
      updatedBy: row?.updated_by ?? null,
      updatedAt: row?.updated_at.toISOString() ?? null,
      due: await rule.count(db, days, asOf),
    });
  }
  return out;
}

/** Sets the days of some rules; each change is audited with the old and new number. */
export async function updateRetention(ctx: AppContext, actor: Actor, body: UpdateRetentionBody): Promise<void> {
  const rules = await allRules();
  body.rules.forEach((r, i) => {
    if (!rules.some((x) => x.rule.id === r.id)) throw invalid(`rules.${i}.id`, `${r.id} is not a retention rule`);
  });
  await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const before = await rulesInForce(tx);
    const audits = [];
    for (const r of body.rules) {
      const old = before.get(r.id) ?? rules.find((x) => x.rule.id === r.id)!.rule.defaultDays;
      await tx.query(
        `INSERT INTO retention_rules (rule_id, days, updated_by, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (rule_id) DO UPDATE SET days = EXCLUDED.days, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [r.id, r.days, actor.userId, now],
      );
      if (old !== r.days) audits.push({ action: 'privacy.retention-set', entity: 'retention-rule', entityId: r.id, before: { days: old }, after: { days: r.days } });
    }
    return { result: null, audits };
  });
}

/** Thrown inside a batch that found nothing: rolls back instead of writing an empty audit row. */
class NothingDue extends Error {}

async function purgeBatch(pool: pg.Pool, rule: RetentionRule, days: number, asOf: Date): Promise<number> {
  try {
    const { result } = await runCommand(pool, retentionActor, async (tx) => {
      const purged = await rule.purge(tx, days, asOf, RETENTION_BATCH);
      if (purged === 0) throw new NothingDue();
      return { result: purged, audits: [{ action: 'privacy.retention-purge', entity: 'retention-rule', entityId: rule.id, after: { days, asOf: asOf.toISOString(), purged } }] };
    });
    return result;
  } catch (e) {
    if (e instanceof NothingDue) return 0;
    throw e;
  }
}

/**
 * Erases what every rule says is due as of the clock's `now`, in batches, each batch one
 * transaction audited with its count. A rule that fails does not stop the others; the failures
 * are reported together and the next run tries again.
 */
export async function runRetention(ctx: Pick<AppContext, 'db'>, now: Date): Promise<Record<string, number>> {
  const asOf = retentionAsOf(now);
  const configured = await rulesInForce(ctx.db.pool);
  const purged: Record<string, number> = {};
  const failures: string[] = [];
  for (const { rule } of await allRules()) {
    const days = configured.get(rule.id) ?? rule.defaultDays;
    let total = 0;
    try {
      const due = await rule.count(ctx.db.pool, days, asOf);
      // Bounded, so a rule whose purge stopped erasing what it selects cannot spin for ever.
      for (let batch = 0; due > 0 && batch < MAX_BATCHES; batch++) {
        const n = await purgeBatch(ctx.db.pool, rule, days, asOf);
        total += n;
        if (n < RETENTION_BATCH) break;
      }
    } catch (e) {
      failures.push(`${rule.id}: ${(e as Error).message}`);
    }
    purged[rule.id] = total;
  }
  if (failures.length) throw new Error(`retention rules failed: ${failures.join('; ')}`);
  return purged;
}
