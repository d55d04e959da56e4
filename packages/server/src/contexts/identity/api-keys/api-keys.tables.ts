import type { Generated } from 'kysely';
import type { Role } from '@bizdash/domain/permissions';

/** API keys for machine clients (migration 202611230900-create-foundation); only the key's hash is kept. */
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

export interface ApiKeysTables {
  api_keys: ApiKeysTable;
}
