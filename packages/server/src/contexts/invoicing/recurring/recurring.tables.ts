import type { Generated, Selectable } from 'kysely';
import type { Bool } from '../../../platform/db/columns';

/** A recurring invoice profile: whom to bill, the draft invoice input, and when (issue 20). */
export interface RecurringInvoiceProfilesTable {
  id: Generated<number>;
  name: string;
  party_id: number;
  /** RecurringInvoiceTemplate as JSON text. */
  template: string;
  frequency: 'monthly' | 'quarterly' | 'yearly';
  day_of_month: number;
  start_date: string;
  end_date: string | null;
  max_runs: number | null;
  auto_issue: Bool;
  auto_email: Bool;
  is_active: Bool;
  /** Null once the schedule is finished (end date or count reached). */
  next_run_date: string | null;
  last_run_date: string | null;
  run_count: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One run of a profile; unique per (profile_id, run_date), written with its invoice in one transaction. */
export interface RecurringInvoiceRunsTable {
  id: Generated<number>;
  profile_id: number;
  run_date: string;
  invoice_id: number | null;
  status: 'draft' | 'issued' | 'failed';
  error: string | null;
  emailed_to: string | null;
  created_at: string;
  updated_at: string;
}

export type RecurringProfileRow = Selectable<RecurringInvoiceProfilesTable>;
export type RecurringRunRow = Selectable<RecurringInvoiceRunsTable>;

export interface RecurringTables {
  recurring_invoice_profiles: RecurringInvoiceProfilesTable;
  recurring_invoice_runs: RecurringInvoiceRunsTable;
}
