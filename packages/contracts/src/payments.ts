import { z } from 'zod';
import { IsoDate, PageQuery, Timestamp, pageOf, Id } from './common';
import { AmountString, InvoiceType } from './invoices';

/**
 * Payments in both directions: `received` from customers (settle receivable documents) and `made` to suppliers
 * (settle payable documents). Money is a decimal string in rupees.
 *
 * Settlement = amount + tdsAmount: TDS deducted (by the customer on a receipt, by us on a payment made) settles
 * the invoice as much as the cash does, so allocations are checked against amount + tdsAmount. Any part not
 * allocated is an advance (unallocatedAmount) that can be allocated later.
 */

export const PaymentDirection = z.enum(['received', 'made']);
export type PaymentDirection = z.infer<typeof PaymentDirection>;

/** How the money moved. No other receipt-mode list exists in BizDash; this is the one. */
export const PaymentMode = z.enum(['cash', 'bank_transfer', 'upi', 'cheque', 'card', 'other']);
export type PaymentMode = z.infer<typeof PaymentMode>;

export const AllocationInput = z.object({
  invoiceId: z.number().int().positive(),
  /** Above zero; at most the invoice's balance due (else 409 OVER_ALLOCATION). */
  amount: AmountString.refine((v) => !/^0+(\.0+)?$/.test(v), 'must be above zero'),
});
export type AllocationInput = z.infer<typeof AllocationInput>;

export const CreatePaymentInput = z.object({
  direction: PaymentDirection,
  partyId: z.number().int().positive(),
  date: IsoDate,
  /** Money that moved, above zero. */
  amount: AmountString.refine((v) => !/^0+(\.0+)?$/.test(v), 'must be above zero'),
  mode: PaymentMode,
  /** UTR, cheque number, UPI reference ... */
  reference: z.string().trim().max(100).nullish(),
  tdsAmount: AmountString.default('0'),
  notes: z.string().trim().max(2000).nullish(),
  /** May be empty (an advance) or cover several invoices of the same party and direction. */
  allocations: z.array(AllocationInput).max(500).default([]),
});
export type CreatePaymentInput = z.infer<typeof CreatePaymentInput>;

/** PATCH /api/v1/payments/{id}: the payment's own fields; allocations change through their own routes. */
export const UpdatePaymentInput = z
  .object({
    date: IsoDate,
    amount: CreatePaymentInput.shape.amount,
    mode: PaymentMode,
    reference: z.string().trim().max(100).nullable(),
    tdsAmount: AmountString,
    notes: z.string().trim().max(2000).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdatePaymentInput = z.infer<typeof UpdatePaymentInput>;

/** POST /api/v1/payments/{id}/allocations: adds to (or increases) allocations of an existing payment. */
export const AllocatePaymentInput = z.object({ allocations: z.array(AllocationInput).min(1).max(500) });
export type AllocatePaymentInput = z.infer<typeof AllocatePaymentInput>;

export const PaymentAllocationParams = z.object({
  id: Id,
  invoiceId: Id,
});

export const PaymentAllocation = z.object({
  invoiceId: z.number().int(),
  invoiceType: InvoiceType,
  invoiceNumber: z.string().nullable(),
  invoiceDate: z.string(),
  amount: z.string(),
  createdAt: Timestamp,
});
export type PaymentAllocation = z.infer<typeof PaymentAllocation>;

export const Payment = z.object({
  id: z.number().int(),
  direction: PaymentDirection,
  party: z.object({ id: z.number().int(), name: z.string() }),
  date: z.string(),
  amount: z.string(),
  mode: PaymentMode,
  reference: z.string().nullable(),
  tdsAmount: z.string(),
  notes: z.string().nullable(),
  allocations: z.array(PaymentAllocation),
  /** Sum of allocations. */
  allocatedAmount: z.string(),
  /** amount + tdsAmount - allocatedAmount: the advance still to allocate. */
  unallocatedAmount: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Payment = z.infer<typeof Payment>;

/** A payment in a list: which documents it settles, by number, instead of the full allocations. */
export const PaymentSummary = Payment.omit({ allocations: true }).extend({
  settles: z.array(z.object({ invoiceId: z.number().int(), number: z.string().nullable() })),
});
export type PaymentSummary = z.infer<typeof PaymentSummary>;
export const PaymentPage = pageOf(PaymentSummary);
export type PaymentPage = z.infer<typeof PaymentPage>;

export const ListPaymentsQuery = PageQuery.extend({
  direction: PaymentDirection.optional(),
  partyId: Id.optional(),
  /** Only payments with an allocation to this document (an invoice's payments tab). */
  invoiceId: Id.optional(),
  mode: PaymentMode.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** "true": only payments with an unallocated remainder (advances). */
  unallocated: z.enum(['true', 'false']).optional(),
  /** Reference (prefix) or party name (contains). */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['date', 'amount']).default('date'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ListPaymentsQuery = z.infer<typeof ListPaymentsQuery>;

// ---- ageing

/**
 * GET /api/v1/reports/ageing. Buckets count days PAST THE DUE DATE (the invoice date when a document has no due
 * date) as of `asOf`; documents not yet due are in `notDue`. Outstanding as of `asOf` = grand total - allocations
 * of payments dated on or before asOf - credit notes issued on or before asOf. Only issued documents dated on or
 * before asOf count.
 */
export const AgeingQuery = z.object({
  direction: z.enum(['receivable', 'payable']),
  /** Default: today in the business time zone. */
  asOf: IsoDate.optional(),
  partyId: Id.optional(),
});
export type AgeingQuery = z.infer<typeof AgeingQuery>;

export const AgeingBuckets = z.object({
  notDue: z.string(),
  days0to30: z.string(),
  days31to60: z.string(),
  days61to90: z.string(),
  over90: z.string(),
  total: z.string(),
});
export type AgeingBuckets = z.infer<typeof AgeingBuckets>;

export const AgeingRow = AgeingBuckets.extend({
  party: z.object({ id: z.number().int(), name: z.string() }),
  /** Number of documents with an outstanding balance. */
  documents: z.number().int(),
});
export type AgeingRow = z.infer<typeof AgeingRow>;

export const AgeingReport = z.object({
  direction: z.enum(['receivable', 'payable']),
  asOf: z.string(),
  basis: z.literal('due_date'),
  /** One row per party with an outstanding balance, largest total first (then party name). */
  rows: z.array(AgeingRow),
  totals: AgeingBuckets,
});
export type AgeingReport = z.infer<typeof AgeingReport>;

// ---- party ledger

/**
 * GET /api/v1/parties/{id}/ledger. One statement for the party across both directions, from our books' side:
 * debit = the party owes us more (sales invoice, debit note on a sale, payment we made, supplier's credit note);
 * credit = we owe the party more / it paid (payment received, TDS it deducted, credit note we issued, purchase
 * bill, supplier's debit note). balance = running sum of debit - credit; positive = the party owes us ("Dr"),
 * negative = we owe the party ("Cr"). Only issued (not cancelled) documents and all payments count.
 */
export const LedgerQuery = z.object({
  /** Default: start of the current financial year. */
  from: IsoDate.optional(),
  /** Default: today in the business time zone. */
  to: IsoDate.optional(),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

export const LedgerEntryKind = z.enum([
  'sales_invoice',
  'purchase_bill',
  'credit_note',
  'debit_note',
  'payment_received',
  'payment_made',
  'tds',
]);
export type LedgerEntryKind = z.infer<typeof LedgerEntryKind>;

export const LedgerEntry = z.object({
  date: z.string(),
  kind: LedgerEntryKind,
  /** The document, for document entries; null for payments and TDS. */
  invoiceId: z.number().int().nullable(),
  /** The payment, for payment and TDS entries. */
  paymentId: z.number().int().nullable(),
  /** Document number, or the payment reference. */
  number: z.string().nullable(),
  /** Human text: "Sales invoice INV/2025-26/0001", "Payment received (upi) UTR123". */
  description: z.string(),
  debit: z.string(),
  credit: z.string(),
  /** Running balance after this entry (signed, see above). */
  balance: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const PartyLedger = z.object({
  party: z.object({
    id: z.number().int(),
    name: z.string(),
    gstin: z.string().nullable(),
    /** JSON Address of the party's billing address as it is now, for the statement header. */
    billingAddress: z
      .object({
        line1: z.string(),
        line2: z.string().nullable(),
        city: z.string(),
        stateCode: z.string(),
        pin: z.string(),
      })
      .nullable(),
  }),
  business: z.object({ name: z.string(), gstin: z.string().nullable() }),
  from: z.string(),
  to: z.string(),
  /** Balance of everything dated before `from`. */
  openingBalance: z.string(),
  entries: z.array(LedgerEntry),
  totalDebit: z.string(),
  totalCredit: z.string(),
  closingBalance: z.string(),
  generatedAt: Timestamp,
});
export type PartyLedger = z.infer<typeof PartyLedger>;
