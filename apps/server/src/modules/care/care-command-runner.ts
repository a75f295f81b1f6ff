import type pg from 'pg';
import type { Actor } from '../../events/actor';
import { runCommand, type CommandOutcome } from '../../events/run-command';

/** Thrown inside a command to roll it back without touching the ledger: the step was not due. */
class NothingToDo<S> {
  constructor(readonly value: S) {}
}

/** Ends a command early when another server, a check-in or a crash-recovery already did the step. */
export function nothingToDo<S>(value: S): never {
  throw new NothingToDo(value);
}

/**
 * runCommand for steps that are often not due once their rows are locked (someone else took the
 * stamp first). Rolling back keeps the ledger lock, which every writer in the centre queues on,
 * out of it; the caller gets `{ done: false }` and what the body passed to nothingToDo.
 */
export async function runCareCommand<T, S = null>(
  pool: pg.Pool,
  actor: Actor,
  body: (tx: pg.PoolClient, now: Date) => Promise<CommandOutcome<T>>,
): Promise<{ done: true; result: T; seq: number } | { done: false; value: S }> {
  try {
    const { result, seq } = await runCommand(pool, actor, body);
    return { done: true, result, seq };
  } catch (e) {
    if (e instanceof NothingToDo) return { done: false, value: e.value as S };
    throw e;
  }
}
