import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '@bizdash/domain/permissions';
import type { PartiesTables } from '../../modules/parties/parties.tables';
import type { BusinessSettingsColumns, MastersTables } from '../../modules/masters/masters.tables';
import type { ImportsTables } from '../../modules/imports/imports.tables';
import type { OrdersTables } from '../../modules/orders/orders.tables';
import type { InvoicesTables } from '../../modules/invoices/invoices.tables';
import type { OrderMoneyTables } from '../../modules/order-money/order-money.tables';
import type { JobsTables } from '../jobs/jobs.tables';
import type { EmailTables } from '../../modules/email/email.tables';
import type { BackupTables } from '../../modules/backup/backup.tables';
import type { AccountsTables } from '../../modules/accounts/accounts.tables';
import type { SalesDocumentsTables } from '../../modules/sales-documents/sales-documents.tables';
import type { RecurringTables } from '../../modules/recurring/recurring.tables';

/**
 * The one Kysely database type. Column conventions (see migrations/):
 * - timestamps are ISO-8601 UTC strings (TEXT on SQLite, timestamptz on PostgreSQL, read back as ISO strings);
 * - booleans are written as JS booleans and read as `boolean | number` (SQLite has no boolean type): read them
 *   through `toBool`;
 * - money is integer paise (BIGINT), read as numbers.
 */
export type Bool = boolean | number;

export interface UsersTable {
  id: Generated<number>;
  name: string;
  email: string;
  password_hash: string;
  role: Role;
  is_active: Bool;
  totp_secret: string | null;
  totp_enabled: Bool;
  /** Set for partner logins (a later issue adds the parties table and its foreign key). */
  partner_party_id: number | null;
  password_changed_at: string;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** Set when rotated: the successor's hash and the successor token encrypted, for the refresh grace window. */
  successor_hash: string | null;
  successor_token: string | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  key_hash: string;
  role: Role;
  created_by: number;
  created_at: string;
  last_used_at: string | null;
  last_audited_at: string | null;
  revoked_at: string | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_type: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  /** Canonical JSON of { field: { before, after } }, hashed exactly as stored. */
  changes: string | null;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

export interface BusinessTable extends BusinessSettingsColumns {
  id: number;
  name: string;
  state_code: string;
  gstin: string | null;
  created_at: string;
  updated_at: string;
}

/** Each module declares its tables in `<module>.tables.ts`; this is the one type that joins them. */
export interface DB
  extends
    PartiesTables,
    MastersTables,
    ImportsTables,
    OrdersTables,
    InvoicesTables,
    OrderMoneyTables,
    JobsTables,
    EmailTables,
    BackupTables,
    AccountsTables,
    RecurringTables,
    SalesDocumentsTables {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  api_keys: ApiKeysTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  business: BusinessTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export function toBool(value: Bool | null | undefined): boolean {
  return value === true || value === 1;
}
