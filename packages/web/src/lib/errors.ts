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
    const key = formFieldOf(field, map);
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

/**
 * The form field a server path names: the map's name for the path or for its nearest mapped parent
 * ("requiredDocumentTypeIds.0" → the map's "requiredDocumentTypeIds"), else its last segment that is not a list index
 * ("owner.email" → "email", "tags.2" → "tags").
 */
function formFieldOf(path: string, map: Record<string, string>): string {
  const segments = path.split('.');
  for (let n = segments.length; n > 0; n--) {
    const mapped = map[segments.slice(0, n).join('.')];
    if (mapped !== undefined) return mapped;
  }
  return segments.filter((segment) => !/^\d+$/.test(segment)).pop() ?? path;
}

/** Abbreviations a field name spells in lower case ("gstin", "upiId") but people read in capitals. */
const FIELD_ACRONYMS = /\b(gstin|gst|pan|pin|upi|ifsc|hsn|sac|cin|isin|lut|tds|url|cess)\b/g;

/** A field key in words, for a message that must name it: "partnerPartyId" → "Partner party", "isActive" → "Active". */
export function fieldWords(key: string): string {
  const words = key
    .replace(/[_.-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^is /, '')
    .replace(/ id$/, '')
    .replace(FIELD_ACRONYMS, (word) => word.toUpperCase())
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A failed submit split for a form: messages for the fields it shows, and one form-level message for everything
 * else. Any field message the server sends that has no field on the form (a new server rule, a renamed field) goes
 * to the form-level message, naming its field ("Partner party: Party 9 is not a partner."), instead of being
 * dropped, so the user always sees why the save failed. A problem naming one field in `details.field` (DUPLICATE,
 * SERIES_INVALID) is placed the same way with its detail.
 */
export function formErrorsOf<F extends string>(
  error: unknown,
  fields: readonly F[],
  map: Record<string, string> = {},
): { fields: Partial<Record<F, string>>; form: string | null } {
  // Widened to ask about any key the server sent.
  const isShown = (key: string): key is F => (fields as readonly string[]).includes(key);
  const shown: Partial<Record<F, string>> = {};
  const all = fieldErrorsOf(error, map);
  if (Object.keys(all).length === 0 && isApiError(error) && typeof error.details.field === 'string') {
    const key = formFieldOf(error.details.field, map);
    const message = error.detail || error.title;
    if (!isShown(key)) return { fields: shown, form: message };
    shown[key] = message;
    return { fields: shown, form: null };
  }
  const rest: string[] = [];
  for (const [key, message] of Object.entries(all)) {
    if (isShown(key)) shown[key] = message;
    else rest.push(`${fieldWords(key)}: ${/[.!?]$/.test(message) ? message : `${message}.`}`);
  }
  const form = rest.length > 0 ? rest.join(' ') : Object.keys(shown).length > 0 ? null : errorMessage(error);
  return { fields: shown, form };
}
