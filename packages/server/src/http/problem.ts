import type { ErrorCode } from '@bizdash/contracts/errors';
import type { Problem } from '@bizdash/contracts/common';

/** The HTTP status of each error code. The only place in BizDash that knows them. */
const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  PASSWORD_TOO_WEAK: 400,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  REFRESH_TOKEN_INVALID: 401,
  REFRESH_TOKEN_REUSED: 401,
  API_KEY_REVOKED: 401,
  FORBIDDEN: 403,
  OWNER_ONLY: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONFLICT: 409,
  SETUP_ALREADY_DONE: 409,
  SETUP_REQUIRED: 409,
  EMAIL_TAKEN: 409,
  LAST_OWNER: 409,
  CANNOT_CHANGE_SELF: 409,
  TOTP_NOT_ENROLLED: 409,
  IN_USE: 409,
  DUPLICATE: 409,
  IMPORT_INVALID: 400,
  SERIES_INVALID: 400,
  LOOKUP_UNAVAILABLE: 503,
  // A transition the lifecycle does not allow; the details list the allowed targets.
  INVALID_TRANSITION: 409,
  REASON_REQUIRED: 400,
  // The record is not in a state that allows this (an issued invoice edited, a cancelled one paid).
  INVALID_STATE: 409,
  PERIOD_LOCKED: 409,
  // A document dated before the latest of its series; the details name that document.
  BACKDATED_ISSUE: 409,
  OVER_ALLOCATION: 409,
  // A credit note beyond the original quantity, a note past its time limit.
  LIMIT_EXCEEDED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_ATTEMPTS: 429,
  INTERNAL: 500,
};

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  503: 'Service unavailable',
  500: 'Internal server error',
};

export function buildProblem(
  code: ErrorCode,
  detail: string,
  extra: { instance?: string; requestId?: string; errors?: Problem['errors']; details?: Record<string, unknown> } = {},
): Problem {
  const status = STATUS[code];
  return {
    type: `https://bizdash.local/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
}
