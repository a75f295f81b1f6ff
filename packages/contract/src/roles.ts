import { z } from 'zod';

/** Who a user is at the centre. Each role sees and does only what its work needs. */
export const ROLES = [
  'call-taker',
  'dispatcher',
  'supervisor',
  'responder',
  'rtcc-analyst',
  'community-officer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

export const ROLE_LABELS: Record<Role, string> = {
  'call-taker': 'Call-taker',
  dispatcher: 'Dispatcher',
  supervisor: 'Supervisor',
  responder: 'Responder',
  'rtcc-analyst': 'RTCC analyst',
  'community-officer': 'Community officer',
  admin: 'Administrator',
};
