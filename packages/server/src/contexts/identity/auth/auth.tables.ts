/** Tables of sign-in: sessions, their refresh tokens and login throttling (migration 202611230900-create-foundation). */
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

export interface AuthThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface AuthTables {
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  auth_throttle: AuthThrottleTable;
}
