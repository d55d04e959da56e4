import { z } from 'zod';
import { Id, IsoDate, MoneyString, PageQuery, Timestamp, pageOf } from './common';
import { CreateInvoiceInput, InvoiceLineInput, InvoiceStatus, LineTaxability } from './invoices';
import { classified } from './visibility';

/** How often a recurring invoice profile runs. */
export const RecurringFrequency = z.enum(['monthly', 'quarterly', 'yearly']);
export type RecurringFrequency = z.infer<typeof RecurringFrequency>;

/**
 * The invoice a profile drafts at each run: the same input as POST /api/v1/invoices minus what each run decides
 * (type sales; date = the run date; due date = the run date + the party's payment terms) and what a repeated sale
 * cannot carry (a note's original, an order, supplier fields). Stored as given; priced at each run by the invoice
 * engine, so a rate or master change applies to later runs.
 */
export const RecurringInvoiceTemplate = CreateInvoiceInput.pick({
  kind: true,
  businessRegistrationId: true,
  placeOfSupply: true,
  supplyKind: true,
  reverseCharge: true,
  regimeOverride: true,
  roundToRupee: true,
  shippingAddress: true,
  exportDetails: true,
  notes: true,
  terms: true,
}).extend({ lines: z.array(InvoiceLineInput).min(1, 'needs at least one line').max(200) });
export type RecurringInvoiceTemplate = z.infer<typeof RecurringInvoiceTemplate>;

const ScheduleFields = {
  name: z.string().trim().min(1, 'is required').max(120),
  partyId: z.number().int().positive(),
  frequency: RecurringFrequency,
  /** 1–31; a day beyond a month's end means its last day. */
  dayOfMonth: z.number().int().min(1).max(31),
  /** The first run is the first run day on or after this date. */
  startDate: IsoDate,
  /** Last possible run date (inclusive); or set maxRuns; or neither to run until paused. */
  endDate: IsoDate.nullish(),
  maxRuns: z.number().int().min(1).max(1000).nullish(),
  /** Issue each invoice as it is made (else it stays a draft to review). */
  autoIssue: z.boolean().default(false),
  /** Email each issued invoice to the party's first email address. */
  autoEmail: z.boolean().default(false),
  isActive: z.boolean().default(true),
  invoice: RecurringInvoiceTemplate,
};

/** POST /api/v1/recurring-invoices and PUT /api/v1/recurring-invoices/{id}. */
export const SaveRecurringProfileInput = z
  .object(ScheduleFields)
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { message: 'must not be before the start', path: ['endDate'] })
  .refine((v) => !v.autoEmail || v.autoIssue, { message: 'only issued invoices are emailed', path: ['autoEmail'] });
export type SaveRecurringProfileInput = z.infer<typeof SaveRecurringProfileInput>;

/** A stored line as the profile answers it; amounts are money (hidden from roles that cannot read money). */
export const RecurringLine = z.object({
  itemId: z.number().int().nullable(),
  description: z.string(),
  hsnSac: z.string(),
  quantity: z.string(),
  unit: z.string(),
  rate: MoneyString.nullable(),
  discount: classified('money', z.object({ type: z.enum(['percent', 'amount']), value: z.string() })).nullable(),
  gstRate: z.string(),
  cessRate: z.string(),
  cessPerUnit: MoneyString.nullable(),
  taxability: LineTaxability.nullable(),
});

export const RecurringRunStatus = z.enum(['draft', 'issued', 'failed']);
export type RecurringRunStatus = z.infer<typeof RecurringRunStatus>;

/** One run of a profile: the invoice it made on its run date (or why it could not). */
export const RecurringRun = z.object({
  id: z.number().int(),
  runDate: z.string(),
  /** draft: made, not issued (by choice, or issuing was refused: see error); failed: no invoice could be made. */
  status: RecurringRunStatus,
  error: z.string().nullable(),
  emailedTo: z.string().nullable(),
  invoice: z
    .object({
      id: z.number().int(),
      number: z.string().nullable(),
      status: InvoiceStatus,
      grandTotal: MoneyString.nullable(),
    })
    .nullable(),
  createdAt: Timestamp,
});
export type RecurringRun = z.infer<typeof RecurringRun>;

export const RecurringProfile = z.object({
  id: z.number().int(),
  name: z.string(),
  party: z.object({ id: z.number().int(), name: z.string(), email: z.string().nullable() }),
  frequency: RecurringFrequency,
  dayOfMonth: z.number().int(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  maxRuns: z.number().int().nullable(),
  autoIssue: z.boolean(),
  autoEmail: z.boolean(),
  isActive: z.boolean(),
  /** The next run date (null: finished, by end date or count). */
  nextRunDate: z.string().nullable(),
  lastRunDate: z.string().nullable(),
  runCount: z.number().int(),
  invoice: RecurringInvoiceTemplate.omit({ lines: true }).extend({ lines: z.array(RecurringLine) }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type RecurringProfile = z.infer<typeof RecurringProfile>;

/** A profile with its runs, newest first. */
export const RecurringProfileDetail = RecurringProfile.extend({ runs: z.array(RecurringRun) });
export type RecurringProfileDetail = z.infer<typeof RecurringProfileDetail>;

export const ListRecurringProfilesQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type ListRecurringProfilesQuery = z.infer<typeof ListRecurringProfilesQuery>;

export const RecurringProfilePage = pageOf(RecurringProfile);
export type RecurringProfilePage = z.infer<typeof RecurringProfilePage>;

/** What one scheduler pass did (POST /api/v1/recurring-invoices/run answers it too). */
export const RecurringTickResult = z.object({
  created: z.number().int(),
  issued: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
});
export type RecurringTickResult = z.infer<typeof RecurringTickResult>;

export const RecurringIdParams = z.object({ id: Id });
