import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '@bizdash/domain/permissions';
import type { Bool } from '../../../platform/db/columns';

/** Staff and partner logins (migration 202611230900-create-foundation). */
export interface UsersTable {
  id: Generated<number>;
  name: string;
  email: string;
  password_hash: string;
  role: Role;
  is_active: Bool;
  totp_secret: string | null;
  totp_enabled: Bool;
  /**
   * Set for partner logins: the party the partner is. References parties(id), enforced from migration
   * 202612080100-users-partner-party-fk (a PostgreSQL foreign key; triggers on SQLite); a party a login points at
   * cannot be deleted.
   */
  partner_party_id: number | null;
  password_changed_at: string;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTables {
  users: UsersTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
