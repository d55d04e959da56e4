import { z } from 'zod';
import { Email, NewPassword, PersonName, RoleSchema } from './auth';
import { PageQuery, Timestamp, pageOf } from './common';

export const User = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  isActive: z.boolean(),
  totpEnabled: z.boolean(),
  createdAt: Timestamp,
  lastLoginAt: Timestamp.nullable(),
  /** The partner party a partner login sees in the portal; null for staff. */
  partnerPartyId: z.number().int().nullable(),
});
export type User = z.infer<typeof User>;

export const ListUsersQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: RoleSchema.optional(),
  status: z.enum(['active', 'disabled', 'all']).default('all'),
  sort: z.enum(['name', 'email', 'role', 'createdAt', 'lastLoginAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;

export const UserPage = pageOf(User);
export type UserPage = z.infer<typeof UserPage>;

export const CreateUserInput = z.object({
  name: PersonName,
  email: Email,
  role: RoleSchema,
  password: NewPassword,
  /** Required for role partner: the partner party (parties with the partner role) the login is linked to. */
  partnerPartyId: z.number().int().positive().nullish(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z
  .object({
    name: PersonName.optional(),
    role: RoleSchema.optional(),
    isActive: z.boolean().optional(),
    partnerPartyId: z.number().int().positive().nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const ResetPasswordInput = z.object({ password: NewPassword });
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;

export const ApiKey = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The first characters of the key, to tell keys apart; the secret itself is shown only once. */
  prefix: z.string(),
  role: RoleSchema,
  createdAt: Timestamp,
  createdBy: z.object({ id: z.number().int(), name: z.string() }),
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyList = z.object({ items: z.array(ApiKey) });

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  role: RoleSchema,
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const CreateApiKeyResult = z.object({
  apiKey: ApiKey,
  /** The full key. It is never shown again; store it now. */
  token: z.string(),
});
export type CreateApiKeyResult = z.infer<typeof CreateApiKeyResult>;
