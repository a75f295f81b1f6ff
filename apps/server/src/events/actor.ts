import type { Role } from '@openpsap/contract';

/** Who caused a change and from where; recorded on every event and audit row. */
export interface Actor {
  userId: number | null;
  /** Username, or `cli:<os user>` / `system:<job>` for changes made outside a session. */
  label: string;
  role: Role | 'system';
  ip: string | null;
}

export const systemActor = (job: string): Actor => ({ userId: null, label: `system:${job}`, role: 'system', ip: null });
