import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  RecurringProfileDetail,
  RecurringProfilePage,
  RecurringTickResult,
  SaveRecurringProfileInput,
} from '@bizdash/contracts/recurring';
import { api } from '../../lib/api';
import { invoiceKeys } from '../invoices/api';

export const recurringKeys = {
  all: ['recurring'] as const,
  list: (page: number, q: string) => ['recurring', 'list', page, q] as const,
  detail: (id: number) => ['recurring', 'detail', id] as const,
};

export function useRecurringProfiles(page: number, q: string) {
  return useQuery({
    queryKey: recurringKeys.list(page, q),
    queryFn: ({ signal }) =>
      api.get<RecurringProfilePage>('/recurring-invoices', { page, pageSize: 50, q: q || undefined }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRecurringProfile(id: number | null) {
  return useQuery({
    queryKey: recurringKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<RecurringProfileDetail>(`/recurring-invoices/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useSaveRecurringProfile(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveRecurringProfileInput) =>
      id === null
        ? api.post<RecurringProfileDetail>('/recurring-invoices', input)
        : api.put<RecurringProfileDetail>(`/recurring-invoices/${id}`, input),
    onSuccess: (saved) => {
      client.setQueryData(recurringKeys.detail(saved.id), saved);
      void client.invalidateQueries({ queryKey: ['recurring', 'list'] });
    },
  });
}

export function useDeleteRecurringProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/recurring-invoices/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: recurringKeys.all }),
  });
}

/** Runs every due profile now (what the daily job does at 06:00). */
export function useRunRecurringNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RecurringTickResult>('/recurring-invoices/run'),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: recurringKeys.all });
      void client.invalidateQueries({ queryKey: invoiceKeys.all });
    },
  });
}
