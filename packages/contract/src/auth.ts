import { z } from 'zod';
import { RoleSchema } from './roles';

export const LoginBodySchema = z
  .object({
    username: z.string().trim().min(1, 'enter your username').max(64),
    password: z.string().min(1, 'enter your password').max(256),
  })
  .strict();

export const TotpCodeBodySchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'must be the 6-digit code from your authenticator') }).strict();
export const UnlockBodySchema = z.object({ password: z.string().min(1, 'enter your password').max(256) }).strict();
export const CreateTokenBodySchema = z.object({ name: z.string().trim().min(1).max(80), expiresInDays: z.number().int().min(1).max(3650).optional() }).strict();
export const ChangePasswordBodySchema = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(12, 'must be at least 12 characters').max(256) })
  .strict();

/** What a signed-in session may still need before it is fully usable. */
export const MFA_STATES = ['none', 'totp-required', 'totp-enrollment-required'] as const;

export const SessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  agencyId: z.number().int().nullable(),
  unitId: z.number().int().nullable(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const SessionSchema = z.object({
  user: SessionUserSchema,
  mfa: z.enum(MFA_STATES),
  idleLockMinutes: z.number(),
});
export type Session = z.infer<typeof SessionSchema>;

export const CreateUserBodySchema = z
  .object({
    username: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'letters, digits, dot, dash and underscore; 2-64 characters'),
    role: RoleSchema,
    displayName: z.string().trim().min(1).max(120).optional(),
    agencyId: z.number().int().positive().optional(),
    unitId: z.number().int().positive().optional(),
    password: z.string().min(12, 'must be at least 12 characters').max(256).optional(),
  })
  .strict();
export type CreateUserBody = z.infer<typeof CreateUserBodySchema>;
