import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * The request validator: the zod contract of each route, plus two rules that hold for every route without each
 * contract having to remember them (issue 16):
 *
 * - **No control characters** in any text of the body, query or path: NUL breaks PostgreSQL text ("invalid byte
 *   sequence") and the others have no place in business data. Tab, line feed and carriage return (a textarea on
 *   Windows) are allowed. Bidirectional embedding, override and isolate controls are refused too: they make a name
 *   display as something else ("Trojan Source").
 * - **No unknown body fields**: a misspelt field (`revenueSharePercent` for `revenueShare`) is a 400 naming it,
 *   as Stripe's API does, instead of a 2xx that silently drops the value. Contracts strip unknown keys, so a key of
 *   the raw body that is missing from the parsed value is one the contract does not know.
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

interface Issue {
  path: (string | number)[];
  message: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** Every string (and object key) in the input that holds a forbidden character. */
export function controlCharacterIssues(value: unknown, path: (string | number)[] = [], out: Issue[] = []): Issue[] {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    if (FORBIDDEN.test(value))
      out.push({ path, message: 'must not contain control or bidirectional-override characters' });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => controlCharacterIssues(item, [...path, i], out));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN.test(key)) out.push({ path: [...path, key], message: 'is not a valid field name' });
      else controlCharacterIssues(item, [...path, key], out);
    }
  }
  return out;
}

/** Keys of the raw input that the parsed value does not have: fields the contract does not know. */
export function unknownFieldIssues(
  raw: unknown,
  parsed: unknown,
  path: (string | number)[] = [],
  out: Issue[] = [],
): Issue[] {
  if (out.length >= 20) return out;
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    raw.forEach((item, i) => unknownFieldIssues(item, parsed[i], [...path, i], out));
  } else if (isPlainObject(raw) && isPlainObject(parsed)) {
    for (const [key, item] of Object.entries(raw)) {
      if (item === undefined) continue;
      if (!Object.prototype.hasOwnProperty.call(parsed, key))
        out.push({ path: [...path, key], message: 'is not a known field' });
      else unknownFieldIssues(item, parsed[key], [...path, key], out);
    }
  }
  return out;
}

/** Turns issues into the same validation error a failing contract gives, through the provider's own compiler. */
function failWith(issues: Issue[], data: unknown, route: Parameters<typeof validatorCompiler>[0]) {
  const failing = z.any().superRefine((_, ctx) => {
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
  return validatorCompiler({ ...route, schema: failing })(data);
}

export const strictValidatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = validatorCompiler(route);
  const checkUnknown = route.httpPart === 'body';
  return (data: unknown) => {
    const forbidden = controlCharacterIssues(data);
    if (forbidden.length > 0) return failWith(forbidden, data, route);
    const result = validate(data);
    if (!checkUnknown || typeof result !== 'object' || 'then' in result || result.error) return result;
    const unknown = unknownFieldIssues(data, result.value);
    return unknown.length > 0 ? failWith(unknown, data, route) : result;
  };
};
