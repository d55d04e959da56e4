import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatedPublicLink, PublicLink, PublicLinkList } from '@bizdash/contracts/public';
import { api } from '../../lib/api';

/** Where a link hangs: an order's upload links or an invoice's view links. */
export interface LinkTarget {
  kind: 'upload' | 'invoice_view';
  id: number;
}

function basePath(target: LinkTarget): string {
  return target.kind === 'upload' ? `/orders/${target.id}/upload-links` : `/invoices/${target.id}/view-links`;
}

export const publicLinkKeys = {
  list: (target: LinkTarget) => ['public-links', target.kind, target.id] as const,
};

export function usePublicLinks(target: LinkTarget, enabled: boolean) {
  return useQuery({
    queryKey: publicLinkKeys.list(target),
    queryFn: ({ signal }) => api.get<PublicLinkList>(basePath(target), undefined, signal),
    enabled,
  });
}

export function useCreatePublicLink(target: LinkTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (expiresInDays: number) => api.post<CreatedPublicLink>(basePath(target), { expiresInDays }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: publicLinkKeys.list(target) }),
  });
}

export function useRevokePublicLink(target: LinkTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: number) => api.delete<PublicLink>(`${basePath(target)}/${linkId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: publicLinkKeys.list(target) }),
  });
}
