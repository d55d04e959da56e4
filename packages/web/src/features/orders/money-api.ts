import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateExpenseInput,
  CreatePayoutInput,
  CreateReceiptInput,
  Expense,
  ExpenseList,
  OrderSettlement,
  PartnerBalancePage,
  PartnerStatement,
  Payout,
  PayoutPage,
  PortalOrder,
  PortalSummary,
  Receipt,
  ReceiptList,
  SettlementEntry,
  BulkApproveSettlementsResult,
  SettlementPage,
  SettlementSettings,
  UpdateExpenseInput,
  UpdateReceiptInput,
} from '@bizdash/contracts/order-money';
import { api, uploadWithProgress, type QueryValue } from '../../lib/api';
import { auditKeys } from '../audit/api';
import { orderKeys } from './api';

/**
 * Query hooks for order money (issue 5): receipts, expenses and the settlement of one order, the settlements
 * ledger, payouts, partner balances and statements, the partner portal and the settlement basis setting.
 */
/** The portal's order page (the contract exports only the schema). */
export interface PortalOrderPage {
  items: PortalOrder[];
  total: number;
  page: number;
  pageSize: number;
}

export const moneyKeys = {
  all: ['money'] as const,
  // One order's money lives under the order's keys, so a stage change (which moves the settlement) refreshes it too.
  receipts: (orderId: number) => [...orderKeys.all, 'money', 'receipts', orderId] as const,
  expenses: (orderId: number) => [...orderKeys.all, 'money', 'expenses', orderId] as const,
  settlement: (orderId: number) => [...orderKeys.all, 'money', 'settlement', orderId] as const,
  settlements: (query: Record<string, QueryValue>) => ['money', 'settlements', query] as const,
  payouts: (query: Record<string, QueryValue>) => ['money', 'payouts', query] as const,
  balances: (query: Record<string, QueryValue>) => ['money', 'balances', query] as const,
  statement: (partnerId: number | 'portal', from: string, to: string) =>
    ['money', 'statement', partnerId, from, to] as const,
  portal: ['money', 'portal'] as const,
  basis: ['money', 'basis'] as const,
};

/**
 * A money change moves orders (amount due, status), their settlements, the ledgers and the audit log; a receipt is
 * a customer payment, so it also settles the order's invoices and posts to the book.
 */
function useInvalidateMoney() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: moneyKeys.all }),
      queryClient.invalidateQueries({ queryKey: orderKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['invoices'] }),
      queryClient.invalidateQueries({ queryKey: ['accounts'] }),
    ]);
}

// ---- receipts and expenses of one order

export function useReceipts(orderId: number, enabled = true) {
  return useQuery({
    queryKey: moneyKeys.receipts(orderId),
    queryFn: ({ signal }) => api.get<ReceiptList>(`/orders/${orderId}/receipts`, undefined, signal),
    enabled,
  });
}

export function useExpenses(orderId: number, enabled = true) {
  return useQuery({
    queryKey: moneyKeys.expenses(orderId),
    queryFn: ({ signal }) => api.get<ExpenseList>(`/orders/${orderId}/expenses`, undefined, signal),
    enabled,
  });
}

export type MoneyItemKind = 'receipts' | 'expenses';

export function useSaveReceipt(orderId: number) {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: CreateReceiptInput | UpdateReceiptInput }) =>
      id === null
        ? api.post<Receipt>(`/orders/${orderId}/receipts`, input)
        : api.patch<Receipt>(`/orders/${orderId}/receipts/${id}`, input),
    onSuccess: () => invalidate(),
  });
}

export function useSaveExpense(orderId: number) {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: CreateExpenseInput | UpdateExpenseInput }) =>
      id === null
        ? api.post<Expense>(`/orders/${orderId}/expenses`, input)
        : api.patch<Expense>(`/orders/${orderId}/expenses/${id}`, input),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteMoneyItem(orderId: number) {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: ({ kind, id }: { kind: MoneyItemKind; id: number }) => api.delete(`/orders/${orderId}/${kind}/${id}`),
    onSuccess: () => invalidate(),
  });
}

/** PUT the file as the raw body (like the logo upload), with progress. */
export function useUploadMoneyAttachment(orderId: number) {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: ({
      kind,
      id,
      file,
      onProgress,
    }: {
      kind: MoneyItemKind;
      id: number;
      file: File;
      onProgress?: (fraction: number) => void;
    }) =>
      uploadWithProgress<unknown>(`/orders/${orderId}/${kind}/${id}/attachment`, file, {
        method: 'PUT',
        contentType: file.type || 'application/octet-stream',
        query: { name: file.name },
        ...(onProgress ? { onProgress } : {}),
      }),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteMoneyAttachment(orderId: number) {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: ({ kind, id }: { kind: MoneyItemKind; id: number }) =>
      api.delete(`/orders/${orderId}/${kind}/${id}/attachment`),
    onSuccess: () => invalidate(),
  });
}

// ---- the settlement of one order

export function useOrderSettlement(orderId: number, enabled = true) {
  return useQuery({
    queryKey: moneyKeys.settlement(orderId),
    queryFn: ({ signal }) => api.get<OrderSettlement>(`/orders/${orderId}/settlement`, undefined, signal),
    enabled,
  });
}

export function useApproveOrderSettlement(orderId: number) {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: () => api.post<OrderSettlement>(`/orders/${orderId}/settlement/approve`),
    onSuccess: () => invalidate(),
  });
}

export function useSetShare(orderId: number) {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: (sharePercent: string) =>
      api.put<OrderSettlement>(`/orders/${orderId}/settlement/share`, { sharePercent }),
    onSuccess: () => invalidate(),
  });
}

// ---- settlements ledger, payouts, balances, statements

export function useSettlements(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: moneyKeys.settlements(query),
    queryFn: ({ signal }) => api.get<SettlementPage>('/settlements', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useApproveEntry() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: (entry: Pick<SettlementEntry, 'id' | 'orderId'>) =>
      api.post<SettlementEntry>(`/settlements/${entry.id}/approve`),
    onSuccess: () => invalidate(),
  });
}

/** Approve several draft entries at once; all or nothing (the server names the entry that stopped it). */
export function useApproveEntries() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: (entryIds: number[]) => api.post<BulkApproveSettlementsResult>('/settlements/approve', { entryIds }),
    // Also on failure: the entry that stopped it was most likely approved by someone else, and the list should say so.
    onSettled: () => invalidate(),
  });
}

export function usePayouts(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: moneyKeys.payouts(query),
    queryFn: ({ signal }) => api.get<PayoutPage>('/payouts', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRecordPayout() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: (input: CreatePayoutInput) => api.post<Payout>('/payouts', input),
    onSuccess: () => invalidate(),
  });
}

export function usePartnerBalances(query: Record<string, QueryValue>, enabled = true) {
  return useQuery({
    queryKey: moneyKeys.balances(query),
    queryFn: ({ signal }) => api.get<PartnerBalancePage>('/partners/balances', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A partner's statement; `partnerId` 'portal' reads the signed-in partner's own statement. */
export function statementPath(partnerId: number | 'portal'): string {
  return partnerId === 'portal' ? '/portal/statement' : `/partners/${partnerId}/statement`;
}

export function usePartnerStatement(partnerId: number | 'portal', from: string, to: string) {
  return useQuery({
    queryKey: moneyKeys.statement(partnerId, from, to),
    queryFn: ({ signal }) => api.get<PartnerStatement>(statementPath(partnerId), { from, to }, signal),
    enabled: from <= to,
    placeholderData: keepPreviousData,
  });
}

// ---- partner portal

export function usePortalSummary() {
  return useQuery({
    queryKey: [...moneyKeys.portal, 'summary'],
    queryFn: ({ signal }) => api.get<PortalSummary>('/portal/summary', undefined, signal),
  });
}

export function usePortalOrders(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...moneyKeys.portal, 'orders', query],
    queryFn: ({ signal }) => api.get<PortalOrderPage>('/portal/orders', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePortalSettlements(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...moneyKeys.portal, 'settlements', query],
    queryFn: ({ signal }) => api.get<SettlementPage>('/portal/settlements', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePortalPayouts(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...moneyKeys.portal, 'payouts', query],
    queryFn: ({ signal }) => api.get<PayoutPage>('/portal/payouts', query, signal),
    placeholderData: keepPreviousData,
  });
}

// ---- settings

export function useSettlementSettings() {
  return useQuery({
    queryKey: moneyKeys.basis,
    queryFn: ({ signal }) => api.get<SettlementSettings>('/settings/settlement', undefined, signal),
  });
}

export function useSetSettlementSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SettlementSettings) => api.put<SettlementSettings>('/settings/settlement', input),
    onSuccess: (saved) => {
      queryClient.setQueryData(moneyKeys.basis, saved);
      return queryClient.invalidateQueries({ queryKey: moneyKeys.all });
    },
  });
}
