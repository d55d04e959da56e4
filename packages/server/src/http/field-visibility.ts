import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { hideUnreadable, withoutUnreadable, type CanReadField } from '@bizdash/contracts/visibility';
import { canReadField, FIELD_CLASSES, type Role } from '@bizdash/domain/permissions';

/** What the caller may read, by the permission table's field classes: the one test JSON answers and exports use. */
export function fieldReaderFor(role: Role | null): CanReadField {
  return (fieldClass) => canReadField(role, fieldClass);
}

/**
 * Roles that read every field class (owner, admin, manager) need no walk of their answers or bodies: most requests
 * come from them, and walking a large page by its schema costs more than serialising it.
 */
function readsEverything(role: Role | null): boolean {
  return role !== null && FIELD_CLASSES.every((fieldClass) => canReadField(role, fieldClass));
}

/** The zod schema a route declared for this status code (exact code, then `2xx`-style, then `default`). */
function responseSchemaOf(request: FastifyRequest, statusCode: number): z.core.$ZodType | null {
  const responses: unknown = request.routeOptions.schema?.response;
  if (typeof responses !== 'object' || responses === null) return null;
  const byCode = responses as Record<string, unknown>;
  const schema = byCode[String(statusCode)] ?? byCode[`${String(statusCode)[0]}xx`] ?? byCode.default;
  return isZodSchema(schema) ? schema : null;
}

function isZodSchema(value: unknown): value is z.core.$ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/**
 * preSerialization hook (issue 16): hides the fields of every JSON answer that the caller's role may not read, by
 * the classes the response schema gives its fields. The one place answers are filtered, so a route never needs to
 * remember to; the answer still passes its schema (hidden fields are nullable or optional there).
 */
export async function hideUnreadableFields(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  if (readsEverything(request.ctx.actor.role)) return payload;
  const schema = responseSchemaOf(request, reply.statusCode);
  if (!schema) return payload;
  return hideUnreadable(schema, payload, fieldReaderFor(request.ctx.actor.role));
}

/**
 * preHandler hook (issue 16): drops the body fields the caller's role may not read, after validation, so a role
 * cannot overwrite what it cannot see (the null a form got back for a hidden field leaves the stored value alone).
 */
export async function dropUnreadableInput(request: FastifyRequest): Promise<void> {
  if (readsEverything(request.ctx.actor.role)) return;
  const schema: unknown = request.routeOptions.schema?.body;
  if (!isZodSchema(schema) || request.body === undefined) return;
  request.body = withoutUnreadable(schema, request.body, fieldReaderFor(request.ctx.actor.role));
}
