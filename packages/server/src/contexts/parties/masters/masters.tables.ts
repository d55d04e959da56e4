import type { Generated, Selectable } from 'kysely';
import type { Bool } from '../../../platform/db/columns';

export interface RegistrarsTable {
  id: Generated<number>;
  name: string;
  email: string | null;
  address: string | null;
  website: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CompaniesTable {
  id: Generated<number>;
  name: string;
  cin: string | null;
  isin: string | null;
  registrar_id: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DocumentTypesTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrderTypesTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  default_fee_paise: number;
  base_charge_paise: number;
  sac_code: string | null;
  gst_rate_bp: number;
  turnaround_days: number | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrderTypeDocumentsTable {
  order_type_id: number;
  document_type_id: number;
  /** 1-based order in which the documents are asked for. */
  position: number;
}

export interface ItemsTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  kind: 'goods' | 'services';
  hsn_sac: string;
  uqc: string;
  gst_rate_bp: number;
  cess_rate_bp: number;
  cess_per_unit_paise: number;
  /** 'taxable' | 'nil' | 'exempt' | 'non_gst' (migration 202611231700). */
  taxability: Generated<'taxable' | 'nil' | 'exempt' | 'non_gst'>;
  sale_price_paise: number | null;
  purchase_price_paise: number | null;
  is_active: Bool;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface BusinessRegistrationsTable {
  id: Generated<number>;
  gstin: string;
  state_code: string;
  trade_name: string | null;
  address: string | null;
  is_primary: Bool;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface NumberSeriesTable {
  id: Generated<number>;
  /** The GST registration the series numbers for (Rule 46(b): one series per GSTIN); '' while the business has none. */
  gstin: Generated<string>;
  document_type: string;
  financial_year: string;
  template: string;
  next_sequence: number;
  created_at: string;
  updated_at: string;
}

/** Tables of the masters module (registrars, companies, document types, order types, items, business settings). */
export interface MastersTables {
  registrars: RegistrarsTable;
  companies: CompaniesTable;
  document_types: DocumentTypesTable;
  order_types: OrderTypesTable;
  order_type_documents: OrderTypeDocumentsTable;
  items: ItemsTable;
  business_registrations: BusinessRegistrationsTable;
  number_series: NumberSeriesTable;
  business_logo: BusinessLogoTable;
}

/** The one logo printed on documents (id is always 1). */
export interface BusinessLogoTable {
  id: number;
  mime: string;
  bytes: Buffer;
  sha256: string;
  updated_at: string;
}

export type RegistrarRow = Selectable<RegistrarsTable>;
export type CompanyRow = Selectable<CompaniesTable>;
export type DocumentTypeRow = Selectable<DocumentTypesTable>;
export type OrderTypeRow = Selectable<OrderTypesTable>;
export type ItemRow = Selectable<ItemsTable>;
export type BusinessRegistrationRow = Selectable<BusinessRegistrationsTable>;
export type NumberSeriesRow = Selectable<NumberSeriesTable>;

/** Settings columns the masters migration adds to the one-row `business` table (joined into BusinessTable). */
export interface BusinessSettingsColumns {
  legal_name: string | null;
  trade_name: string | null;
  pan: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  pin: string | null;
  bank_account_name: string | null;
  bank_account_number: string | null;
  bank_ifsc: string | null;
  bank_name: string | null;
  bank_branch: string | null;
  upi_id: string | null;
  /** Letter of Undertaking for zero-rated supplies without IGST (migration 202612070300): ARN and date. */
  lut_number: Generated<string | null>;
  lut_date: Generated<string | null>;
  /** Consignment value (paise) from which an e-way bill is needed (migration 202612070600); ₹50,000 by default. */
  ewb_threshold_paise: Generated<number>;
  invoice_terms: string | null;
  signatory_name: string | null;
  /** The SHA-256 of the current logo (business_logo), so its URL changes when the picture does. */
  logo_key: string | null;
  timezone: Generated<string>;
  fy_start_month: Generated<number>;
  /** How a partner's share is based: contracted fees, or receipts collected (capped at the amount due). */
  settlement_basis: Generated<'contracted' | 'collected'>;
}
