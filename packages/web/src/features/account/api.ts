import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordInput, TotpSetupResult } from '@bizdash/contracts/auth';
import type { ApiKey, CreateApiKeyInput, CreateApiKeyResult } from '@bizdash/contracts/users';
import { ME_QUERY_KEY } from '../../app/auth/auth-provider';
import { api } from '../../lib/api';
import { auditKeys } from '../audit/api';

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<void>('/me/password', input),
  });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => api.post<TotpSetupResult>('/me/totp/setup') });
}

function useRefreshMe() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useTotpEnable() {
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationFn: (code: string) => api.post<void>('/me/totp/enable', { code }),
    onSuccess: refreshMe,
  });
}

export function useTotpDisable() {
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationFn: (password: string) => api.post<void>('/me/totp/disable', { password }),
    onSuccess: refreshMe,
  });
}

export const apiKeyKeys = { all: ['api-keys'] as const };

export function useApiKeys(enabled: boolean) {
  return useQuery({
    queryKey: apiKeyKeys.all,
    queryFn: ({ signal }) => api.get<{ items: ApiKey[] }>('/api-keys', undefined, signal),
    enabled,
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyInput) => api.post<CreateApiKeyResult>('/api-keys', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api-keys/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
