import { z } from 'zod';
import { Id, IsoDate, MoneyString, PageQuery, Timestamp, pageOf } from './common';
import {
  AddressInput,
  AmountString,
  BusinessSnapshot,
  EwayBillInfo,
  InvoiceLine,
  InvoiceLineInput,
  InvoiceStatus,
  InvoiceTotals,
  PartySnapshot,
  QuantityString,
  StateCode,
  SupplyKind,
  TaxDecision,
} from './invoices';
import { PaymentMode } from './payments';

/**
 * Documents before (or beside) a supply: quotations (estimates), proforma invoices and delivery challans (Rule 55).
 * Their lines are priced by the same GST engine as invoices, but they are not supplies: they never post to the
 * ledger and never appear in GSTR-1. Each converts into a draft sales invoice (a quotation also into an order).
 */

export const SalesDocumentKind = z.enum(['quotation', 'proforma', 'delivery_challan']);
export type SalesDocumentKind = z.infer<typeof SalesDocumentKind>;

/**
 * draft -> sent (by link or email) -> accepted | declined (quotations, by the client on the public page) ->
 * converted. `expired`: a quotation or proforma whose validity date has passed while still draft or sent; computed
 * on every read (and in list filters) from the business's today, so no job has to run for it.
 */
export const SalesDocumentStatus = z.enum([
  'draft',
  'sent',
  'accepted',
  'declined',
  'expired',
  'converted',
  'cancelled',
]);
export type SalesDocumentStatus = z.infer<typeof SalesDocumentStatus>;

/** Rule 55(1): why goods move on a delivery challan rather than an invoice. */
export const ChallanReason = z.enum(['job_work', 'supply_on_approval', 'supply_of_liquid_gas', 'other']);
export type ChallanReason = z.infer<typeof ChallanReason>;

const DocumentFields = {
  /** The client (consignee for a challan). */
  partyId: z.number().int().positive(),
  date: IsoDate,
  /** Quotations and proformas: valid until this date (default date + 15 days). Refused on challans. */
  validUntil: IsoDate.nullish(),
  businessRegistrationId: z.number().int().positive().nullish(),
  placeOfSupply: StateCode.nullish(),
  supplyKind: SupplyKind.nullish(),
  reverseCharge: z.boolean().default(false),
  roundToRupee: z.boolean().default(true),
  shippingAddress: AddressInput.nullish(),
  /** Service quotations: the order type an accepted quotation becomes an order of. */
  orderTypeId: z.number().int().positive().nullish(),
  /** Service quotations: the partner the order is shared with. */
  partnerId: z.number().int().positive().nullish(),
  /** Delivery challans: Rule 55 reason (required on challans, refused elsewhere). */
  challanReason: ChallanReason.nullish(),
  /** Delivery challans: vehicle number or transporter, printed. */
  transport: z.string().trim().max(200).nullish(),
  notes: z.string().trim().max(2000).nullish(),
  terms: z.string().trim().max(4000).nullish(),
  lines: z.array(InvoiceLineInput).min(1, 'needs at least one line').max(500),
};

/** POST /api/v1/sales-documents (the document is numbered from its own series when created). */
export const CreateSalesDocumentInput = z.object({ kind: SalesDocumentKind, ...DocumentFields });
export type CreateSalesDocumentInput = z.infer<typeof CreateSalesDocumentInput>;

/** PUT /api/v1/sales-documents/{id}: replaces a draft or sent document in full (kind and number stay). */
export const UpdateSalesDocumentInput = z.object(DocumentFields);
export type UpdateSalesDocumentInput = z.infer<typeof UpdateSalesDocumentInput>;

export const SalesDocumentLine = InvoiceLine.extend({
  /** Delivery challans: quantity already invoiced from this line (conversions in parts). */
  convertedQuantity: QuantityString,
  remainingQuantity: QuantityString,
});
export type SalesDocumentLine = z.infer<typeof SalesDocumentLine>;

export const SalesDocumentConversion = z.object({
  invoiceId: z.number().int(),
  number: z.string().nullable(),
  date: z.string(),
  status: InvoiceStatus,
  grandTotal: MoneyString,
});

export const SalesDocumentAdvance = z.object({
  paymentId: z.number().int(),
  date: z.string(),
  amount: MoneyString,
  mode: PaymentMode,
  reference: z.string().nullable(),
  /** What of it is allocated to invoices so far. */
  allocated: MoneyString,
});

export const SalesDocument = z.object({
  id: z.number().int(),
  kind: SalesDocumentKind,
  status: SalesDocumentStatus,
  number: z.string(),
  financialYear: z.string(),
  date: z.string(),
  validUntil: z.string().nullable(),
  party: PartySnapshot,
  business: BusinessSnapshot,
  tax: TaxDecision,
  roundToRupee: z.boolean(),
  lines: z.array(SalesDocumentLine),
  totals: InvoiceTotals,
  amountInWords: z.string(),
  orderType: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  partner: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  challanReason: ChallanReason.nullable(),
  transport: z.string().nullable(),
  /** Delivery challans: the e-way bill imported from the portal (all null until then, and on other kinds). */
  ewayBill: EwayBillInfo,
  notes: z.string().nullable(),
  terms: z.string().nullable(),
  /** The invoices made from it (a challan may be converted in parts). */
  conversions: z.array(SalesDocumentConversion),
  convertedOrderId: z.number().int().nullable(),
  /** Proformas: payments received against it, advances applied to the tax invoice when it is issued. */
  advances: z.array(SalesDocumentAdvance),
  advanceTotal: MoneyString,
  /** Whether a live public view link exists (quotations and proformas). */
  hasLiveLink: z.boolean(),
  sentAt: Timestamp.nullable(),
  respondedAt: Timestamp.nullable(),
  responseNote: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SalesDocument = z.infer<typeof SalesDocument>;

export const SalesDocumentSummary = z.object({
  id: z.number().int(),
  kind: SalesDocumentKind,
  status: SalesDocumentStatus,
  number: z.string(),
  date: z.string(),
  validUntil: z.string().nullable(),
  party: z.object({ id: z.number().int(), name: z.string(), gstin: z.string().nullable() }),
  taxableValue: MoneyString,
  totalTax: MoneyString,
  grandTotal: MoneyString,
  convertedInvoiceId: z.number().int().nullable(),
  convertedOrderId: z.number().int().nullable(),
  createdAt: Timestamp,
});
export type SalesDocumentSummary = z.infer<typeof SalesDocumentSummary>;
export const SalesDocumentPage = pageOf(SalesDocumentSummary);
export type SalesDocumentPage = z.infer<typeof SalesDocumentPage>;

export const ListSalesDocumentsQuery = PageQuery.extend({
  kind: SalesDocumentKind,
  status: SalesDocumentStatus.optional(),
  partyId: Id.optional(),
  /** Number or party name. */
  q: z.string().trim().max(100).optional(),
});
export type ListSalesDocumentsQuery = z.infer<typeof ListSalesDocumentsQuery>;

/**
 * POST /api/v1/sales-documents/{id}/convert-to-invoice: a draft sales invoice with the document's party, place of
 * supply and lines. Challans may name per-line quantities (each at most what remains); others convert whole.
 */
export const ConvertToInvoiceInput = z.object({
  /** Invoice date; default today. */
  date: IsoDate.optional(),
  lines: z
    .array(z.object({ lineId: z.number().int().positive(), quantity: QuantityString }))
    .max(500)
    .optional(),
});
export type ConvertToInvoiceInput = z.infer<typeof ConvertToInvoiceInput>;

/** POST /api/v1/sales-documents/{id}/convert-to-order: a service quotation becomes an order of its order type. */
export const ConvertToOrderInput = z.object({
  /** Default: the first line's description. */
  title: z.string().trim().min(1).max(200).optional(),
});
export type ConvertToOrderInput = z.infer<typeof ConvertToOrderInput>;

/** POST /api/v1/sales-documents/{id}/advances: a customer payment received against a proforma. */
export const RecordAdvanceInput = z.object({
  date: IsoDate,
  amount: AmountString.refine((v) => !/^0+(\.0+)?$/.test(v), 'must be above zero'),
  mode: PaymentMode,
  reference: z.string().trim().max(100).nullish(),
});
export type RecordAdvanceInput = z.infer<typeof RecordAdvanceInput>;

/** POST /api/v1/sales-documents/{id}/link: a public view link (quotations and proformas); marks a draft sent. */
export const CreateSalesDocumentLinkInput = z.object({
  expiresInDays: z.number().int().min(1).max(90).default(15),
});
export type CreateSalesDocumentLinkInput = z.infer<typeof CreateSalesDocumentLinkInput>;

export const SalesDocumentLink = z.object({
  token: z.string(),
  /** Path on the public listener: /public/quotation/<token>. */
  path: z.string(),
  url: z.string().nullable(),
  expiresAt: Timestamp,
});
export type SalesDocumentLink = z.infer<typeof SalesDocumentLink>;

/** POST /api/v1/sales-documents/{id}/status: staff record a response or send, or cancel. */
export const SetSalesDocumentStatusInput = z.object({
  status: z.enum(['sent', 'accepted', 'declined', 'cancelled']),
  note: z.string().trim().max(500).nullish(),
});
export type SetSalesDocumentStatusInput = z.infer<typeof SetSalesDocumentStatusInput>;

/** The client's answer on the public page. */
export const PublicQuotationResponse = z.object({
  response: z.enum(['accept', 'decline']),
  note: z.string().trim().max(500).optional(),
});
export type PublicQuotationResponse = z.infer<typeof PublicQuotationResponse>;
