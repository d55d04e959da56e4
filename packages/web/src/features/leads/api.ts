import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LeadPage } from '@bizdash/contracts/public';
import { api } from '../../lib/api';

export interface LeadListParams {
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const leadKeys = {
  all: ['leads'] as const,
  list: (params: LeadListParams) => ['leads', 'list', params] as const,
};

export function useLeads(params: LeadListParams) {
  return useQuery({
    queryKey: leadKeys.list(params),
    queryFn: ({ signal }) => api.get<LeadPage>('/leads', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}
