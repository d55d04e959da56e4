import { z } from 'zod';
import { SavedEwayBillPartB } from './ewaybill';
import { IsoDate, MoneyString, PageQuery, Timestamp, pageOf, Id } from './common';

/**
 * GST documents: sales invoices, purchase bills, credit notes and debit notes, in one family.
 *
 * Conventions (see also docs in the server module):
 * - Money is a decimal string in rupees ("1234.50"); quantities are decimal strings with up to 3 decimals ("2.5");
 *   rates are percentages as decimal strings ("18", "0.25").
 * - Every computed figure (line values, tax, totals, round-off, balance) is computed by the SERVER with the domain
 *   GST engine at every save; a client never sends totals.
 * - Direction: `receivable` documents are ours to collect (sales, and notes against sales); `payable` documents are
 *   what we owe (purchase bills, and the supplier's notes against them).
 */

// ---- enums

export const InvoiceType = z.enum(['sales', 'purchase', 'credit_note', 'debit_note']);
export type InvoiceType = z.infer<typeof InvoiceType>;

/** Kind of a sales document. Null on every other type. */
export const SalesKind = z.enum(['tax_invoice', 'bill_of_supply', 'export_invoice']);
export type SalesKind = z.infer<typeof SalesKind>;

export const InvoiceDirection = z.enum(['receivable', 'payable']);
export type InvoiceDirection = z.infer<typeof InvoiceDirection>;

/** Lifecycle: draft (editable) -> issued (numbered, frozen) -> cancelled (reason kept, number stays used). */
export const InvoiceStatus = z.enum(['draft', 'issued', 'cancelled']);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

/**
 * Payment state of an issued sales/purchase bill or debit note. `overdue` is computed at read time: balance above
 * zero and the due date before the business's "today" (Asia/Kolkata). Null for drafts, cancelled documents and
 * credit notes (a credit note has no balance of its own; it reduces its original's balance).
 */
export const PaymentStatus = z.enum(['unpaid', 'partial', 'paid', 'overdue']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** The e-invoice `SupTyp` with B2B and B2C kept apart (domain gst/regime.ts). */
export const SupplyKind = z.enum(['B2B', 'B2C', 'SEZWP', 'SEZWOP', 'EXPWP', 'EXPWOP', 'DEXP']);
export type SupplyKind = z.infer<typeof SupplyKind>;

/** How the document is taxed (domain gst/regime.ts). UTGST amounts sit in the `sgst` fields. */
export const TaxRegime = z.enum(['CGST_SGST', 'CGST_UTGST', 'IGST', 'IGST_ZERO_RATED_LUT']);
export type TaxRegime = z.infer<typeof TaxRegime>;

/**
 * GST treatment of a line (GSTR-1 Table 8, GSTR-3B 3.1): taxable (default; a taxable line at 0 % is nil-rated),
 * nil-rated, exempt, or outside GST. Every treatment but `taxable` needs GST rate and cess 0.
 */
export const LineTaxability = z.enum(['taxable', 'nil', 'exempt', 'non_gst']);
export type LineTaxability = z.infer<typeof LineTaxability>;

/** Input tax credit on a purchase bill. */
export const ItcEligibility = z.enum(['eligible', 'ineligible', 'partial']);
export type ItcEligibility = z.infer<typeof ItcEligibility>;

// ---- scalar strings

/** A quantity: non-negative, up to 3 decimals ("2.5"). */
export const QuantityString = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,3})?$/, 'must be a non-negative number with at most three decimals, such as "2.5"');

/** A percentage: up to 2 decimals ("18", "0.25"). */
export const PercentRateString = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage with at most two decimals, such as "18" or "0.25"');

/** A non-negative amount. */
export const AmountString = MoneyString.refine((v) => !v.startsWith('-'), 'must not be negative');

/** Two-digit GST state code, or "96" (other countries) for a place of supply. */
export const StateCode = z.string().regex(/^\d{2}$/, 'must be a two-digit GST state code');

/** HSN (goods) or SAC (services, starting 99): 4, 6 or 8 digits (gst-rules.md 4.2). */
export const HsnSac = z
  .string()
  .trim()
  .regex(/^(\d{4}|\d{6}|\d{8})$/, 'must be an HSN or SAC code of 4, 6 or 8 digits');

// ---- input

export const LineDiscountInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('percent'), value: PercentRateString }),
  z.object({ type: z.literal('amount'), value: AmountString }),
]);
export type LineDiscountInput = z.infer<typeof LineDiscountInput>;

export const InvoiceLineInput = z.object({
  /** Optional link to a masters item; its values are NOT copied silently: send the line as it should read. */
  itemId: z.number().int().positive().nullish(),
  /**
   * Credit and debit notes: the line of the original invoice this line corrects. Required on credit-note lines;
   * quantity credited per original line, across all issued notes, may not exceed the original quantity.
   */
  originalLineId: z.number().int().positive().nullish(),
  description: z.string().trim().min(1, 'is required').max(500),
  hsnSac: HsnSac,
  quantity: QuantityString,
  /** GST Unique Quantity Code (UQC): NOS, KGS, OTH ... */
  unit: z.string().trim().min(2).max(5).default('NOS'),
  /** Price of one unit before discount and tax. */
  rate: AmountString,
  discount: LineDiscountInput.nullish(),
  /** Total GST rate; must be 0 on a bill of supply. */
  gstRate: PercentRateString,
  /** Ad valorem compensation cess, a percentage. */
  cessRate: PercentRateString.default('0'),
  /** Specific (non ad valorem) cess, rupees per unit. */
  cessPerUnit: AmountString.default('0'),
  /** Nil-rated, exempt or non-GST supply; default taxable. Lines on a bill of supply count as exempt. */
  taxability: LineTaxability.optional(),
});
export type InvoiceLineInput = z.infer<typeof InvoiceLineInput>;

export const RegimeOverrideInput = z.object({
  regime: TaxRegime,
  /** Required: why the default regime is set aside (e.g. IGST Act s.15). Blank -> 400 REASON_REQUIRED. */
  reason: z.string().trim().max(500),
});

export const AddressInput = z.object({
  line1: z.string().trim().min(1, 'is required').max(200),
  line2: z.string().trim().max(200).nullish(),
  city: z.string().trim().min(1, 'is required').max(100),
  stateCode: StateCode,
  pin: z.string().trim().min(1, 'is required').max(10),
});

export const ItcInput = z.object({
  eligibility: ItcEligibility,
  /** Required unless eligibility is `eligible` (REASON_REQUIRED). */
  reason: z.string().trim().max(500).nullish(),
});

export const ExportDetailsInput = z.object({
  shippingBillNumber: z.string().trim().max(20).nullish(),
  shippingBillDate: IsoDate.nullish(),
  /** Port code, such as INBOM1. */
  portCode: z.string().trim().max(10).nullish(),
  /** ISO 3166 alpha-2 country of destination. */
  countryCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code')
    .nullish(),
  /** ISO 4217 currency of the export, when not INR. */
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code')
    .nullish(),
});

const DocumentFields = {
  /** The customer (sales) or the supplier (purchase). Notes: must be the original's party (or omitted). */
  partyId: z.number().int().positive().nullish(),
  /** Document date (yyyy-mm-dd); decides the financial year and the number series. */
  date: IsoDate,
  /** Defaults to date + the party's payment terms (days), else the date itself. */
  dueDate: IsoDate.nullish(),
  /** Sales only; default tax_invoice. */
  kind: SalesKind.nullish(),
  /**
   * Which of our GST registrations is used (masters business registrations); null/omitted = the primary GSTIN on
   * the business settings.
   */
  businessRegistrationId: z.number().int().positive().nullish(),
  /** Default: export -> 96; else the party's GSTIN state, billing state, shipping state, else our state. */
  placeOfSupply: StateCode.nullish(),
  /** Default: export -> EXPWOP, SEZ party -> SEZWOP, party with a GSTIN -> B2B, else B2C. */
  supplyKind: SupplyKind.nullish(),
  reverseCharge: z.boolean().default(false),
  regimeOverride: RegimeOverrideInput.nullish(),
  /** Round the grand total to the nearest rupee (default true). */
  roundToRupee: z.boolean().default(true),
  /** Delivery address when it differs from the party's (Rule 46(o)); default the party's shipping address. */
  shippingAddress: AddressInput.nullish(),
  /** Credit/debit notes: the issued invoice (or bill) corrected. Required on notes, refused elsewhere. */
  originalInvoiceId: z.number().int().positive().nullish(),
  /** Credit/debit notes: why (goods returned, price revised...). */
  noteReason: z.string().trim().max(500).nullish(),
  /** Payable documents: the supplier's own number and date (required to issue a payable document). */
  supplierNumber: z.string().trim().max(40).nullish(),
  supplierDate: IsoDate.nullish(),
  /** Purchase bills only; default eligible. */
  itc: ItcInput.nullish(),
  /** Export invoices: shipping bill and port details (GSTR-1 `exp`). */
  exportDetails: ExportDetailsInput.nullish(),
  /** The order this document bills, if any. */
  orderId: z.number().int().positive().nullish(),
  notes: z.string().trim().max(2000).nullish(),
  terms: z.string().trim().max(4000).nullish(),
  lines: z.array(InvoiceLineInput).min(1, 'needs at least one line').max(1000),
};

/** POST /api/v1/invoices and POST /api/v1/invoices/preview. */
export const CreateInvoiceInput = z.object({ type: InvoiceType, ...DocumentFields });
export type CreateInvoiceInput = z.infer<typeof CreateInvoiceInput>;

/** PUT /api/v1/invoices/{id}: replaces a DRAFT in full (type cannot change). Issued -> 409 INVALID_STATE. */
export const UpdateInvoiceInput = z.object(DocumentFields);
export type UpdateInvoiceInput = z.infer<typeof UpdateInvoiceInput>;

export const CancelInvoiceInput = z.object({
  /** Required (REASON_REQUIRED when blank). */
  reason: z.string().trim().max(500),
});
export type CancelInvoiceInput = z.infer<typeof CancelInvoiceInput>;

/** Options of issuing a draft; the body may be left out. */
export const IssueInvoiceInput = z.object({
  /**
   * Issue even though the draft is dated before the latest document of its series (numbers then no longer follow
   * dates). Refused with BACKDATED_ISSUE (409) without it; owner, admin and accountant only; recorded in the audit.
   */
  allowBackdated: z.boolean().optional(),
});
export type IssueInvoiceInput = z.infer<typeof IssueInvoiceInput>;

// ---- output

export const StateRef = z.object({ code: z.string(), name: z.string() });
export type StateRef = z.infer<typeof StateRef>;

export const AddressSnapshot = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  stateCode: z.string(),
  stateName: z.string(),
  pin: z.string(),
});
export type AddressSnapshot = z.infer<typeof AddressSnapshot>;

/** The counterparty as it was when the document was saved/issued; never changes after issue. */
export const PartySnapshot = z.object({
  id: z.number().int(),
  name: z.string(),
  legalName: z.string().nullable(),
  gstin: z.string().nullable(),
  pan: z.string().nullable(),
  /** regular, composition, unregistered, consumer, sez, overseas, uin. */
  registrationType: z.string(),
  billingAddress: AddressSnapshot.nullable(),
  /** Delivery address (the document's override, else the party's shipping address). */
  shippingAddress: AddressSnapshot.nullable(),
  /** State of the party: GSTIN state, else billing address state; null for overseas parties without one. */
  state: StateRef.nullable(),
  /**
   * The address of a party outside India, printed instead of billingAddress: its lines, postal code and country.
   * Null (or absent, on documents saved before foreign addresses existed) for parties in India.
   */
  foreignAddress: z
    .object({
      lines: z.array(z.string()),
      postalCode: z.string().nullable(),
      /** ISO 3166-1 alpha-2 (e-invoice ExpDtls.CntCode). */
      countryCode: z.string(),
      countryName: z.string(),
    })
    .nullish(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
});
export type PartySnapshot = z.infer<typeof PartySnapshot>;

/**
 * Our own business as printed on the document: the registration used (GSTIN and state) with name, address, bank
 * and signatory. On sales documents this is the SUPPLIER; on payable documents, the recipient.
 */
export const BusinessSnapshot = z.object({
  /** The masters registration used, or null for the primary GSTIN on business settings. */
  registrationId: z.number().int().nullable(),
  name: z.string(),
  legalName: z.string().nullable(),
  tradeName: z.string().nullable(),
  gstin: z.string().nullable(),
  pan: z.string().nullable(),
  state: StateRef,
  address: z.object({
    line1: z.string().nullable(),
    line2: z.string().nullable(),
    city: z.string().nullable(),
    pin: z.string().nullable(),
  }),
  bank: z.object({
    accountName: z.string().nullable(),
    accountNumber: z.string().nullable(),
    ifsc: z.string().nullable(),
    bankName: z.string().nullable(),
    branch: z.string().nullable(),
  }),
  upiId: z.string().nullable(),
  signatoryName: z.string().nullable(),
  /**
   * SHA-256 of the logo printed on the document (business settings at issue); null or absent: no logo. Drafts
   * print the current logo; issued documents print this one, so their PDF never changes.
   */
  logoSha256: z.string().nullable().optional(),
});
export type BusinessSnapshot = z.infer<typeof BusinessSnapshot>;

export const LineDiscount = z.object({
  type: z.enum(['percent', 'amount']),
  /** The percentage ("10") or the amount ("31.00") as entered. */
  value: z.string(),
});

/** One computed line. UTGST sits in the sgst fields (see `stateTaxLabel`). */
export const InvoiceLine = z.object({
  id: z.number().int(),
  /** 1-based order on the document (e-invoice SlNo). */
  position: z.number().int(),
  itemId: z.number().int().nullable(),
  originalLineId: z.number().int().nullable(),
  description: z.string(),
  hsnSac: z.string(),
  /** HSN starting 99 = a service (e-invoice IsServc). */
  isService: z.boolean(),
  quantity: z.string(),
  unit: z.string(),
  rate: z.string(),
  discount: LineDiscount.nullable(),
  gstRate: z.string(),
  taxability: LineTaxability,
  /** Half the rate on intra-state documents ("9", "0.125"), else null. */
  cgstRate: z.string().nullable(),
  sgstRate: z.string().nullable(),
  /** The full rate on IGST and zero-rated documents, else null. */
  igstRate: z.string().nullable(),
  cessRate: z.string(),
  cessPerUnit: z.string(),
  /** quantity x rate (e-invoice TotAmt). */
  gross: z.string(),
  discountAmount: z.string(),
  /** gross - discount (e-invoice AssAmt). */
  taxableValue: z.string(),
  cgst: z.string(),
  sgst: z.string(),
  igst: z.string(),
  cessAdValorem: z.string(),
  cessNonAdValorem: z.string(),
  cess: z.string(),
  /** Taxable value + tax collected (e-invoice TotItemVal); taxable value only under reverse charge. */
  total: z.string(),
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

/** Sums of the rounded line values (never recomputed on the total). */
export const InvoiceTotals = z.object({
  gross: z.string(),
  discount: z.string(),
  taxableValue: z.string(),
  cgst: z.string(),
  sgst: z.string(),
  igst: z.string(),
  cessAdValorem: z.string(),
  cessNonAdValorem: z.string(),
  cess: z.string(),
  otherCharges: z.string(),
  /** cgst + sgst + igst + cess as shown, including reverse-charge tax the recipient pays. */
  totalTax: z.string(),
  totalBeforeRoundOff: z.string(),
  /** grandTotal - totalBeforeRoundOff; negative when rounded down (e-invoice RndOffAmt). */
  roundOff: z.string(),
  /** Invoice value payable (e-invoice TotInvVal; GSTR-1 `val`). */
  grandTotal: z.string(),
});
export type InvoiceTotals = z.infer<typeof InvoiceTotals>;

/** What the tax engine decided. */
export const TaxDecision = z.object({
  supplyKind: SupplyKind,
  regime: TaxRegime,
  /** Heading of the sgst column: SGST, UTGST, or null (IGST / zero-rated). */
  stateTaxLabel: z.enum(['SGST', 'UTGST']).nullable(),
  isInterState: z.boolean(),
  isZeroRated: z.boolean(),
  /** e-invoice IgstOnIntra = Y. */
  isIgstOnIntra: z.boolean(),
  /** Set when a regime override decided the regime. */
  regimeOverrideReason: z.string().nullable(),
  reverseCharge: z.boolean(),
  placeOfSupply: StateRef,
  /** The supplier's state used for the decision (ours on receivable, the party's on payable documents). */
  supplierState: StateRef,
});
export type TaxDecision = z.infer<typeof TaxDecision>;

/** POST /api/v1/invoices/preview: the computation of a CreateInvoiceInput, nothing saved. */
export const InvoicePreview = z.object({
  tax: TaxDecision,
  lines: z.array(InvoiceLine.omit({ id: true })),
  totals: InvoiceTotals,
  amountInWords: z.string(),
});
export type InvoicePreview = z.infer<typeof InvoicePreview>;

/** E-invoice (IRP) results; all null until an IRN is obtained (filled by the e-invoice integration). */
export const EInvoiceInfo = z.object({
  irn: z.string().nullable(),
  ackNo: z.string().nullable(),
  /** As the IRP returns it: yyyy-MM-dd HH:mm:ss. */
  ackDate: z.string().nullable(),
  /** The signed QR JWS as issued; print it as is. */
  signedQrCode: z.string().nullable(),
  /** ACT / CNL. */
  status: z.string().nullable(),
});
export type EInvoiceInfo = z.infer<typeof EInvoiceInfo>;

/** The e-way bill the portal generated for the document's goods, as imported by the user; all null until then. */
export const EwayBillInfo = z.object({
  /** 12 digits. */
  number: z.string().nullable(),
  /** yyyy-mm-dd */
  date: z.string().nullable(),
  /** yyyy-mm-dd: the last day the e-way bill is valid. */
  validUntil: z.string().nullable(),
  /** The Part B the JSON was last generated with; null before the first generation. */
  partB: SavedEwayBillPartB.nullable(),
});
export type EwayBillInfo = z.infer<typeof EwayBillInfo>;

export const DocumentRef = z.object({
  id: z.number().int(),
  type: InvoiceType,
  number: z.string().nullable(),
  date: z.string(),
  status: InvoiceStatus,
  grandTotal: z.string(),
});
export type DocumentRef = z.infer<typeof DocumentRef>;

/** A full document: GET /api/v1/invoices/{id} and every write's answer. */
export const Invoice = z.object({
  id: z.number().int(),
  type: InvoiceType,
  kind: SalesKind.nullable(),
  direction: InvoiceDirection,
  status: InvoiceStatus,
  /** Null while a draft. Receivable documents take it from our series; payable ones carry the supplier's number. */
  number: z.string().nullable(),
  /** "2025-26", from the document date. */
  financialYear: z.string(),
  date: z.string(),
  dueDate: z.string().nullable(),
  party: PartySnapshot,
  business: BusinessSnapshot,
  tax: TaxDecision,
  roundToRupee: z.boolean(),
  lines: z.array(InvoiceLine),
  totals: InvoiceTotals,
  /** "Rupees ... Only" of the grand total. */
  amountInWords: z.string(),
  /** Notes: the original document; invoices: null. */
  original: DocumentRef.nullable(),
  noteReason: z.string().nullable(),
  /** Credit/debit notes (any status) raised against this document, in date order. */
  relatedNotes: z.array(DocumentRef),
  supplierNumber: z.string().nullable(),
  supplierDate: z.string().nullable(),
  itc: z.object({ eligibility: ItcEligibility, reason: z.string().nullable() }).nullable(),
  exportDetails: z
    .object({
      shippingBillNumber: z.string().nullable(),
      shippingBillDate: z.string().nullable(),
      portCode: z.string().nullable(),
      countryCode: z.string().nullable(),
      currency: z.string().nullable(),
    })
    .nullable(),
  orderId: z.number().int().nullable(),
  notes: z.string().nullable(),
  terms: z.string().nullable(),
  /** Sum of payment allocations (incl. TDS) to this document. */
  amountPaid: z.string(),
  /** Sum of issued credit notes against this document. */
  amountCredited: z.string(),
  /** grandTotal - amountPaid - amountCredited; negative = credit in the party's favour. "0.00" on credit notes. */
  balanceDue: z.string(),
  paymentStatus: PaymentStatus.nullable(),
  isOverdue: z.boolean(),
  einvoice: EInvoiceInfo,
  ewayBill: EwayBillInfo,
  issuedAt: Timestamp.nullable(),
  cancelledAt: Timestamp.nullable(),
  cancelReason: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Invoice = z.infer<typeof Invoice>;

/** A row of the invoice list (no lines). */
export const InvoiceSummary = z.object({
  id: z.number().int(),
  type: InvoiceType,
  kind: SalesKind.nullable(),
  direction: InvoiceDirection,
  status: InvoiceStatus,
  number: z.string().nullable(),
  financialYear: z.string(),
  date: z.string(),
  dueDate: z.string().nullable(),
  party: z.object({ id: z.number().int(), name: z.string(), gstin: z.string().nullable() }),
  placeOfSupply: z.string(),
  regime: TaxRegime,
  taxableValue: z.string(),
  totalTax: z.string(),
  grandTotal: z.string(),
  amountPaid: z.string(),
  amountCredited: z.string(),
  balanceDue: z.string(),
  paymentStatus: PaymentStatus.nullable(),
  isOverdue: z.boolean(),
  originalInvoiceId: z.number().int().nullable(),
  supplierNumber: z.string().nullable(),
  orderId: z.number().int().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type InvoiceSummary = z.infer<typeof InvoiceSummary>;
export const InvoicePage = pageOf(InvoiceSummary);
export type InvoicePage = z.infer<typeof InvoicePage>;

export const ListInvoicesQuery = PageQuery.extend({
  type: InvoiceType.optional(),
  kind: SalesKind.optional(),
  direction: InvoiceDirection.optional(),
  status: InvoiceStatus.optional(),
  paymentStatus: PaymentStatus.optional(),
  partyId: Id.optional(),
  /** Document date from/to, inclusive. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** "true": issued, balance above zero, due date before today. */
  overdue: z.enum(['true', 'false']).optional(),
  orderId: Id.optional(),
  /** "true": issued, payable (not a credit note) and balance above zero: what a payment can be allocated to. */
  open: z.enum(['true', 'false']).optional(),
  /** Document number (prefix) or party name (contains). */
  q: z.string().trim().max(100).optional(),
  /** Only these documents: ids separated by commas, at most 200 (exporting the selected rows). */
  ids: z
    .string()
    .regex(/^[1-9][0-9]{0,14}(,[1-9][0-9]{0,14}){0,199}$/, 'must be up to 200 ids separated by commas')
    .transform((text) => text.split(',').map(Number))
    .optional(),
  sort: z.enum(['date', 'number', 'total', 'balance', 'dueDate']).default('date'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ListInvoicesQuery = z.infer<typeof ListInvoicesQuery>;

// ---- period locks

/** A locked month: no document or payment dated in it may be created, changed, issued or cancelled. */
export const PeriodString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as yyyy-mm');

export const PeriodLock = z.object({
  period: z.string(),
  lockedAt: Timestamp,
  lockedBy: z.object({ id: z.number().int().nullable(), name: z.string().nullable() }),
});
export type PeriodLock = z.infer<typeof PeriodLock>;
export const PeriodLockList = z.object({ items: z.array(PeriodLock) });
export type PeriodLockList = z.infer<typeof PeriodLockList>;

export const LockPeriodInput = z.object({ period: PeriodString });
export type LockPeriodInput = z.infer<typeof LockPeriodInput>;

export const PeriodParams = z.object({ period: PeriodString });

/** DELETE /api/v1/period-locks/{period}: owner/admin only, reason required. */
export const UnlockPeriodInput = z.object({ reason: z.string().trim().max(500) });
export type UnlockPeriodInput = z.infer<typeof UnlockPeriodInput>;

/** Rule 48 copies of a tax invoice: for the recipient, the transporter (services: the supplier), the supplier. */
export const InvoiceCopy = z.enum(['original', 'duplicate', 'triplicate']);
export type InvoiceCopy = z.infer<typeof InvoiceCopy>;

/** GET /api/v1/invoices/{id}/pdf?copies=original,duplicate: the copies to print, in order; default the original. */
export const InvoicePdfQuery = z.object({
  copies: z
    .string()
    .trim()
    .max(100)
    .regex(
      /^(original|duplicate|triplicate)(,(original|duplicate|triplicate))*$/,
      'must list copies separated by commas: original, duplicate, triplicate',
    )
    .optional(),
});
export type InvoicePdfQuery = z.infer<typeof InvoicePdfQuery>;
