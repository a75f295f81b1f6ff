import { z } from 'zod';
import { CreateUserBodySchema } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { actorFor, type Api } from '../../http/route-types';
import { createUser, resetPassword } from './users.commands';
import { listUsers, publicUser } from './users.queries';

const tags = ['users'];

export function registerUserRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/users', {
    schema: { tags, summary: 'Accounts (never their secrets)' },
    config: { access: { permission: 'user.read' } },
  }, async () => (await listUsers(pool)).map(publicUser));

  api.post('/api/v1/users', {
    schema: { tags, summary: 'Create an account; the password is returned once', body: CreateUserBodySchema },
    config: { access: { permission: 'user.manage' } },
  }, async (req, reply) => {
    const out = await createUser(pool, actorFor(req), req.body);
    reply.code(201);
    return out;
  });

  api.post('/api/v1/users/:username/reset-password', {
    schema: {
      tags,
      summary: 'Set a new password, clear a lock-out and end the user\'s sessions',
      params: z.object({ username: z.string().min(1).max(64) }).strict(),
      body: z.object({ password: z.string().min(12, 'must be at least 12 characters').max(256).optional() }).strict().optional(),
    },
    config: { access: { permission: 'user.manage' } },
  }, async (req) => resetPassword(pool, actorFor(req), req.params.username, req.body?.password));
}
