import type { Generated, Selectable } from 'kysely';
import type { Bool } from '../../../platform/db/columns';

/** The chart of accounts. System accounts carry the domain's key (packages/domain/src/ledger/chart.ts). */
export interface LedgerAccountsTable {
  id: Generated<number>;
  code: string;
  name: string;
  type: 'asset' | 'liability' | 'equity' | 'income' | 'expense';
  statement_group: string;
  system_key: string | null;
  party_ledger: Bool;
  is_active: Bool;
  created_at: string;
  updated_at: string;
}

/**
 * One journal entry: append-only (database triggers refuse UPDATE and DELETE). A correction is a reversal
 * (`reverses_id` set, same date as the entry it undoes) followed by a new entry.
 */
export interface JournalEntriesTable {
  id: Generated<number>;
  date: string;
  voucher_type: 'sales' | 'purchase' | 'credit_note' | 'debit_note' | 'receipt' | 'payment' | 'journal';
  source_type: 'invoice' | 'payment' | 'expense' | 'settlement' | 'payout' | 'opening';
  source_id: number;
  party_id: number | null;
  reference: string | null;
  narration: string;
  reverses_id: number | null;
  created_at: string;
}

export interface JournalLinesTable {
  id: Generated<number>;
  entry_id: number;
  account_id: number;
  party_id: number | null;
  /** The entry's date, repeated so ledgers and statements read one index range. */
  date: string;
  debit_paise: number;
  credit_paise: number;
}

/** Per document: the entry that currently stands for it and the fingerprint of its content. */
export interface LedgerSourcesTable {
  source_type: string;
  source_id: number;
  entry_id: number | null;
  fingerprint: string;
}

/** Documents written in this transaction (by triggers on their tables) whose posting must be brought up to date. */
export interface LedgerPendingTable {
  source_type: string;
  source_id: number;
}

/** Documents whose posting is still to be made: filled by the migration and `bizdash ledger rebuild`, worked off in
 * batches at start-up and by the rebuild, never inside a user's transaction. */
export interface LedgerBacklogTable {
  source_type: string;
  source_id: number;
}

/** Debits and credits per account and day, kept by the posting code: trial balance and P&L read these. */
export interface LedgerDailyTable {
  account_id: number;
  date: string;
  debit_paise: number;
  credit_paise: number;
}

export interface AccountsTables {
  ledger_accounts: LedgerAccountsTable;
  journal_entries: JournalEntriesTable;
  journal_lines: JournalLinesTable;
  ledger_sources: LedgerSourcesTable;
  ledger_pending: LedgerPendingTable;
  ledger_backlog: LedgerBacklogTable;
  ledger_daily: LedgerDailyTable;
}

export type LedgerAccountRow = Selectable<LedgerAccountsTable>;
export type JournalEntryRow = Selectable<JournalEntriesTable>;
