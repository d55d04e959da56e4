import type { Generated } from 'kysely';

/** Tables of the public surface (migration 202611231520-create-public). */
export interface LeadsTable {
  id: Generated<number>;
  name: string;
  email: string | null;
  phone: string | null;
  message: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
}

export interface PublicLinksTable {
  id: Generated<number>;
  kind: 'upload' | 'invoice_view';
  /** SHA-256 (hex) of the token; the token itself is shown once, when the link is made. */
  token_hash: string;
  order_id: number | null;
  invoice_id: number | null;
  /** JSON array of order_documents ids (upload links). */
  document_ids: string | null;
  expires_at: string;
  revoked_at: string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  last_used_at: string | null;
  use_count: Generated<number>;
}

export interface PublicTables {
  leads: LeadsTable;
  public_links: PublicLinksTable;
}
