import type { Generated, Selectable } from 'kysely';
import type { Bool } from '../../../platform/db/columns';

/** One GST document. Amounts are integer paise computed by the domain engine at every save. */
export interface InvoicesTable {
  id: Generated<number>;
  type: 'sales' | 'purchase' | 'credit_note' | 'debit_note';
  kind: 'tax_invoice' | 'bill_of_supply' | 'export_invoice' | null;
  direction: 'receivable' | 'payable';
  status: 'draft' | 'issued' | 'cancelled';
  number: string | null;
  /** The number_series document type the number came from; null on payable documents. */
  series: string | null;
  sequence: number | null;
  financial_year: string;
  date: string;
  due_date: string | null;
  party_id: number;
  party_name: string;
  party_gstin: string | null;
  party_state_code: string | null;
  /** JSON PartySnapshot (contracts/invoices). */
  party_snapshot: string;
  business_registration_id: number | null;
  business_gstin: string | null;
  business_state_code: string;
  /** JSON BusinessSnapshot (contracts/invoices). */
  business_snapshot: string;
  place_of_supply: string;
  supplier_state_code: string;
  supply_kind: string;
  regime: 'CGST_SGST' | 'CGST_UTGST' | 'IGST' | 'IGST_ZERO_RATED_LUT';
  is_inter_state: Bool;
  is_zero_rated: Bool;
  is_igst_on_intra: Bool;
  regime_override_reason: string | null;
  reverse_charge: Bool;
  round_to_rupee: Bool;
  original_invoice_id: number | null;
  note_reason: string | null;
  supplier_number: string | null;
  supplier_date: string | null;
  itc_eligibility: 'eligible' | 'ineligible' | 'partial' | null;
  itc_reason: string | null;
  /** JSON export details or null. */
  export_details: string | null;
  order_id: number | null;
  notes: string | null;
  terms: string | null;
  gross_paise: number;
  discount_paise: number;
  taxable_paise: number;
  cgst_paise: number;
  sgst_paise: number;
  igst_paise: number;
  cess_ad_valorem_paise: number;
  cess_non_ad_valorem_paise: number;
  cess_paise: number;
  other_charges_paise: number;
  total_tax_paise: number;
  round_off_paise: number;
  grand_total_paise: number;
  amount_paid_paise: number;
  amount_credited_paise: number;
  balance_due_paise: number;
  payment_status: 'unpaid' | 'partial' | 'paid' | null;
  irn: string | null;
  ack_no: string | null;
  ack_date: string | null;
  signed_qr_code: string | null;
  einvoice_status: string | null;
  /** The e-way bill imported from the portal (migration 202612070600); Part B as JSON text. */
  ewb_number: Generated<string | null>;
  ewb_date: Generated<string | null>;
  ewb_valid_until: Generated<string | null>;
  ewb_part_b: Generated<string | null>;
  issued_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface InvoiceLinesTable {
  id: Generated<number>;
  invoice_id: number;
  position: number;
  item_id: number | null;
  original_line_id: number | null;
  description: string;
  hsn_sac: string;
  quantity_milli: number;
  unit: string;
  rate_paise: number;
  discount_type: 'percent' | 'amount' | null;
  /** Basis points (percent) or paise (amount). */
  discount_value: number | null;
  gst_rate_bp: number;
  cess_rate_bp: number;
  cess_per_unit_paise: number;
  /** 'taxable' | 'nil' | 'exempt' | 'non_gst' (GSTR-1 Table 8; migration 202611231700). */
  taxability: Generated<'taxable' | 'nil' | 'exempt' | 'non_gst'>;
  gross_paise: number;
  discount_paise: number;
  taxable_paise: number;
  cgst_paise: number;
  sgst_paise: number;
  igst_paise: number;
  cess_ad_valorem_paise: number;
  cess_non_ad_valorem_paise: number;
  cess_paise: number;
  total_paise: number;
}

export interface PeriodLocksTable {
  /** yyyy-mm */
  period: string;
  locked_at: string;
  locked_by_id: number | null;
  locked_by_name: string | null;
}

/** Tables of the invoices module, joined into the one DB type in db-schema.ts. */
export interface InvoicesTables {
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  period_locks: PeriodLocksTable;
  logo_versions: LogoVersionsTable;
}

/** A logo an issued document was printed with, by SHA-256; never deleted, so its PDF never changes. */
export interface LogoVersionsTable {
  sha256: string;
  mime: string;
  bytes: Buffer;
  created_at: string;
}

export type InvoiceRow = Selectable<InvoicesTable>;
export type InvoiceLineRow = Selectable<InvoiceLinesTable>;
