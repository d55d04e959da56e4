import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { LedgerAccountRow, LedgerAccountsTable } from './accounts.tables';

/** Reads of the book. Totals come from `ledger_daily` (one row per account and day); lines from index ranges. */

export interface AccountTotals {
  accountId: number;
  debit: number;
  credit: number;
}

export async function listAccounts(executor: Executor): Promise<LedgerAccountRow[]> {
  return executor.selectFrom('ledger_accounts').selectAll().orderBy('code').execute();
}

export async function accountByCode(executor: Executor, code: string): Promise<LedgerAccountRow | undefined> {
  return executor.selectFrom('ledger_accounts').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Σ debits and credits per account over [from, to] (either end open when null). */
export async function totalsByAccount(
  executor: Executor,
  from: string | null,
  to: string | null,
  accountIds?: number[],
): Promise<Map<number, AccountTotals>> {
  let q = executor
    .selectFrom('ledger_daily')
    .select((eb) => [
      'account_id',
      eb.fn.sum<number>('debit_paise').as('debit'),
      eb.fn.sum<number>('credit_paise').as('credit'),
    ])
    .groupBy('account_id');
  if (from) q = q.where('date', '>=', from);
  if (to) q = q.where('date', '<=', to);
  if (accountIds) q = q.where('account_id', 'in', accountIds.length > 0 ? accountIds : [-1]);
  const rows = await q.execute();
  return new Map(
    rows.map((r) => [
      Number(r.account_id),
      { accountId: Number(r.account_id), debit: Number(r.debit), credit: Number(r.credit) },
    ]),
  );
}

/** Σ over one account's lines for one party before a date (a ledger or statement filtered by party). */
export async function partyNetBefore(
  executor: Executor,
  partyId: number,
  accountIds: number[],
  before: string,
): Promise<number> {
  const row = await executor
    .selectFrom('journal_lines')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(sql`debit_paise - credit_paise`), eb.val(0)).as('net'))
    .where('party_id', '=', partyId)
    .where('account_id', 'in', accountIds)
    .where('date', '<', before)
    .executeTakeFirstOrThrow();
  return Number(row.net);
}

/** Each party's net over the given accounts, all time (debit positive). */
export async function partyNets(
  executor: Executor,
  partyIds: number[],
  accountIds: number[],
): Promise<Map<number, number>> {
  if (partyIds.length === 0 || accountIds.length === 0) return new Map();
  const rows = await executor
    .selectFrom('journal_lines')
    .select((eb) => ['party_id', eb.fn.sum<number>(sql`debit_paise - credit_paise`).as('net')])
    .where('party_id', 'in', partyIds)
    .where('account_id', 'in', accountIds)
    .groupBy('party_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.party_id), Number(r.net)]));
}

export interface LineFilter {
  accountIds: number[];
  partyId?: number | undefined;
  from: string;
  to: string;
}

function linesQuery(executor: Executor, f: LineFilter) {
  let q = executor
    .selectFrom('journal_lines as l')
    .innerJoin('journal_entries as e', 'e.id', 'l.entry_id')
    .where('l.account_id', 'in', f.accountIds)
    .where('l.date', '>=', f.from)
    .where('l.date', '<=', f.to);
  if (f.partyId !== undefined) q = q.where('l.party_id', '=', f.partyId);
  return q;
}

export async function countLines(
  executor: Executor,
  f: LineFilter,
): Promise<{ count: number; debit: number; credit: number }> {
  const row = await linesQuery(executor, f)
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.coalesce(eb.fn.sum<number>('l.debit_paise'), eb.val(0)).as('debit'),
      eb.fn.coalesce(eb.fn.sum<number>('l.credit_paise'), eb.val(0)).as('credit'),
    ])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), debit: Number(row.debit), credit: Number(row.credit) };
}

/** Net of the lines that precede a page (by date, then entry), for the running balance of that page. */
export async function netOfFirst(executor: Executor, f: LineFilter, count: number): Promise<number> {
  if (count === 0) return 0;
  const row = await sql<{ net: number | string | null }>`select coalesce(sum(x.d - x.c), 0) as net from (${linesQuery(
    executor,
    f,
  )
    .select(['l.debit_paise as d', 'l.credit_paise as c'])
    .orderBy('l.date')
    .orderBy('l.entry_id')
    .orderBy('l.id')
    .limit(count)}) x`.execute(executor);
  return Number(row.rows[0]?.net ?? 0);
}

export async function pageOfLines(executor: Executor, f: LineFilter, offset: number, limit: number) {
  return linesQuery(executor, f)
    .leftJoin('parties as p', 'p.id', 'l.party_id')
    .select([
      'l.id',
      'l.entry_id',
      'l.date',
      'l.party_id',
      'p.name as party_name',
      'l.debit_paise',
      'l.credit_paise',
      'e.voucher_type',
      'e.reference',
      'e.narration',
      'e.source_type',
      'e.source_id',
      'e.reverses_id',
    ])
    .orderBy('l.date')
    .orderBy('l.entry_id')
    .orderBy('l.id')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function countEntries(
  executor: Executor,
  from: string,
  to: string,
  voucherType?: string,
): Promise<number> {
  let q = executor
    .selectFrom('journal_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('date', '>=', from)
    .where('date', '<=', to);
  if (voucherType) q = q.where('voucher_type', '=', voucherType as never);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function pageOfEntries(
  executor: Executor,
  from: string,
  to: string,
  offset: number,
  limit: number,
  voucherType?: string,
) {
  let q = executor.selectFrom('journal_entries').selectAll().where('date', '>=', from).where('date', '<=', to);
  if (voucherType) q = q.where('voucher_type', '=', voucherType as never);
  return q.orderBy('date').orderBy('id').offset(offset).limit(limit).execute();
}

export async function entriesByIds(executor: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return executor.selectFrom('journal_entries').selectAll().where('id', 'in', ids).execute();
}

export async function linesOfEntries(executor: Executor, entryIds: number[]) {
  if (entryIds.length === 0) return [];
  return executor
    .selectFrom('journal_lines as l')
    .innerJoin('ledger_accounts as a', 'a.id', 'l.account_id')
    .leftJoin('parties as p', 'p.id', 'l.party_id')
    .select([
      'l.entry_id',
      'a.code',
      'a.name as account_name',
      'l.party_id',
      'p.name as party_name',
      'l.debit_paise',
      'l.credit_paise',
    ])
    .where('l.entry_id', 'in', entryIds)
    .orderBy('l.entry_id')
    .orderBy('l.id')
    .execute();
}

/** Which of these entries have been reversed, and by which entry. */
export async function reversalsOf(executor: Executor, entryIds: number[]): Promise<Map<number, number>> {
  if (entryIds.length === 0) return new Map();
  const rows = await executor
    .selectFrom('journal_entries')
    .select(['id', 'reverses_id'])
    .where('reverses_id', 'in', entryIds)
    .execute();
  return new Map(rows.map((r) => [Number(r.reverses_id), Number(r.id)]));
}

export async function entriesOfSource(executor: Executor, sourceType: string, sourceId: number) {
  return executor
    .selectFrom('journal_entries')
    .selectAll()
    .where('source_type', '=', sourceType as never)
    .where('source_id', '=', sourceId)
    .orderBy('id')
    .execute();
}

export function insertAccount(executor: Executor, values: Insertable<LedgerAccountsTable>): Promise<LedgerAccountRow> {
  return executor.insertInto('ledger_accounts').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findAccount(executor: Executor, id: number): Promise<LedgerAccountRow | undefined> {
  return executor.selectFrom('ledger_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateAccount(
  executor: Executor,
  id: number,
  values: Updateable<LedgerAccountsTable>,
): Promise<LedgerAccountRow> {
  return executor
    .updateTable('ledger_accounts')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The party a statement is for. */
export function findStatementParty(executor: Executor, partyId: number) {
  return executor.selectFrom('parties').select(['id', 'name', 'gstin']).where('id', '=', partyId).executeTakeFirst();
}
