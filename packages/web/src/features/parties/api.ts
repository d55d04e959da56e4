import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatePartyInput,
  Party,
  PartyPage,
  PartyRole,
  PartyWithWarnings,
  UpdatePartyInput,
} from '@bizdash/contracts/parties';
import { api } from '../../lib/api';
import { auditKeys } from '../audit/api';

export interface PartyListParams {
  q?: string;
  role?: PartyRole;
  archived: 'false' | 'true' | 'all';
  sort: 'name' | 'createdAt' | 'updatedAt';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const partyKeys = {
  all: ['parties'] as const,
  list: (params: PartyListParams) => ['parties', 'list', params] as const,
  detail: (id: number) => ['parties', 'detail', id] as const,
  gstin: (gstin: string) => ['gstin', gstin] as const,
};

export function useParties(params: PartyListParams) {
  return useQuery({
    queryKey: partyKeys.list(params),
    queryFn: ({ signal }) => api.get<PartyPage>('/parties', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useParty(id: number) {
  return useQuery({
    queryKey: partyKeys.detail(id),
    queryFn: ({ signal }) => api.get<Party>(`/parties/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

function useInvalidateParties() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: partyKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useCreateParty() {
  const invalidate = useInvalidateParties();
  return useMutation({
    mutationFn: (input: CreatePartyInput) => api.post<PartyWithWarnings>('/parties', input),
    onSuccess: invalidate,
  });
}

export function useUpdateParty() {
  const invalidate = useInvalidateParties();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UpdatePartyInput }) =>
      api.patch<PartyWithWarnings>(`/parties/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useArchiveParty() {
  const invalidate = useInvalidateParties();
  return useMutation({
    mutationFn: (id: number) => api.delete<Party>(`/parties/${id}`),
    onSuccess: invalidate,
  });
}
