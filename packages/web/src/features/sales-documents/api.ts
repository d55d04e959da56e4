import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Invoice } from '@bizdash/contracts/invoices';
import type { OrderDetail } from '@bizdash/contracts/orders';
import type {
  ConvertToInvoiceInput,
  CreateSalesDocumentInput,
  RecordAdvanceInput,
  SalesDocument,
  SalesDocumentKind,
  SalesDocumentLink,
  SalesDocumentPage,
  SalesDocumentStatus,
  SetSalesDocumentStatusInput,
} from '@bizdash/contracts/sales-documents';
import { api } from '../../lib/api';

export interface SalesDocumentListParams {
  kind: SalesDocumentKind;
  status?: SalesDocumentStatus | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const salesDocumentKeys = {
  all: ['sales-documents'] as const,
  list: (params: SalesDocumentListParams) => ['sales-documents', 'list', params] as const,
  detail: (id: number) => ['sales-documents', 'detail', id] as const,
};

export function useSalesDocuments(params: SalesDocumentListParams) {
  return useQuery({
    queryKey: salesDocumentKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<SalesDocumentPage>(
        '/sales-documents',
        { ...params, status: params.status, q: params.q || undefined },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSalesDocument(id: number | null) {
  return useQuery({
    queryKey: salesDocumentKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<SalesDocument>(`/sales-documents/${id}`, undefined, signal),
    enabled: id !== null && Number.isInteger(id) && id > 0,
  });
}

/** Every write answers the document (or what it became); the lists and the invoices refresh. */
function useRefresh() {
  const client = useQueryClient();
  return (doc?: SalesDocument) => {
    if (doc) client.setQueryData(salesDocumentKeys.detail(doc.id), doc);
    void client.invalidateQueries({ queryKey: salesDocumentKeys.all });
    void client.invalidateQueries({ queryKey: ['invoices'] });
  };
}

export function useSaveSalesDocument() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: CreateSalesDocumentInput }) => {
      if (id === null) return api.post<SalesDocument>('/sales-documents', input);
      const { kind: _kind, ...rest } = input;
      return api.put<SalesDocument>(`/sales-documents/${id}`, rest);
    },
    onSuccess: (doc) => refresh(doc),
  });
}

export function useSetSalesDocumentStatus(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: SetSalesDocumentStatusInput) => api.post<SalesDocument>(`/sales-documents/${id}/status`, input),
    onSuccess: (doc) => refresh(doc),
  });
}

export function useCreateSalesDocumentLink(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => api.post<SalesDocumentLink>(`/sales-documents/${id}/link`, { expiresInDays: 15 }),
    onSuccess: () => refresh(),
  });
}

export function useConvertToInvoice(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ConvertToInvoiceInput) => api.post<Invoice>(`/sales-documents/${id}/convert-to-invoice`, input),
    onSuccess: () => refresh(),
  });
}

export function useConvertToOrder(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => api.post<OrderDetail>(`/sales-documents/${id}/convert-to-order`, {}),
    onSuccess: () => refresh(),
  });
}

export function useRecordAdvance(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: RecordAdvanceInput) => api.post<SalesDocument>(`/sales-documents/${id}/advances`, input),
    onSuccess: (doc) => refresh(doc),
  });
}
