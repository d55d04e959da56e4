import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Account,
  AccountLedger,
  AccountList,
  CreateAccountInput,
  DayBook,
  JournalEntry,
  PartyStatement,
  SourceType,
  TrialBalance,
  UpdateAccountInput,
  VoucherType,
} from '@bizdash/contracts/accounts';
import { api } from '../../lib/api';
import { auditKeys } from '../audit/api';

/** Query hooks for the money book (issue 14): chart, trial balance, ledgers, day book, entries, party statements. */

export interface Period {
  from: string;
  to: string;
}

export interface LedgerParams extends Period {
  page: number;
  pageSize: number;
  partyId?: number | undefined;
}

export interface DayBookParams extends Period {
  page: number;
  pageSize: number;
  voucherType?: VoucherType | undefined;
}

export const accountKeys = {
  all: ['accounts'] as const,
  chart: ['accounts', 'chart'] as const,
  trialBalance: (period: Period) => ['accounts', 'trial-balance', period] as const,
  ledger: (code: string, params: LedgerParams) => ['accounts', 'ledger', code, params] as const,
  dayBook: (params: DayBookParams) => ['accounts', 'day-book', params] as const,
  entry: (id: number) => ['accounts', 'entry', id] as const,
  entriesOf: (sourceType: SourceType, sourceId: number) => ['accounts', 'entries', sourceType, sourceId] as const,
  statement: (partyId: number, period: Period) => ['accounts', 'statement', partyId, period] as const,
};

export function useChartOfAccounts() {
  return useQuery({
    queryKey: accountKeys.chart,
    queryFn: ({ signal }) => api.get<AccountList>('/accounts', undefined, signal),
  });
}

export function useTrialBalance(period: Period) {
  return useQuery({
    queryKey: accountKeys.trialBalance(period),
    queryFn: ({ signal }) => api.get<TrialBalance>('/accounts/trial-balance', { ...period }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLedger(code: string, params: LedgerParams) {
  return useQuery({
    queryKey: accountKeys.ledger(code, params),
    queryFn: ({ signal }) =>
      api.get<AccountLedger>(`/accounts/ledger/${encodeURIComponent(code)}`, { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDayBook(params: DayBookParams) {
  return useQuery({
    queryKey: accountKeys.dayBook(params),
    queryFn: ({ signal }) => api.get<DayBook>('/accounts/day-book', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useJournalEntry(id: number) {
  return useQuery({
    queryKey: accountKeys.entry(id),
    queryFn: ({ signal }) => api.get<JournalEntry>(`/accounts/entries/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** A document's entries: its posting, and any reversal and re-posting after an edit or cancellation. */
export function useEntriesOf(sourceType: SourceType, sourceId: number, enabled = true) {
  return useQuery({
    queryKey: accountKeys.entriesOf(sourceType, sourceId),
    queryFn: ({ signal }) => api.get<{ items: JournalEntry[] }>('/accounts/entries', { sourceType, sourceId }, signal),
    enabled,
  });
}

export function usePartyStatement(partyId: number, period: Period, enabled = true) {
  return useQuery({
    queryKey: accountKeys.statement(partyId, period),
    queryFn: ({ signal }) => api.get<PartyStatement>(`/parties/${partyId}/statement`, { ...period }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useInvalidateAccounts() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: accountKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useCreateAccount() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (input: CreateAccountInput) => api.post<Account>('/accounts', input),
    onSuccess: invalidate,
  });
}

export function useUpdateAccount() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UpdateAccountInput }) =>
      api.patch<Account>(`/accounts/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useSendStatement(partyId: number) {
  return useMutation({
    mutationFn: (period: Period) => api.post<unknown>(`/parties/${partyId}/statement/send`, period),
  });
}
