import type { InvoiceTotals } from '@bizdash/domain/gst/compute-invoice';
import type { StateTaxLabel, SupplyKind, TaxRegime } from '@bizdash/domain/gst/regime';
import type { Paise } from '@bizdash/domain/money';

/**
 * Everything a printed or e-invoiced GST document needs, already resolved (names, addresses, computed amounts in
 * paise). The PDF and the e-invoice JSON are built from this one shape, so they cannot disagree; a mapper builds it
 * from the stored invoice, the business settings and the party.
 */
export interface DocumentParty {
  name: string;
  legalName: string | null;
  address: {
    line1: string | null;
    line2: string | null;
    city: string | null;
    pin: string | null;
    /** Two-digit GST state code; "96" for a place outside India. */
    stateCode: string | null;
    /**
     * ISO 3166 alpha-2 country of an address outside India, printed by name (Rule 46 for exports: the recipient's
     * address and the country of destination). Absent or null: India.
     */
    countryCode?: string | null;
  } | null;
  /**
   * A party outside India: its address as that country writes it (free-form lines, postal code, country), printed
   * instead of `address` (Rule 46 for exports). Absent or null: an address in India.
   */
  foreignAddress?: {
    lines: readonly string[];
    postalCode: string | null;
    countryCode: string;
    countryName: string;
  } | null;
  gstin: string | null;
  pan: string | null;
  phone: string | null;
  email: string | null;
}

export interface DocumentLine {
  description: string;
  hsn: string;
  /** SAC codes start with 99 (e-invoice IsServc). */
  isService: boolean;
  /** Decimal string as entered, e.g. "2.5". */
  quantity: string;
  /** The same quantity in thousandths (domain QTY_SCALE), for exact sums. */
  quantityMilli: number;
  /** UQC code, e.g. NOS, KGS; OTH for services. */
  unit: string;
  unitPrice: Paise;
  gross: Paise;
  discount: Paise;
  taxableValue: Paise;
  gstRateBp: number;
  cgst: Paise;
  sgst: Paise;
  igst: Paise;
  cessRateBp: number;
  cess: Paise;
  cessNonAdValorem: Paise;
  /** Non-ad-valorem cess per unit of `unit` (e.g. ₹2,076 per thousand sticks); absent or 0: none. */
  cessPerUnit?: Paise;
  lineTotal: Paise;
}

export type DocumentKind = 'invoice' | 'bill_of_supply' | 'credit_note' | 'debit_note';

export interface IrnDetails {
  irn: string;
  ackNo: string;
  /** As the IRP sent it: "yyyy-MM-dd HH:mm:ss" (IST). */
  ackDate: string;
  signedQrCode: string;
}

export interface InvoiceDocument {
  kind: DocumentKind;
  number: string;
  /** yyyy-mm-dd */
  date: string;
  dueDate: string | null;
  isCancelled: boolean;
  /** Drafts print with a DRAFT watermark and are never e-invoiced. */
  isDraft: boolean;
  supplyKind: SupplyKind;
  regime: TaxRegime;
  stateTaxLabel: StateTaxLabel | null;
  reverseCharge: boolean;
  /** IGST charged on an intra-state supply (IGST Act s.15; e-invoice IgstOnIntra). */
  isIgstOnIntra: boolean;
  supplier: DocumentParty;
  recipient: DocumentParty;
  /** Delivery address when it differs from the billing address (Rule 46(o)). */
  shipTo: DocumentParty | null;
  /** Two-digit place-of-supply code. */
  placeOfSupply: string;
  lines: DocumentLine[];
  totals: InvoiceTotals;
  /** Invoices a credit or debit note adjusts (Rule 53(1A)). */
  originalInvoices: { number: string; date: string }[];
  notes: string | null;
  terms: string | null;
  signatoryName: string | null;
  bank: {
    accountName: string | null;
    accountNumber: string | null;
    ifsc: string | null;
    bankName: string | null;
    branch: string | null;
  } | null;
  upiId: string | null;
  irn: IrnDetails | null;
  /** Export details for exports (shipping bill, port). */
  export: {
    shippingBillNo: string | null;
    shippingBillDate: string | null;
    portCode: string | null;
    countryCode: string | null;
    currency: string | null;
  } | null;
  /**
   * The Letter of Undertaking (business settings) a zero-rated supply without IGST is made under; printed on
   * EXPWOP/SEZWOP documents dated in its financial year. Absent or null: none on file.
   */
  lut?: { number: string | null; date: string | null } | null;
  /** The e-way bill for the goods, printed in the IRN strip; absent or null: none recorded. */
  ewayBill?: { number: string; validUntil: string } | null;
  /** When the document was issued (or created, for drafts): the PDF's fixed creation date. */
  issuedAt: Date;
  /** PNG/JPEG printed in the letterhead (see invoice-logo.ts for which one); absent: none. */
  logo?: Buffer | null;
  /**
   * A document in the invoice layout that is not a tax invoice (quotation, proforma, delivery challan): its title,
   * the label of its number, extra letterhead lines and a statement printed above the notes. Absent: a GST document.
   */
  variant?: {
    title: string;
    numberLabel: string;
    meta: [string, string][];
    statement: string | null;
    /** The recipient block's heading ("Consignee" on a delivery challan); default "Bill to (recipient)". */
    recipientHeading?: string;
  } | null;
}

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  invoice: 'Tax Invoice',
  bill_of_supply: 'Bill of Supply',
  credit_note: 'Credit Note',
  debit_note: 'Debit Note',
};
