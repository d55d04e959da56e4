import type { Paise } from '@bizdash/domain/money';

/** The rows the GSTR-1 queries hand to the builder: amounts in paise, already aggregated in SQL. */

/** GSTR-1 sections a document line can land in. B2CS is summarised separately (B2csRow). */
export type DocumentSection = 'b2b' | 'b2cl' | 'exp' | 'cdnr' | 'cdnur';

export interface TaxSums {
  taxable: Paise;
  igst: Paise;
  cgst: Paise;
  sgst: Paise;
  cess: Paise;
}

/** One issued document at one GST rate, with the document's header fields repeated. */
export interface DocumentRateRow extends TaxSums {
  section: DocumentSection;
  id: number;
  type: 'sales' | 'credit_note' | 'debit_note';
  number: string;
  /** yyyy-mm-dd */
  date: string;
  grandTotal: Paise;
  placeOfSupply: string;
  reverseCharge: boolean;
  supplyKind: string;
  /** IGST documents report iamt; CGST+SGST/UTGST documents camt and samt. */
  isIgst: boolean;
  partyGstin: string | null;
  partyName: string;
  /** cdnur only: the supply kind of the invoice the note adjusts (B2C inter-state above the limit, or export). */
  originalSupplyKind: string | null;
  shippingBillNumber: string | null;
  shippingBillDate: string | null;
  portCode: string | null;
  rateBp: number;
}

/** A B2CS bucket; credit notes already subtracted in SQL. */
export interface B2csRow extends TaxSums {
  isInterState: boolean;
  placeOfSupply: string;
  rateBp: number;
}

export interface HsnRow extends TaxSums {
  /** Supplies to registered persons (b2b, cdnr) go to hsn_b2b from May 2025; the rest to hsn_b2c. */
  isB2b: boolean;
  hsn: string;
  uqc: string;
  rateBp: number;
  quantityMilli: number;
  description: string | null;
}

/** How a line's value is reported outside Tables 4–7 (GSTR-1 Table 8). */
export type NilKind = 'nil' | 'exempt' | 'non_gst';

/** Table 8: one supply type and kind, credit notes already subtracted in SQL. */
export interface NilRow {
  isInterState: boolean;
  /** The recipient holds a GSTIN (B2B, SEZ, deemed export). */
  isRegistered: boolean;
  kind: NilKind;
  amount: Paise;
}

/** One numbered outward document of the GSTIN in the period (issued or cancelled), for Table 13. */
export interface DocumentNumberRow {
  /** GSTN document nature: 1 invoices for outward supply, 4 debit notes, 5 credit notes. */
  nature: 1 | 4 | 5;
  number: string;
  cancelled: boolean;
}
