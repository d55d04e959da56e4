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
    const text = message.startsWith(`${field} `)
      ? message.slice(field.length + 1)
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
