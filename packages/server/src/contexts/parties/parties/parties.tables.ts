import type { Generated } from 'kysely';
import type { Bool } from '../../../platform/db/columns';

/** One party: a client, supplier and/or partner. JSON-ish fields are stored as JSON text on both dialects. */
export interface PartiesTable {
  id: Generated<number>;
  name: string;
  legal_name: string | null;
  kind: string;
  is_client: Bool;
  is_supplier: Bool;
  is_partner: Bool;
  /** JSON arrays of strings. */
  emails: string;
  phones: string;
  tags: string;
  /** JSON Address objects or null. */
  billing_address: string | null;
  shipping_address: string | null;
  /** ISO 3166-1 alpha-2; IN unless the party is outside India (issue 15). */
  country_code: Generated<string>;
  /** JSON ForeignAddress (lines, postal code) of a party outside India, else null. */
  foreign_address: string | null;
  gstin: string | null;
  pan: string | null;
  gst_registration_type: string;
  payment_terms_days: number | null;
  credit_limit_paise: number | null;
  /** Signed opening balance (positive: the party owes the business), posted to the book (issue 14). */
  opening_balance_paise: Generated<number>;
  opening_balance_on: Generated<string | null>;
  notes: string | null;
  /** Partner default revenue share in basis points (4000 = 40.00 %). */
  revenue_share_bp: number | null;
  /** JSON Payout object or null. */
  payout: string | null;
  /** Opt-in to overdue-payment reminder emails (issue 8). */
  email_reminders: Generated<Bool>;
  /** Lower-cased name, legal name, GSTIN, emails, phones: what `q` searches (trigram-indexed). */
  search_text: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Emails and phones one row each, so duplicate checks are an index lookup. */
export interface PartyContactsTable {
  party_id: number;
  kind: 'email' | 'phone';
  value: string;
}

/** Answers of the GSTIN lookup provider, kept 30 days. */
export interface GstinLookupCacheTable {
  gstin: string;
  /** JSON GstinRegistration. */
  details: string;
  fetched_at: string;
}

/** Tables of the parties module (party records, their search index, the GSTIN lookup cache). */
export interface PartiesTables {
  parties: PartiesTable;
  party_contacts: PartyContactsTable;
  gstin_lookup_cache: GstinLookupCacheTable;
}
