import { userInfo } from 'node:os';
import { loadConfig, type ServerConfig } from '../config/config';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import type { Actor } from '../events/actor';

/** Who a CLI change is recorded as: the operating-system user at the terminal. */
export function cliActor(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (some containers); keep "unknown"
  }
  return { userId: null, label: `cli:${name}`, role: 'system', ip: null };
}

/**
 * Opens the configured database for a one-off command, joining a running server's embedded
 * cluster when there is one, and brings the schema up to date first.
 */
export async function withDatabase<T>(fn: (db: Database, config: ServerConfig) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, role: 'cli', poolSize: 4, log: (m) => process.stderr.write(`${m}\n`) });
  try {
    await migrate(db.pool, (m) => process.stderr.write(`${m}\n`));
    return await fn(db, config);
  } finally {
    await db.close();
  }
}
