import { isApiError } from '../../lib/api';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';

/**
 * Splits a failed save into messages under fields (400 field errors, or a DUPLICATE / SERIES_INVALID naming its
 * field in `details.field`) and one message for the whole form.
 */
export function saveErrors(
  error: unknown,
  map: Record<string, string> = {},
): { fields: Record<string, string>; form: string | null } {
  const fields = fieldErrorsOf(error, map);
  if (Object.keys(fields).length > 0) return { fields, form: null };
  if (isApiError(error) && typeof error.details.field === 'string') {
    const field = error.details.field;
    const key = map[field] ?? field.split('.').pop() ?? field;
    return { fields: { [key]: error.detail || error.title }, form: null };
  }
  return { fields: {}, form: errorMessage(error) };
}

/** '' → null, otherwise the trimmed text. */
export function orNull(value: string): string | null {
  const text = value.trim();
  return text ? text : null;
}
