import { z } from 'zod';
import { IsoDate, MoneyString, PageQuery, Timestamp, pageOf, Id } from './common';
import { AmountString } from './invoices';
import { PaymentMode } from './payments';
import { classified } from './visibility';

/**
 * Order money (issue 5): receipts and expenses of an order, its derived amount due and payment status, the
 * partner's settlement (with adjustments after approval), payouts and partner statements, and the partner
 * portal. Every amount is a decimal string in rupees; every figure is computed by the server.
 */

const Positive = AmountString.refine((v) => !/^0+(\.0+)?$/.test(v), 'must be above zero');
const Note = z.string().trim().max(2000).nullish();
const Ref = z.object({ id: z.number().int(), name: z.string() });

/** It tells money (whether and how much a client paid), so it is of the field class `money` (issue 16). */
export const PaymentStatus = classified('money', z.enum(['unpaid', 'partial', 'paid', 'overpaid']));
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const SettlementBasis = z.enum(['contracted', 'collected']);
export type SettlementBasis = z.infer<typeof SettlementBasis>;

/** A partner's share as a percentage with up to two decimals, 0 to 100 ("40", "33.33"). */
export const SharePercent = classified(
  'money',
  z
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage with at most two decimals, such as "40" or "33.33"')
    .refine((v) => Number(v) <= 100, 'must be at most 100'),
);

/** A share percentage as answered ("40.00"): a percentage of revenue, so money (issue 16). */
const ShareShown = classified('money', z.string());

/** An attachment on a receipt or expense (uploaded with PUT .../attachment as the raw body). */
export const MoneyAttachment = z.object({
  name: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  downloadUrl: z.string(),
});

// ---- money summary on an order

/** The derived money of an order; also carried on order responses for callers with money.read. */
export const OrderMoneySummary = z.object({
  /**
   * What the client is billed, GST included: fees (or base charges once the order has failed) plus GST at the order
   * type's rate; once the order has issued invoices, their grand totals less issued credit notes.
   */
  amountDue: MoneyString,
  /** Σ receipts (each a payment) + allocations to the order's invoices from other payments. */
  amountReceived: MoneyString,
  /** amountDue − amountReceived; negative when overpaid. */
  balanceDue: MoneyString,
  paymentStatus: PaymentStatus,
  expenses: MoneyString,
  /** The partner's share percentage on this order ("40.00"). */
  sharePercent: ShareShown,
});
export type OrderMoneySummary = z.infer<typeof OrderMoneySummary>;

// ---- receipts

export const ReceiptMode = PaymentMode;

export const CreateReceiptInput = z
  .object({
    date: IsoDate,
    amount: Positive,
    mode: ReceiptMode,
    reference: z.string().trim().max(100).nullish(),
    /** Required with mode cheque. */
    chequeNumber: z.string().trim().max(30).nullish(),
    chequeDate: IsoDate.nullish(),
    note: Note,
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'cheque' && !v.chequeNumber) {
      ctx.addIssue({ code: 'custom', path: ['chequeNumber'], message: 'is required for a cheque' });
    }
  });
export type CreateReceiptInput = z.infer<typeof CreateReceiptInput>;

export const UpdateReceiptInput = z
  .object({
    date: IsoDate,
    amount: Positive,
    mode: ReceiptMode,
    reference: z.string().trim().max(100).nullable(),
    chequeNumber: z.string().trim().max(30).nullable(),
    chequeDate: IsoDate.nullable(),
    note: z.string().trim().max(2000).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateReceiptInput = z.infer<typeof UpdateReceiptInput>;

export const Receipt = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  date: IsoDate,
  amount: MoneyString,
  mode: ReceiptMode,
  reference: z.string().nullable(),
  chequeNumber: z.string().nullable(),
  chequeDate: IsoDate.nullable(),
  note: z.string().nullable(),
  attachment: MoneyAttachment.nullable(),
  /**
   * The customer payment this receipt is (issue 14): created with the receipt, allocated to the order's issued
   * invoices (the rest an advance, applied when an invoice is issued), changed and deleted with the receipt. Null
   * only for a receipt whose payment could not be created (none since the 202612050900 migration).
   */
  appliedPaymentId: z.number().int().nullable(),
  createdBy: Ref.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Receipt = z.infer<typeof Receipt>;

/** POST /api/v1/orders/{id}/receipts/{itemId}/apply: the receipt pays the order's issued invoice. */
export const ApplyReceiptInput = z.object({ invoiceId: z.number().int().positive() });
export type ApplyReceiptInput = z.infer<typeof ApplyReceiptInput>;

export const ReceiptList = z.object({ items: z.array(Receipt), money: OrderMoneySummary });
export type ReceiptList = z.infer<typeof ReceiptList>;

export const OrderMoneyItemParams = z.object({
  id: Id,
  itemId: Id,
});

// ---- expenses

export const ExpenseCategory = z.enum(['stamp_duty', 'courier', 'notary', 'government_fee', 'travel', 'other']);
export type ExpenseCategory = z.infer<typeof ExpenseCategory>;

export const CreateExpenseInput = z.object({
  date: IsoDate,
  amount: Positive,
  category: ExpenseCategory,
  paidTo: z.string().trim().max(200).nullish(),
  note: Note,
});
export type CreateExpenseInput = z.infer<typeof CreateExpenseInput>;

export const UpdateExpenseInput = z
  .object({
    date: IsoDate,
    amount: Positive,
    category: ExpenseCategory,
    paidTo: z.string().trim().max(200).nullable(),
    note: z.string().trim().max(2000).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateExpenseInput = z.infer<typeof UpdateExpenseInput>;

export const Expense = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  date: IsoDate,
  amount: MoneyString,
  category: ExpenseCategory,
  paidTo: z.string().nullable(),
  note: z.string().nullable(),
  attachment: MoneyAttachment.nullable(),
  createdBy: Ref.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Expense = z.infer<typeof Expense>;

export const ExpenseList = z.object({ items: z.array(Expense), total: MoneyString });
export type ExpenseList = z.infer<typeof ExpenseList>;

// ---- settlement

export const SettlementEntryKind = z.enum(['settlement', 'adjustment']);
export const SettlementEntryStatus = z.enum(['draft', 'approved']);

/** One ledger entry: a settlement, or an adjustment whose amounts are differences from what was approved. */
export const SettlementEntry = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  orderNumber: z.string(),
  partner: Ref.nullable(),
  kind: SettlementEntryKind,
  status: SettlementEntryStatus,
  basis: SettlementBasis,
  outcome: z.enum(['completed', 'failed']),
  revenue: MoneyString,
  expenses: MoneyString,
  net: MoneyString,
  sharePercent: ShareShown,
  partnerShare: MoneyString,
  businessShare: MoneyString,
  /** Paid out of this entry by payouts: null for roles that may not read payouts (the accountant, issue 16). */
  paidOut: classified('payouts', MoneyString).nullable(),
  computedAt: Timestamp,
  approvedAt: Timestamp.nullable(),
  approvedBy: Ref.nullable(),
});
export type SettlementEntry = z.infer<typeof SettlementEntry>;

/**
 * GET /api/v1/orders/{id}/settlement. status: `projected` while the order is open (nothing stored; as if it
 * completed today), `draft` once closed and not yet approved (or with a pending adjustment), `approved` when every
 * entry is approved. The figures are the current totals (approved + pending).
 */
export const OrderSettlement = z.object({
  orderId: z.number().int(),
  status: z.enum(['projected', 'draft', 'approved']),
  basis: SettlementBasis,
  outcome: z.enum(['completed', 'failed']),
  partner: Ref.nullable(),
  revenue: MoneyString,
  expenses: MoneyString,
  net: MoneyString,
  sharePercent: ShareShown,
  partnerShare: MoneyString,
  businessShare: MoneyString,
  /** The approved settlement (first entry) and its adjustments, oldest first; pending ones included. */
  entries: z.array(SettlementEntry),
  /** The entries waiting for approval (the draft settlement or a pending adjustment). */
  adjustments: z.array(SettlementEntry),
  canApprove: z.boolean(),
});
export type OrderSettlement = z.infer<typeof OrderSettlement>;

/** PUT /api/v1/orders/{id}/settlement/share: the order's partner share (also settable on order create/update). */
export const SetShareInput = z.object({ sharePercent: SharePercent });

export const SettlementListQuery = PageQuery.extend({
  status: SettlementEntryStatus.optional(),
  partnerId: Id.optional(),
  kind: SettlementEntryKind.optional(),
});
export type SettlementListQuery = z.infer<typeof SettlementListQuery>;

export const SettlementPage = pageOf(SettlementEntry);
export type SettlementPage = z.infer<typeof SettlementPage>;

export const SettlementEntryParams = z.object({ entryId: Id });

/** Most entries one bulk approval takes: a page of the approvals list at its largest size. */
export const MAX_BULK_APPROVE = 200;

/**
 * POST /api/v1/settlements/approve: approve the selected draft entries together. All or nothing: one entry that
 * cannot be approved (gone, already approved by someone else) fails the request and approves none, naming it.
 */
export const BulkApproveSettlementsInput = z.object({
  entryIds: z
    .array(z.number().int().positive())
    .min(1, 'choose at least one entry')
    .max(MAX_BULK_APPROVE, `at most ${MAX_BULK_APPROVE} entries at a time`)
    .refine((ids) => new Set(ids).size === ids.length, 'lists an entry twice'),
});
export type BulkApproveSettlementsInput = z.infer<typeof BulkApproveSettlementsInput>;
export const BulkApproveSettlementsResult = z.object({ items: z.array(SettlementEntry) });
export type BulkApproveSettlementsResult = z.infer<typeof BulkApproveSettlementsResult>;

// ---- payouts

export const PayoutAllocationInput = z.object({ entryId: z.number().int().positive(), amount: Positive });

export const CreatePayoutInput = z.object({
  partnerId: z.number().int().positive(),
  date: IsoDate,
  amount: Positive,
  mode: PaymentMode,
  reference: z.string().trim().max(100).nullish(),
  note: Note,
  /** Allocate by hand; when omitted, to approved entries oldest first. */
  allocations: z.array(PayoutAllocationInput).max(1000).optional(),
});
export type CreatePayoutInput = z.infer<typeof CreatePayoutInput>;

/** A payout to a partner: of the class `payouts` as a whole. */
export const Payout = classified(
  'payouts',
  z.object({
    id: z.number().int(),
    partner: Ref,
    date: IsoDate,
    amount: MoneyString,
    mode: PaymentMode,
    reference: z.string().nullable(),
    note: z.string().nullable(),
    allocations: z.array(z.object({ entryId: z.number().int(), orderNumber: z.string(), amount: MoneyString })),
    createdBy: Ref.nullable(),
    createdAt: Timestamp,
  }),
);
export type Payout = z.infer<typeof Payout>;

export const PayoutListQuery = PageQuery.extend({
  partnerId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type PayoutListQuery = z.infer<typeof PayoutListQuery>;

export const PayoutPage = pageOf(Payout);
export type PayoutPage = z.infer<typeof PayoutPage>;

// ---- partners: balances and statements

export const PartnerBalance = z.object({
  partner: Ref,
  /** Σ approved partner shares (settlements + adjustments). */
  approved: MoneyString,
  paidOut: classified('payouts', MoneyString),
  /** approved − paidOut: what the business owes the partner. */
  balanceOwed: MoneyString,
  /** Partner share waiting for approval. */
  pending: MoneyString,
});
export type PartnerBalance = z.infer<typeof PartnerBalance>;

export const PartnerBalanceQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  /** Only partners with a balance owed (non-zero). */
  owed: z.enum(['true', 'false']).optional(),
});
export type PartnerBalanceQuery = z.infer<typeof PartnerBalanceQuery>;

export const PartnerBalancePage = pageOf(PartnerBalance);
export type PartnerBalancePage = z.infer<typeof PartnerBalancePage>;

export const StatementQuery = z.object({
  from: IsoDate,
  to: IsoDate,
  format: z.enum(['json', 'pdf', 'xlsx']).default('json'),
});
export type StatementQuery = z.infer<typeof StatementQuery>;

export const StatementLine = z.object({
  date: IsoDate,
  kind: z.enum(['settlement', 'adjustment', 'payout']),
  /** Entry or payout id. */
  id: z.number().int(),
  order: z.object({ id: z.number().int(), number: z.string(), title: z.string() }).nullable(),
  description: z.string(),
  /** Added to what is owed (settlement and adjustment partner shares). */
  credit: MoneyString,
  /** Paid out. */
  debit: MoneyString,
  balance: MoneyString,
});
export type StatementLine = z.infer<typeof StatementLine>;

/** GET /api/v1/partners/{id}/statement: approved entries by approval date, payouts by date. */
export const PartnerStatement = z.object({
  partner: Ref,
  from: IsoDate,
  to: IsoDate,
  openingBalance: MoneyString,
  lines: z.array(StatementLine),
  totalCredit: MoneyString,
  totalDebit: MoneyString,
  closingBalance: MoneyString,
});
export type PartnerStatement = z.infer<typeof PartnerStatement>;

// ---- partner portal (role partner, scoped to the linked partner party; others' records answer 404)

export const PortalOrder = z.object({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  clientName: z.string(),
  stage: z.object({ code: z.string(), label: z.string() }),
  documents: z.object({ required: z.number().int(), received: z.number().int(), accepted: z.number().int() }),
  fees: MoneyString,
  sharePercent: ShareShown,
  /** Approved + pending partner share once closed; projected while open. */
  partnerShare: MoneyString,
  settlementStatus: z.enum(['projected', 'draft', 'approved']),
  createdAt: Timestamp,
});
export type PortalOrder = z.infer<typeof PortalOrder>;

export const PortalOrderQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  stage: z.string().optional(),
});
export type PortalOrderQuery = z.infer<typeof PortalOrderQuery>;

export const PortalOrderPage = pageOf(PortalOrder);

export const PortalSummary = z.object({
  partner: Ref,
  openOrders: z.number().int(),
  closedOrders: z.number().int(),
  balanceOwed: MoneyString,
  pending: MoneyString,
  paidOut: classified('payouts', MoneyString),
});
export type PortalSummary = z.infer<typeof PortalSummary>;

// ---- settings

export const SettlementSettings = z.object({ basis: SettlementBasis });
export type SettlementSettings = z.infer<typeof SettlementSettings>;
