import { formErrorsOf } from './errors';

/**
 * Splits a failed save for a form that shows `fields`: messages under the fields it shows (400 field errors, or a
 * DUPLICATE / SERIES_INVALID naming its field in `details.field`), and one form-level message for the rest, each
 * naming its field, so no server message is dropped. `map` renames server paths to form fields. See formErrorsOf.
 */
export function saveErrors(
  error: unknown,
  fields: readonly string[],
  map: Record<string, string> = {},
): { fields: Record<string, string>; form: string | null } {
  const result = formErrorsOf(error, fields, map);
  const shown: Record<string, string> = {};
  for (const [key, message] of Object.entries(result.fields)) if (message !== undefined) shown[key] = message;
  return { fields: shown, form: result.form };
}

/** '' → null, otherwise the trimmed text. */
export function orNull(value: string): string | null {
  const text = value.trim();
  return text ? text : null;
}
