import type pg from 'pg';
import type { Agency } from '@openpsap/contract';

export async function listAgencies(db: pg.Pool | pg.PoolClient): Promise<Agency[]> {
  const { rows } = await db.query('SELECT id, code, name, disciplines, time_zone, priority_labels FROM agencies ORDER BY id');
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, disciplines: r.disciplines, timeZone: r.time_zone, priorityLabels: r.priority_labels }));
}
