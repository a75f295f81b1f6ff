import type pg from 'pg';
import type { CameraEvaluation, CameraEvaluationSummary } from '@openpsap/contract';

type Db = pg.Pool | pg.PoolClient;

interface Row {
  id: number;
  created_at: Date;
  result: Omit<CameraEvaluation, 'id' | 'createdAt'>;
}

const toEvaluation = (r: Row): CameraEvaluation => ({ ...r.result, id: r.id, createdAt: r.created_at.toISOString() });

export async function getEvaluation(db: Db, id: number): Promise<CameraEvaluation | null> {
  const { rows } = await db.query<Row>('SELECT id, created_at, result FROM camera_evaluations WHERE id = $1', [id]);
  return rows[0] ? toEvaluation(rows[0]) : null;
}

/** The latest evaluations, newest first, in short form for a list. */
export async function recentEvaluations(db: Db, limit: number): Promise<CameraEvaluationSummary[]> {
  const { rows } = await db.query<Row>('SELECT id, created_at, result FROM camera_evaluations ORDER BY created_at DESC, id DESC LIMIT $1', [limit]);
  return rows.map((r) => {
    const e = toEvaluation(r);
    return { id: e.id, createdAt: e.createdAt, createdBy: e.createdBy, note: e.note, source: e.source, site: e.site, date: e.date, dateIsInstallation: e.dateIsInstallation, weeks: e.weeks, radiusM: e.radiusM, change: e.change, interval: e.interval, verdict: e.verdict };
  });
}
