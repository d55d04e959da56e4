import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { LoginInput, LoginResult, SetupStatus } from '@bizdash/contracts/auth';
import type { Action } from '@bizdash/domain/permissions';
import { api, apiRequest, clearSession, isApiError, onSessionExpired, refreshSession, setSession } from '../../lib/api';
import {
  AuthContext,
  type AuthContextValue,
  type SessionUser,
  type AuthStatus,
  type SignedOutReason,
} from './auth-context';

export const ME_QUERY_KEY = ['me'] as const;

/** GET /setup; `businessName` is read when the server sends it (it is not in the SetupStatus contract yet). */
type SetupStatusWithName = SetupStatus & { businessName?: string | null };

async function boot(): Promise<{ status: AuthStatus; businessName: string | null }> {
  let businessName: string | null = null;
  try {
    const setup = await apiRequest<SetupStatusWithName>('/setup', { skipRefresh: true });
    if (setup.needsSetup) return { status: 'setup', businessName: null };
    businessName = setup.businessName ?? null;
  } catch (error) {
    if (!isApiError(error) || error.status === 0 || error.status >= 500) return { status: 'unreachable', businessName };
    // Any other answer means the server is up; fall through to the refresh cookie.
  }
  const session = await refreshSession();
  return { status: session ? 'authenticated' : 'anonymous', businessName };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [status, setStatus] = useState<AuthStatus>('booting');
  const [signedOutReason, setSignedOutReason] = useState<SignedOutReason>(null);
  const [bootAttempt, setBootAttempt] = useState(0);
  const [bootBusinessName, setBootBusinessName] = useState<string | null>(null);
  const bootedFor = useRef(-1);

  useEffect(() => {
    // Boot once per attempt, even under StrictMode's double effects: a second refresh would rotate the token twice.
    if (bootedFor.current === bootAttempt) return;
    bootedFor.current = bootAttempt;
    boot()
      .then((result) => {
        setBootBusinessName(result.businessName);
        setStatus(result.status);
      })
      .catch(() => setStatus('unreachable'));
  }, [bootAttempt]);

  useEffect(() => {
    onSessionExpired(() => {
      queryClient.clear();
      setSignedOutReason('expired');
      setStatus('anonymous');
    });
    return () => onSessionExpired(undefined);
  }, [queryClient]);

  const meQuery = useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => api.get<SessionUser>('/me', undefined, signal),
    enabled: status === 'authenticated',
    staleTime: 60_000,
  });

  const login = useCallback(
    async (input: LoginInput) => {
      const result = await api.post<LoginResult>('/auth/login', input, { skipRefresh: true });
      queryClient.clear(); // nothing cached for a previous user may leak into this session
      setSession(result);
      setSignedOutReason(null);
      setStatus('authenticated');
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout', undefined, { skipRefresh: true });
    } catch {
      // Logging out locally matters more than the server hearing about it; the refresh token expires anyway.
    }
    clearSession();
    queryClient.clear();
    setSignedOutReason('logged-out');
    // A deliberate log-out forgets the current page: the next person to log in starts at their own home.
    void navigate('/login', { replace: true });
    setStatus('anonymous');
  }, [queryClient, navigate]);

  const markSetupDone = useCallback((name?: string) => {
    if (name) setBootBusinessName(name);
    setStatus((current) => (current === 'setup' ? 'anonymous' : current));
  }, []);
  const retryBoot = useCallback(() => {
    setStatus('booting');
    setBootAttempt((n) => n + 1);
  }, []);
  const { refetch } = meQuery;
  const refetchMe = useCallback(() => void refetch(), [refetch]);

  const me = status === 'authenticated' ? meQuery.data : undefined;
  const businessName = me?.business?.name ?? bootBusinessName;
  const permissions = useMemo(() => new Set<Action>(me?.permissions ?? []), [me]);
  const can = useCallback((action: Action) => permissions.has(action), [permissions]);

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      me,
      businessName,
      isMeLoading: status === 'authenticated' && meQuery.isPending,
      meError: meQuery.error,
      refetchMe,
      signedOutReason,
      login,
      logout,
      markSetupDone,
      retryBoot,
      can,
    }),
    [
      status,
      me,
      businessName,
      meQuery.isPending,
      meQuery.error,
      refetchMe,
      signedOutReason,
      login,
      logout,
      markSetupDone,
      retryBoot,
      can,
    ],
  );

  return <AuthContext value={value}>{children}</AuthContext>;
}
