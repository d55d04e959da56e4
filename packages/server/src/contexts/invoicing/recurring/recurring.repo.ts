import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { RecurringInvoiceProfilesTable, RecurringInvoiceRunsTable } from './recurring.tables';

/** SQL of the recurring invoices module. */

const PROFILE_COLUMNS = [
  'recurring_invoice_profiles.id',
  'recurring_invoice_profiles.name',
  'recurring_invoice_profiles.party_id',
  'recurring_invoice_profiles.template',
  'recurring_invoice_profiles.frequency',
  'recurring_invoice_profiles.day_of_month',
  'recurring_invoice_profiles.start_date',
  'recurring_invoice_profiles.end_date',
  'recurring_invoice_profiles.max_runs',
  'recurring_invoice_profiles.auto_issue',
  'recurring_invoice_profiles.auto_email',
  'recurring_invoice_profiles.is_active',
  'recurring_invoice_profiles.next_run_date',
  'recurring_invoice_profiles.last_run_date',
  'recurring_invoice_profiles.run_count',
  'recurring_invoice_profiles.created_by',
  'recurring_invoice_profiles.created_at',
  'recurring_invoice_profiles.updated_at',
  'parties.name as party_name',
  'parties.emails as party_emails',
] as const;

function profilesWithParty(executor: Executor) {
  return executor
    .selectFrom('recurring_invoice_profiles')
    .innerJoin('parties', 'parties.id', 'recurring_invoice_profiles.party_id')
    .select(PROFILE_COLUMNS);
}

export type ProfileWithParty = Awaited<ReturnType<typeof getProfile>> & object;

export function getProfile(executor: Executor, id: number) {
  return profilesWithParty(executor).where('recurring_invoice_profiles.id', '=', id).executeTakeFirst();
}

export async function listProfiles(
  executor: Executor,
  query: { q?: string | undefined; active?: boolean | undefined; limit: number; offset: number },
) {
  let base = executor
    .selectFrom('recurring_invoice_profiles')
    .innerJoin('parties', 'parties.id', 'recurring_invoice_profiles.party_id');
  if (query.active !== undefined) base = base.where('recurring_invoice_profiles.is_active', '=', query.active);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([eb('recurring_invoice_profiles.name', 'like', like), eb('parties.name', 'like', like)]),
    );
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(PROFILE_COLUMNS)
    // Soonest next run first; finished profiles (no next run) last.
    .orderBy((eb) => eb.case().when('recurring_invoice_profiles.next_run_date', 'is', null).then(1).else(0).end())
    .orderBy('recurring_invoice_profiles.next_run_date')
    .orderBy('recurring_invoice_profiles.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function insertProfile(executor: Executor, row: Insertable<RecurringInvoiceProfilesTable>) {
  const inserted = await executor
    .insertInto('recurring_invoice_profiles')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function updateProfile(
  executor: Executor,
  id: number,
  row: Updateable<RecurringInvoiceProfilesTable>,
): Promise<void> {
  await executor.updateTable('recurring_invoice_profiles').set(row).where('id', '=', id).execute();
}

export async function deleteProfile(executor: Executor, id: number): Promise<void> {
  await executor.deleteFrom('recurring_invoice_runs').where('profile_id', '=', id).execute();
  await executor.deleteFrom('recurring_invoice_profiles').where('id', '=', id).execute();
}

/** Active profiles with a run due on or before `today`, soonest first (the scheduler's index scan). */
export function dueProfiles(executor: Executor, today: string) {
  return profilesWithParty(executor)
    .where('recurring_invoice_profiles.is_active', '=', true)
    .where('recurring_invoice_profiles.next_run_date', 'is not', null)
    .where('recurring_invoice_profiles.next_run_date', '<=', today)
    .orderBy('recurring_invoice_profiles.next_run_date')
    .orderBy('recurring_invoice_profiles.id')
    .execute();
}

/** The run dates a profile already has (made, or failed to make). */
export async function runDatesOf(executor: Executor, profileId: number): Promise<Set<string>> {
  const rows = await executor
    .selectFrom('recurring_invoice_runs')
    .select('run_date')
    .where('profile_id', '=', profileId)
    .execute();
  return new Set(rows.map((r) => String(r.run_date)));
}

/**
 * Writes the run row; false when the run already exists (another worker or an earlier attempt made it). Inside the
 * invoice's transaction: the unique (profile_id, run_date) decides which of two concurrent runs keeps its invoice.
 */
export async function claimRun(executor: Executor, row: Insertable<RecurringInvoiceRunsTable>): Promise<boolean> {
  const result = await executor
    .insertInto('recurring_invoice_runs')
    .values(row)
    .onConflict((oc) => oc.columns(['profile_id', 'run_date']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function updateRun(
  executor: Executor,
  id: number,
  row: Updateable<RecurringInvoiceRunsTable>,
): Promise<void> {
  await executor.updateTable('recurring_invoice_runs').set(row).where('id', '=', id).execute();
}

export function runOfDate(executor: Executor, profileId: number, runDate: string) {
  return executor
    .selectFrom('recurring_invoice_runs')
    .select(['id', 'status'])
    .where('profile_id', '=', profileId)
    .where('run_date', '=', runDate)
    .executeTakeFirst();
}

/** A profile's runs with their invoices, newest first. */
export function runsOf(executor: Executor, profileId: number, limit = 200) {
  return executor
    .selectFrom('recurring_invoice_runs')
    .leftJoin('invoices', 'invoices.id', 'recurring_invoice_runs.invoice_id')
    .select([
      'recurring_invoice_runs.id',
      'recurring_invoice_runs.run_date',
      'recurring_invoice_runs.status',
      'recurring_invoice_runs.error',
      'recurring_invoice_runs.emailed_to',
      'recurring_invoice_runs.created_at',
      'invoices.id as invoice_id',
      'invoices.number as invoice_number',
      'invoices.status as invoice_status',
      'invoices.grand_total_paise as invoice_total_paise',
    ])
    .where('recurring_invoice_runs.profile_id', '=', profileId)
    .orderBy('recurring_invoice_runs.run_date', 'desc')
    .limit(limit)
    .execute();
}

/** The latest run date and the number of runs of a profile (after a pass, to move its next run). */
export async function runStats(executor: Executor, profileId: number) {
  const row = await executor
    .selectFrom('recurring_invoice_runs')
    .select((eb) => [eb.fn.max('run_date').as('last'), eb.fn.countAll<number>().as('n')])
    .where('profile_id', '=', profileId)
    .executeTakeFirstOrThrow();
  return { last: row.last === null ? null : String(row.last), count: Number(row.n) };
}

/** Savepoints of a scheduler batch's transaction: each invoice of a batch commits or rolls back on its own. */
export async function savepoint(executor: Executor, name: string): Promise<void> {
  await sql`savepoint ${sql.raw(name)}`.execute(executor);
}

export async function releaseSavepoint(executor: Executor, name: string): Promise<void> {
  await sql`release savepoint ${sql.raw(name)}`.execute(executor);
}

export async function rollbackToSavepoint(executor: Executor, name: string): Promise<void> {
  await sql`rollback to savepoint ${sql.raw(name)}`.execute(executor);
}
