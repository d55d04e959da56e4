import { createContext, use } from 'react';
import type { LoginInput, Me } from '@bizdash/contracts/auth';
import type { Action } from '@bizdash/domain/permissions';

/**
 * - booting: asking the server whether setup is needed and trying the refresh cookie
 * - setup: no owner yet; only /setup is reachable
 * - anonymous: not logged in
 * - authenticated: holds an access token (Me may still be loading)
 * - unreachable: the server did not answer at boot
 */
export type AuthStatus = 'booting' | 'setup' | 'anonymous' | 'authenticated' | 'unreachable';

/** Why the user landed on /login, so the page can say so. */
export type SignedOutReason = 'expired' | 'logged-out' | null;

export interface AuthContextValue {
  status: AuthStatus;
  /** The logged-in user with permissions; undefined until GET /me answers. */
  me: SessionUser | undefined;
  /** For the header; from Me or GET /setup, whichever the server provides. */
  businessName: string | null;
  isMeLoading: boolean;
  meError: unknown;
  refetchMe: () => void;
  signedOutReason: SignedOutReason;
  /** Logs in; throws ApiError (INVALID_CREDENTIALS, TOTP_REQUIRED, TOO_MANY_ATTEMPTS, ...). */
  login: (input: LoginInput) => Promise<void>;
  logout: () => Promise<void>;
  /** After POST /setup succeeded (or was already done): setup is no longer needed. */
  markSetupDone: (businessName?: string) => void;
  retryBoot: () => void;
  /** True when the logged-in user's permissions (from the server) include `action`. */
  can: (action: Action) => boolean;
}

/**
 * GET /me. `business` is read when the server sends it (the header shows the business name); it is not in the
 * Me contract yet.
 */
export type SessionUser = Me & { business?: { name: string } | null };

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = use(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The logged-in user; only for components rendered behind RequireAuth, where Me is loaded. */
export function useMe(): SessionUser {
  const { me } = useAuth();
  if (!me) throw new Error('useMe must be used behind <RequireAuth>');
  return me;
}
