import { sql } from 'kysely';
import type { MigrationDb } from '../platform/db/columns';

/**
 * Lists whose first page cost grew with the table (issue 21; plans and figures in docs/benchmarks.md):
 * - tasks: the default list (open tasks by due date) and its count filtered every task on completed_at (22 ms at
 *   45k tasks). Partial indexes of open tasks make both proportional to the open tasks, not to years of history;
 *   the assignee's one serves "my open tasks" on the tasks page and the dashboard. ASC puts undated tasks last on
 *   PostgreSQL (its default), and SQLite orders NULLS LAST off the same index.
 * - settlements: the list, newest first, sorted every entry (no index led with created_at).
 * - pending approvals (dashboard, settlements queue): drafts with a partner, counted from a small partial index
 *   instead of visiting every draft row to test partner_id.
 * - parties: each page's ledger balances summed a party's journal lines through the account index (76 ms for 50
 *   parties at 770k lines); a covering index by party and account reads only that party's lines.
 */
export async function up(db: MigrationDb): Promise<void> {
  await sql`create index tasks_open_due_idx on tasks (due_date, id) where completed_at is null`.execute(db);
  await sql`create index tasks_open_assignee_due_idx on tasks (assignee_id, due_date, id)
    where completed_at is null`.execute(db);
  await sql`create index settlement_entries_created_idx on settlement_entries (created_at, id)`.execute(db);
  await sql`create index settlement_entries_pending_idx on settlement_entries (status, created_at, id)
    where partner_id is not null`.execute(db);
  await sql`create index journal_lines_party_account_idx on journal_lines
    (party_id, account_id, debit_paise, credit_paise)`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  for (const index of [
    'journal_lines_party_account_idx',
    'settlement_entries_pending_idx',
    'settlement_entries_created_idx',
    'tasks_open_assignee_due_idx',
    'tasks_open_due_idx',
  ]) {
    await sql`drop index ${sql.ref(index)}`.execute(db);
  }
}
