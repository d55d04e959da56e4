import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserInput, ListUsersQuery, User, UserPage } from '@bizdash/contracts/users';
import type { Role } from '@bizdash/domain/permissions';
import { api } from '../../lib/api';
import { auditKeys } from '../audit/api';

export type UserListParams = Required<Omit<ListUsersQuery, 'q' | 'role'>> & { q?: string; role?: Role };

export const userKeys = {
  all: ['users'] as const,
  list: (params: UserListParams) => ['users', 'list', params] as const,
};

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => api.get<UserPage>('/users', { ...params }, signal),
    // Keep the current rows on screen while the next page or sort loads.
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: userKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.post<User>('/users', input),
    onSuccess: invalidate,
  });
}

export type UserPatch = { role: Role } | { isActive: boolean } | { name: string };

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UserPatch }) => api.patch<User>(`/users/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) =>
      api.post<void>(`/users/${id}/reset-password`, { password }),
    onSuccess: invalidate,
  });
}
