import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportIrpResponseInput } from '@bizdash/contracts/einvoice';
import type { EwayBillFile, GenerateEwayBillInput, ImportEwayBillInput } from '@bizdash/contracts/ewaybill';
import type {
  CancelInvoiceInput,
  CreateInvoiceInput,
  Invoice,
  InvoicePage,
  InvoiceStatus,
  InvoiceType,
  PaymentStatus,
  PeriodLock,
  PeriodLockList,
  UpdateInvoiceInput,
} from '@bizdash/contracts/invoices';
import type { Item, ItemPage } from '@bizdash/contracts/masters';
import type { Party, PartyPage } from '@bizdash/contracts/parties';
import type {
  AgeingReport,
  AllocationInput,
  CreatePaymentInput,
  PartyLedger,
  Payment,
  PaymentDirection,
  PaymentPage,
} from '@bizdash/contracts/payments';
import type { Gstr1Return, Gstr3bReturn } from '@bizdash/contracts/returns';
import type { BusinessSettings } from '@bizdash/contracts/settings';
import { api, apiBlob, apiRequest, downloadFile as saveFile, type QueryValue } from '../../lib/api';
import { auditKeys } from '../audit/api';

export interface InvoiceListParams {
  type?: InvoiceType;
  status?: InvoiceStatus;
  paymentStatus?: PaymentStatus;
  partyId?: number;
  from?: string;
  to?: string;
  overdue?: 'true';
  q?: string;
  sort: 'date' | 'number' | 'total' | 'balance' | 'dueDate';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface PaymentListParams {
  direction?: PaymentDirection;
  partyId?: number;
  unallocated?: 'true';
  q?: string;
  sort: 'date' | 'amount';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const invoiceKeys = {
  all: ['invoices'] as const,
  list: (params: InvoiceListParams) => ['invoices', 'list', params] as const,
  open: (partyId: number, direction: string) => ['invoices', 'open', partyId, direction] as const,
  detail: (id: number) => ['invoices', 'detail', id] as const,
  payments: (id: number) => ['invoices', 'payments', id] as const,
};

export const moneyKeys = {
  all: ['money'] as const,
  payments: (params: PaymentListParams) => ['money', 'payments', params] as const,
  payment: (id: number) => ['money', 'payment', id] as const,
  ageing: (direction: string) => ['money', 'ageing', direction] as const,
  ledger: (partyId: number, from: string | null, to: string | null) => ['money', 'ledger', partyId, from, to] as const,
};

export const gstKeys = {
  all: ['gst'] as const,
  gstr1: (period: string) => ['gst', 'gstr1', period] as const,
  gstr3b: (period: string) => ['gst', 'gstr3b', period] as const,
  locks: ['gst', 'locks'] as const,
};

// ---- invoices

export function useInvoices(params: InvoiceListParams) {
  return useQuery({
    queryKey: invoiceKeys.list(params),
    queryFn: ({ signal }) => api.get<InvoicePage>('/invoices', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useInvoice(id: number | null) {
  return useQuery({
    queryKey: invoiceKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<Invoice>(`/invoices/${id}`, undefined, signal),
    enabled: id !== null && Number.isInteger(id) && id > 0,
  });
}

/** Issued documents of a party with a balance: what a payment can be allocated to. */
export function useOpenInvoices(partyId: number | null, direction: 'receivable' | 'payable') {
  return useQuery({
    queryKey: invoiceKeys.open(partyId ?? 0, direction),
    queryFn: ({ signal }) =>
      api.get<InvoicePage>(
        '/invoices',
        { partyId, direction, open: 'true', sort: 'dueDate', order: 'asc', pageSize: 200 },
        signal,
      ),
    enabled: partyId !== null,
  });
}

/** Payments allocated to one document, each with the amount allocated to it. */
export function useInvoicePayments(invoice: Invoice | undefined) {
  return useQuery({
    queryKey: invoiceKeys.payments(invoice?.id ?? 0),
    queryFn: async ({ signal }) => {
      if (!invoice) return [];
      const page = await api.get<PaymentPage>(
        '/payments',
        { invoiceId: invoice.id, pageSize: 200, sort: 'date', order: 'desc' },
        signal,
      );
      const full = await Promise.all(page.items.map((p) => api.get<Payment>(`/payments/${p.id}`, undefined, signal)));
      return full.flatMap((p) => {
        const allocation = p.allocations.find((a) => a.invoiceId === invoice.id);
        return allocation ? [{ payment: p, amount: allocation.amount }] : [];
      });
    },
    enabled: invoice !== undefined && invoice.status === 'issued' && invoice.amountPaid !== '0.00',
  });
}

function useInvalidateMoney() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: invoiceKeys.all }),
      queryClient.invalidateQueries({ queryKey: moneyKeys.all }),
      queryClient.invalidateQueries({ queryKey: gstKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useSaveInvoice() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: CreateInvoiceInput }) => {
      if (id === null) return api.post<Invoice>('/invoices', input);
      const { type: _type, ...rest } = input;
      const update: UpdateInvoiceInput = rest;
      return api.put<Invoice>(`/invoices/${id}`, update);
    },
    onSuccess: invalidate,
  });
}

export function useIssueInvoice() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    // allowBackdated: the explicit, audited override of "numbers follow dates" (409 BACKDATED_ISSUE without it).
    mutationFn: ({ id, allowBackdated = false }: { id: number; allowBackdated?: boolean }) =>
      api.post<Invoice>(`/invoices/${id}/issue`, allowBackdated ? { allowBackdated: true } : undefined),
    onSuccess: invalidate,
  });
}

export function useCancelInvoice() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: CancelInvoiceInput }) =>
      api.post<Invoice>(`/invoices/${id}/cancel`, input),
    onSuccess: invalidate,
  });
}

export function useDeleteInvoice() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/invoices/${id}`),
    onSuccess: invalidate,
  });
}

export function useImportIrpResponse() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ImportIrpResponseInput }) =>
      api.post<Invoice>(`/invoices/${id}/einvoice/response`, body),
    onSuccess: invalidate,
  });
}

/** Where a document with an e-way bill lives: invoices, or delivery challans among the sales documents. */
export type EwayBillEndpoint = 'invoices' | 'sales-documents';

/** The portal's bulk-generation JSON for a document's goods (409 below the threshold unless `force`). */
export function useGenerateEwayBill(endpoint: EwayBillEndpoint = 'invoices') {
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: GenerateEwayBillInput }) =>
      api.post<EwayBillFile>(`/${endpoint}/${id}/ewaybill`, body),
  });
}

/** Records the e-way bill number, date and validity the portal generated. */
export function useImportEwayBill(endpoint: EwayBillEndpoint = 'invoices') {
  const invalidate = useInvalidateMoney();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ImportEwayBillInput }) =>
      api.post<unknown>(`/${endpoint}/${id}/ewaybill/import`, body),
    onSuccess: () => (endpoint === 'invoices' ? invalidate() : queryClient.invalidateQueries({ queryKey: [endpoint] })),
  });
}

// ---- master data for the editor

export function useBusiness() {
  return useQuery({
    queryKey: ['settings', 'business'],
    queryFn: ({ signal }) => api.get<BusinessSettings>('/settings/business', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function usePartySearch(q: string, role: 'client' | 'supplier' | null) {
  return useQuery({
    queryKey: ['parties', 'picker', q, role],
    queryFn: ({ signal }) =>
      api.get<PartyPage>('/parties', { q: q || undefined, role, pageSize: 20, sort: 'name', order: 'asc' }, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function usePartyById(id: number | null) {
  return useQuery({
    queryKey: ['parties', 'detail', id ?? 0],
    queryFn: ({ signal }) => api.get<Party>(`/parties/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useItemSearch(q: string, isEnabled: boolean) {
  return useQuery({
    queryKey: ['items', 'picker', q],
    queryFn: ({ signal }) =>
      api.get<ItemPage>('/items', { q: q || undefined, active: 'true', pageSize: 8, sort: 'name' }, signal),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    select: (page): Item[] => page.items,
  });
}

// ---- payments

export function usePayments(params: PaymentListParams) {
  return useQuery({
    queryKey: moneyKeys.payments(params),
    queryFn: ({ signal }) => api.get<PaymentPage>('/payments', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePayment(id: number | null) {
  return useQuery({
    queryKey: moneyKeys.payment(id ?? 0),
    queryFn: ({ signal }) => api.get<Payment>(`/payments/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useCreatePayment() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: (input: CreatePaymentInput) => api.post<Payment>('/payments', input),
    onSuccess: invalidate,
  });
}

export function useAllocatePayment() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: ({ id, allocations }: { id: number; allocations: AllocationInput[] }) =>
      api.post<Payment>(`/payments/${id}/allocations`, { allocations }),
    onSuccess: invalidate,
  });
}

export function useDeallocatePayment() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: ({ id, invoiceId }: { id: number; invoiceId: number }) =>
      api.delete<Payment>(`/payments/${id}/allocations/${invoiceId}`),
    onSuccess: invalidate,
  });
}

export function useDeletePayment() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/payments/${id}`),
    onSuccess: invalidate,
  });
}

export function useAgeing(direction: 'receivable' | 'payable') {
  return useQuery({
    queryKey: moneyKeys.ageing(direction),
    queryFn: ({ signal }) => api.get<AgeingReport>('/reports/ageing', { direction }, signal),
  });
}

export function useLedger(partyId: number, from: string | null, to: string | null) {
  return useQuery({
    queryKey: moneyKeys.ledger(partyId, from, to),
    queryFn: ({ signal }) => api.get<PartyLedger>(`/parties/${partyId}/ledger`, { from, to }, signal),
    enabled: Number.isInteger(partyId) && partyId > 0,
    placeholderData: keepPreviousData,
  });
}

// ---- GST

export function useGstr1(period: string) {
  return useQuery({
    queryKey: gstKeys.gstr1(period),
    queryFn: ({ signal }) => api.get<Gstr1Return>('/returns/gstr1', { period }, signal),
    retry: false,
  });
}

export function useGstr3b(period: string) {
  return useQuery({
    queryKey: gstKeys.gstr3b(period),
    queryFn: ({ signal }) => api.get<Gstr3bReturn>('/returns/gstr3b', { period }, signal),
    retry: false,
  });
}

export function usePeriodLocks() {
  return useQuery({
    queryKey: gstKeys.locks,
    queryFn: ({ signal }) => api.get<PeriodLockList>('/period-locks', undefined, signal),
  });
}

export function useLockPeriod() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: (period: string) => api.post<PeriodLock>('/period-locks', { period }),
    onSuccess: invalidate,
  });
}

export function useUnlockPeriod() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    // api.delete sends no body, and this DELETE needs the reason.
    mutationFn: ({ period, reason }: { period: string; reason: string }) =>
      apiDeleteWithBody(`/period-locks/${period}`, { reason }),
    onSuccess: invalidate,
  });
}

async function apiDeleteWithBody(path: string, body: unknown): Promise<void> {
  await apiRequest(path, { method: 'DELETE', body });
}

// ---- files (PDF, XLSX, JSON)

/**
 * Fetches a file the API serves behind the bearer token. lib/api.ts keeps the access token private and parses
 * every answer as JSON, so a fresh token is taken from the refresh cookie (which also extends the session).
 */
/** A file answer (PDF, XLSX, JSON) as a Blob, through the shared client (token and refresh included). */
export async function fetchFile(path: string, query?: Record<string, QueryValue>): Promise<Blob> {
  return (await apiBlob(path, query)).blob;
}

/** Saves a blob made in the page (the GSTR-1 JSON already on screen) under `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches a file and saves it under `fileName`. */
export async function downloadFile(path: string, fileName: string, query?: Record<string, QueryValue>) {
  await saveFile(path, query, fileName);
}

/** A document number as a file name: "INV/2026-27/0001" → "INV-2026-27-0001". */
export function fileNameOf(number: string | null, id: number): string {
  return (number ?? `draft-${id}`).replace(/[^A-Za-z0-9-]+/g, '-');
}
