import type pg from 'pg';
import { ResponsePlanSchema, type ResponsePlan } from '@openpsap/contract';

type Queryable = pg.Pool | pg.PoolClient;

export async function loadPlans(db: Queryable): Promise<ResponsePlan[]> {
  const { rows } = await db.query('SELECT name, type_codes, discipline, zone, alarm_level, requirements, substitutions, priority FROM response_plans ORDER BY id');
  return rows.map((r) =>
    ResponsePlanSchema.parse({
      name: r.name,
      typeCodes: r.type_codes,
      discipline: r.discipline,
      zone: r.zone,
      alarmLevel: r.alarm_level,
      requirements: r.requirements,
      substitutions: r.substitutions,
      priority: r.priority,
    }),
  );
}

export async function replacePlans(tx: pg.PoolClient, plans: readonly ResponsePlan[]): Promise<void> {
  await tx.query('DELETE FROM response_plans');
  for (const p of plans) {
    await tx.query(
      `INSERT INTO response_plans (name, type_codes, discipline, zone, alarm_level, requirements, substitutions, priority)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [p.name, p.typeCodes, p.discipline, p.zone, p.alarmLevel, JSON.stringify(p.requirements), JSON.stringify(p.substitutions), p.priority],
    );
  }
}
