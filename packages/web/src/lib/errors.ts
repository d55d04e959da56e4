import { isApiError } from './api';

/** A sentence a person can act on, for any thrown value. Prefers the server's `detail`. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    switch (error.code) {
      case 'NETWORK_ERROR':
        return 'Cannot reach the BizDash server. Check your connection and try again.';
      case 'FORBIDDEN':
        return "You don't have permission to do that.";
      case 'INTERNAL':
        return 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.';
      default:
        return error.detail || error.title || 'The request failed.';
    }
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

/**
 * Field messages from a 400 problem, keyed by the form's own field names. `map` renames server paths
 * ("owner.email") to form fields ("email"); unmapped paths fall back to their last segment.
 * The server's messages are fragments ("must be at least 10 characters"), so they are capitalised here.
 */
export function fieldErrorsOf(error: unknown, map: Record<string, string> = {}): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const { field, message } of error.errors) {
    const key = map[field] ?? field.split('.').pop() ?? field;
    // The server may prefix the message with its field path ("owner.password must be ..."); the form shows the
    // message under the field already.
    // Likewise a "GSTIN: " label prefix.
    // Or with "field: " ("partnerPartyId: is required for a partner login").
    const text = message.startsWith(`${field} `)
      ? message.slice(field.length + 1)
      : message.startsWith(`${field}: `)
        ? message.slice(field.length + 2)
        : message.replace(/^[A-Z][A-Za-z ]{0,20}: /, '');
    out[key] ??= sentence(text);
  }
  return out;
}

function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A failed submit split for a form: messages for the fields it shows, and one form-level message for everything
 * else. Any field message the server sends that has no field on the form (a new server rule, a renamed field) goes
 * to the form-level message instead of being dropped, so the user always sees why the save failed.
 */
export function formErrorsOf<F extends string>(
  error: unknown,
  fields: readonly F[],
  map: Record<string, string> = {},
): { fields: Partial<Record<F, string>>; form: string | null } {
  const all = fieldErrorsOf(error, map);
  const shown: Partial<Record<F, string>> = {};
  const rest: string[] = [];
  for (const [key, message] of Object.entries(all)) {
    if ((fields as readonly string[]).includes(key)) shown[key as F] = message;
    else rest.push(message);
  }
  const form = rest.length > 0 ? rest.join(' ') : Object.keys(shown).length > 0 ? null : errorMessage(error);
  return { fields: shown, form };
}
