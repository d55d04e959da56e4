/**
 * Stable error codes carried in every problem+json response (`code`). Clients branch on these, never on messages.
 * Only the HTTP layer decides which status code each maps to.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'SETUP_ALREADY_DONE',
  'SETUP_REQUIRED',
  'INVALID_CREDENTIALS',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'TOTP_NOT_ENROLLED',
  'ACCOUNT_DISABLED',
  'TOO_MANY_ATTEMPTS',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
  'PASSWORD_TOO_WEAK',
  'EMAIL_TAKEN',
  'LAST_OWNER',
  'OWNER_ONLY',
  'CANNOT_CHANGE_SELF',
  'API_KEY_REVOKED',
  'IN_USE',
  'DUPLICATE',
  'IMPORT_INVALID',
  'SERIES_INVALID',
  'LOOKUP_UNAVAILABLE',
  'INVALID_TRANSITION',
  'REASON_REQUIRED',
  'INVALID_STATE',
  'PERIOD_LOCKED',
  'OVER_ALLOCATION',
  'LIMIT_EXCEEDED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
