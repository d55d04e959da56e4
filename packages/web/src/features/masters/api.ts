import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DocumentTypePage, RegistrarPage } from '@bizdash/contracts/masters';
import { api, type QueryValue } from '../../lib/api';
import { auditKeys } from '../audit/api';

/** The master-data collections under /api/v1. */
export type MasterResource = 'registrars' | 'companies' | 'document-types' | 'order-types' | 'items';

export interface MasterListParams {
  q?: string;
  archived: 'false' | 'true' | 'all';
  sort: string;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
  /** Resource-specific filters (items: kind, active). */
  extra?: Record<string, string>;
}

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const masterKeys = {
  all: (resource: MasterResource) => ['masters', resource] as const,
  list: (resource: MasterResource, params: MasterListParams) => ['masters', resource, 'list', params] as const,
  options: (resource: MasterResource) => ['masters', resource, 'options'] as const,
};

export function useMasterList<T>(resource: MasterResource, params: MasterListParams) {
  return useQuery({
    queryKey: masterKeys.list(resource, params),
    queryFn: ({ signal }) => {
      const { extra, ...rest } = params;
      const query: Record<string, QueryValue> = { ...rest, ...extra };
      return api.get<PageOf<T>>(`/${resource}`, query, signal);
    },
    placeholderData: keepPreviousData,
  });
}

/** Live records of a small master for a select (registrars on a company, document types on an order type). */
export function useMasterOptions(resource: 'registrars' | 'document-types', enabled = true) {
  return useQuery({
    queryKey: masterKeys.options(resource),
    queryFn: ({ signal }) =>
      api.get<RegistrarPage | DocumentTypePage>(`/${resource}`, { pageSize: 200, archived: 'false' }, signal),
    enabled,
    select: (page) => page.items.map((row) => ({ value: String(row.id), label: row.name })),
  });
}

/** Every master list: companies show their registrar's name, order types their documents' names. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['masters'] }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useSaveMaster<TRecord, TInput>(resource: MasterResource) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: TInput }) =>
      id === null ? api.post<TRecord>(`/${resource}`, input) : api.patch<TRecord>(`/${resource}/${id}`, input),
    onSuccess: invalidate,
  });
}

export function useArchiveMaster(resource: MasterResource) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/${resource}/${id}`),
    onSuccess: invalidate,
  });
}
