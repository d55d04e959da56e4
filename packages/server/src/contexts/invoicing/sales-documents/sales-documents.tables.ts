import type { Generated } from 'kysely';
import type { Bool } from '../../../platform/db/columns';

/**
 * Quotations, proformas and delivery challans (migration 202612070400). Kept apart from `invoices` on purpose: no
 * invoice query (GSTR-1, ledger posting, receivables) can pick them up. The tax and total columns carry the same
 * names as on `invoices`, so the invoice mapping functions read them unchanged.
 */
export interface SalesDocumentsTable {
  id: Generated<number>;
  kind: 'quotation' | 'proforma' | 'delivery_challan';
  /** Stored status; `expired` is also derived on read from valid_until. */
  status: 'draft' | 'sent' | 'accepted' | 'declined' | 'expired' | 'converted' | 'cancelled';
  number: string;
  series: string;
  sequence: number;
  financial_year: string;
  date: string;
  valid_until: string | null;
  party_id: number;
  party_name: string;
  party_gstin: string | null;
  party_state_code: string | null;
  party_snapshot: string;
  business_registration_id: number | null;
  business_gstin: string | null;
  business_state_code: string;
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
  order_type_id: number | null;
  partner_id: number | null;
  challan_reason: 'job_work' | 'supply_on_approval' | 'supply_of_liquid_gas' | 'other' | null;
  transport: string | null;
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
  /** The (first) invoice made from it. */
  converted_invoice_id: number | null;
  converted_order_id: number | null;
  sent_at: string | null;
  responded_at: string | null;
  response_note: string | null;
  /** Delivery challans: the e-way bill imported from the portal and the Part B last generated with (202612071000). */
  ewb_number: Generated<string | null>;
  ewb_date: Generated<string | null>;
  ewb_valid_until: Generated<string | null>;
  ewb_part_b: Generated<string | null>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface SalesDocumentLinesTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  item_id: number | null;
  original_line_id: number | null;
  description: string;
  hsn_sac: string;
  quantity_milli: number;
  unit: string;
  rate_paise: number;
  discount_type: 'percent' | 'amount' | null;
  discount_value: number | null;
  gst_rate_bp: number;
  cess_rate_bp: number;
  cess_per_unit_paise: number;
  taxability: 'taxable' | 'nil' | 'exempt' | 'non_gst';
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
  /** Quantity invoiced from this line so far (challans convert in parts). */
  converted_quantity_milli: number;
}

/** Every invoice made from a document, with the line quantities it took (JSON {lineId: quantityMilli}). */
export interface SalesDocumentConversionsTable {
  id: Generated<number>;
  document_id: number;
  invoice_id: number;
  quantities: string;
  created_at: string;
}

/** A customer payment received against a proforma: an advance applied to the tax invoice as it is issued. */
export interface SalesDocumentAdvancesTable {
  document_id: number;
  payment_id: number;
  created_at: string;
}

/** Public view links of quotations and proformas; tokens kept as SHA-256 hashes like public_links. */
export interface SalesDocumentLinksTable {
  id: Generated<number>;
  document_id: number;
  token_hash: string;
  expires_at: string;
  revoked_at: string | null;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
}

export type SalesDocumentsTables = {
  sales_documents: SalesDocumentsTable;
  sales_document_lines: SalesDocumentLinesTable;
  sales_document_conversions: SalesDocumentConversionsTable;
  sales_document_advances: SalesDocumentAdvancesTable;
  sales_document_links: SalesDocumentLinksTable;
};
