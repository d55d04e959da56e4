import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';

/** Plain words for the user-admin error codes. */
export function userErrorMessage(error: unknown): string {
  if (isApiError(error)) {
    switch (error.code) {
      case 'LAST_OWNER':
        return 'This is the only active owner. Make someone else an owner first, so the business is never left without one.';
      case 'OWNER_ONLY':
        return 'Only an owner can do this to an owner account, or make someone an owner.';
      case 'CANNOT_CHANGE_SELF':
        return "You can't change your own role or disable your own account. Ask another owner or admin.";
      case 'EMAIL_TAKEN':
        return 'Another user already has this email address.';
      case 'PASSWORD_TOO_WEAK':
        return error.detail || 'This password is too easy to guess. Use a longer one.';
      case 'NOT_FOUND':
        return 'This user no longer exists. Refresh the list.';
      default:
        break;
    }
  }
  return errorMessage(error);
}
