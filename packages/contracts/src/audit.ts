import { z } from 'zod';
import { IsoDate, Timestamp } from './common';

export const AuditActor = z.object({
  type: z.enum(['user', 'api_key', 'system', 'anonymous']),
  id: z.number().int().nullable(),
  name: z.string().nullable(),
});

/** Changed fields of a record: before and after for each one that differs. */
export const AuditChanges = z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() }));

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: Timestamp,
  actor: AuditActor,
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  changes: AuditChanges.nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  entity: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(60).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  action: z.string().trim().max(60).optional(),
  /** Inclusive dates in the business timezone. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Newest first; pass the previous page's nextCursor to read on. */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  order: z.enum(['desc', 'asc']).default('desc'),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  nextCursor: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
