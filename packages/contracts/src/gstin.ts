import { z } from 'zod';
import { Timestamp } from './common';

export const GstinParams = z.object({ gstin: z.string().max(40) });

/** Registered details from a GSTIN lookup provider (or its 30-day cache). */
export const GstinRegistration = z.object({
  legalName: z.string().nullable(),
  tradeName: z.string().nullable(),
  address: z.string().nullable(),
  status: z.string().nullable(),
  registrationType: z.string().nullable(),
});
export type GstinRegistration = z.infer<typeof GstinRegistration>;

export const GstinCheck = z.object({
  valid: z.boolean(),
  normalized: z.string(),
  kind: z.string().nullable(),
  stateCode: z.string().nullable(),
  stateName: z.string().nullable(),
  pan: z.string().nullable(),
  errors: z.array(z.object({ code: z.string(), message: z.string() })),
  /** Present when a lookup provider is configured, the number is valid and the lookup (or cache) answered. */
  registration: GstinRegistration.optional(),
  lookup: z.object({ source: z.enum(['provider', 'cache']), fetchedAt: Timestamp }).optional(),
  /** Present when the provider failed: the answer is offline validation only. */
  lookupError: z.string().optional(),
});
export type GstinCheck = z.infer<typeof GstinCheck>;
