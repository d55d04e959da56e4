import { z } from 'zod';
import { SetupInput, UserSummary } from './auth';

/**
 * POST /api/v1/setup/demo: first run with a demo firm instead of an empty business. Takes the owner part of the setup
 * body (the person trying BizDash chooses their own password); accepted only while setup is not done.
 */
export const DemoSetupInput = z.object({ owner: SetupInput.shape.owner });
export type DemoSetupInput = z.infer<typeof DemoSetupInput>;

/** How much the demo loaded, so the caller can say so. */
export const DemoSummary = z.object({
  businessName: z.string(),
  users: z.number().int(),
  parties: z.number().int(),
  orders: z.number().int(),
  invoices: z.number().int(),
  payments: z.number().int(),
});
export type DemoSummary = z.infer<typeof DemoSummary>;

export const DemoSetupResult = z.object({ user: UserSummary, summary: DemoSummary });
export type DemoSetupResult = z.infer<typeof DemoSetupResult>;
