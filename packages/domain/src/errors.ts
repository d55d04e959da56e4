import type { ErrorCode } from '@bizdash/contracts/errors';

export type { ErrorCode };

/**
 * The one error type of BizDash. Services and domain rules throw it; only the HTTP layer turns it into
 * problem+json, choosing the status from the code.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
