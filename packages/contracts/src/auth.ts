import { z } from 'zod';
import { ROLES, ACTIONS } from '@bizdash/domain/permissions';
import { Timestamp } from './common';

export const RoleSchema = z.enum(ROLES);
export const ActionSchema = z.enum(ACTIONS);

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email('must be a valid email address'));
/** Length is what makes a password strong; 10 is the floor, and the server also refuses very common ones. */
export const NewPassword = z.string().min(10, 'must be at least 10 characters').max(200);
export const PersonName = z.string().trim().min(1, 'is required').max(120);

export const UserSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
});
export type UserSummary = z.infer<typeof UserSummary>;

export const SetupStatus = z.object({
  needsSetup: z.boolean(),
  /** Shown on the login page once the business exists. */
  businessName: z.string().nullable(),
});
export type SetupStatus = z.infer<typeof SetupStatus>;

export const SetupInput = z.object({
  owner: z.object({ name: PersonName, email: Email, password: NewPassword }),
  business: z.object({
    name: z.string().trim().min(1, 'is required').max(200),
    stateCode: z.string().regex(/^\d{2}$/, 'must be a two-digit GST state code, such as "27"'),
    gstin: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-Z]{15}$/, 'must be 15 letters and digits')
      .optional(),
  }),
});
export type SetupInput = z.infer<typeof SetupInput>;

export const SetupResult = z.object({ user: UserSummary });

export const LoginInput = z.object({
  email: Email,
  password: z.string().min(1, 'is required').max(200),
  /** The 6-digit code from the authenticator app, when the user has a second factor. */
  totp: z
    .string()
    .regex(/^\d{6}$/, 'must be 6 digits')
    .optional(),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const LoginResult = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  user: UserSummary,
});
export type LoginResult = z.infer<typeof LoginResult>;

/**
 * Resuming a session on page load: the same as a refresh when the refresh cookie is good, and a plain answer when
 * there is none, so a visit to the login page logs no failed request (issue 18).
 */
export const SessionResult = z.discriminatedUnion('authenticated', [
  LoginResult.extend({ authenticated: z.literal(true) }),
  z.object({ authenticated: z.literal(false) }),
]);
export type SessionResult = z.infer<typeof SessionResult>;

export const Me = UserSummary.extend({
  permissions: z.array(ActionSchema),
  totpEnabled: z.boolean(),
  lastLoginAt: Timestamp.nullable(),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1, 'is required').max(200),
  newPassword: NewPassword,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const TotpSetupResult = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  /** A PNG data URL of the otpauth QR code, for scanning with an authenticator app. */
  qrDataUrl: z.string(),
});
export type TotpSetupResult = z.infer<typeof TotpSetupResult>;

export const TotpCodeInput = z.object({ code: z.string().regex(/^\d{6}$/, 'must be 6 digits') });
export const TotpDisableInput = z.object({ password: z.string().min(1, 'is required').max(200) });
