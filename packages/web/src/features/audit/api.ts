import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditPage } from '@bizdash/contracts/audit';
import { api } from '../../lib/api';

export interface AuditFilters {
  /** Part of a document number or a party's name. */
  q?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  actorId?: number | undefined;
  action?: string | undefined;
  /** yyyy-mm-dd, inclusive, business timezone. */
  from?: string | undefined;
  to?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters, limit: number) => ['audit', 'list', filters, limit] as const,
};

/** The audit log, newest first, read on with the previous page's cursor. */
export function useAuditLog(filters: AuditFilters, options: { limit?: number; enabled?: boolean } = {}) {
  const limit = options.limit ?? 50;
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters, limit),
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>(
        '/audit',
        {
          q: filters.q,
          entity: filters.entity,
          entityId: filters.entityId,
          actorId: filters.actorId,
          action: filters.action,
          from: filters.from,
          to: filters.to,
          order: filters.order ?? 'desc',
          cursor: pageParam,
          limit,
        },
        signal,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
  });
}
