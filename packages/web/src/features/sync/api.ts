import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  SyncRecord,
  SyncRecordState,
  SyncTarget,
  SyncTargetKind,
  SyncEventType,
  WebhookDelivery,
} from '@bizdash/contracts/sync';
import { api } from '../../lib/api';

/** Query hooks for Settings → Sync and webhooks. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TargetInput {
  kind: SyncTargetKind;
  name: string;
  events: SyncEventType[];
  isActive: boolean;
  config: Record<string, unknown>;
}

export const syncKeys = {
  all: ['sync'] as const,
  targets: ['sync', 'targets'] as const,
  records: (id: number, state: string, page: number) => ['sync', 'records', id, state, page] as const,
  deliveries: (id: number, page: number) => ['sync', 'deliveries', id, page] as const,
};

export function useSyncTargets() {
  return useQuery({
    queryKey: syncKeys.targets,
    queryFn: ({ signal }) => api.get<{ items: SyncTarget[] }>('/sync/targets', undefined, signal),
    refetchInterval: 10_000,
  });
}

export function useSyncRecords(targetId: number, state: SyncRecordState | '', page: number, pageSize = 50) {
  return useQuery({
    queryKey: syncKeys.records(targetId, state, page),
    queryFn: ({ signal }) =>
      api.get<Page<SyncRecord>>(
        `/sync/targets/${targetId}/records`,
        { page, pageSize, state: state || undefined },
        signal,
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
}

export function useDeliveries(targetId: number, page: number, enabled: boolean, pageSize = 50) {
  return useQuery({
    queryKey: syncKeys.deliveries(targetId, page),
    queryFn: ({ signal }) =>
      api.get<Page<WebhookDelivery>>(`/sync/targets/${targetId}/deliveries`, { page, pageSize }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
    enabled,
  });
}

export function useCreateTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TargetInput) => api.post<SyncTarget>('/sync/targets', input),
    onSettled: () => client.invalidateQueries({ queryKey: syncKeys.all }),
  });
}

export function useUpdateTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: Partial<Omit<TargetInput, 'kind'>> & { id: number }) =>
      api.patch<SyncTarget>(`/sync/targets/${id}`, input),
    onSettled: () => client.invalidateQueries({ queryKey: syncKeys.all }),
  });
}

export function useDeleteTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/sync/targets/${id}`),
    onSettled: () => client.invalidateQueries({ queryKey: syncKeys.all }),
  });
}

export function useReplayDelivery() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ targetId, deliveryId }: { targetId: number; deliveryId: number }) =>
      api.post(`/sync/targets/${targetId}/deliveries/${deliveryId}/replay`),
    onSettled: () => client.invalidateQueries({ queryKey: syncKeys.all }),
  });
}
