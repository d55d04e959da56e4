import { z } from 'zod';
import { Id } from './common';

/** The most documents one bulk request may name. */
export const BULK_MAX_IDS = 200;

/** POST /api/v1/invoices/bulk/{issue,email,pdf}: the selected documents, at most 200, each once. */
export const BulkInvoiceIdsInput = z.object({
  ids: z
    .array(Id)
    .min(1, 'select at least one document')
    .max(BULK_MAX_IDS, `select at most ${BULK_MAX_IDS} documents`)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a document'),
});
export type BulkInvoiceIdsInput = z.infer<typeof BulkInvoiceIdsInput>;

/** How one document of a bulk action went: done, or the problem that stopped it (the others still go through). */
export const BulkRowResult = z.object({
  id: z.number().int(),
  ok: z.boolean(),
  /** The document number after the action (issue numbers a draft). */
  number: z.string().nullable(),
  /** Email: the address the message was queued to. */
  to: z.string().nullable(),
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type BulkRowResult = z.infer<typeof BulkRowResult>;

/**
 * Per-row results, in the order asked. Not all-or-nothing on purpose: one draft refused (a locked period, a
 * back-dated number) must not hold back the good ones.
 */
export const BulkResult = z.object({
  results: z.array(BulkRowResult),
  succeeded: z.number().int(),
  failed: z.number().int(),
});
export type BulkResult = z.infer<typeof BulkResult>;
