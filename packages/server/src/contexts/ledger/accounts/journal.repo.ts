import { CHART_OF_ACCOUNTS, type AccountKey } from '@bizdash/domain/ledger/chart';
import type { VoucherType } from '@bizdash/domain/ledger/posting';
import { sql } from 'kysely';
import type { Dialect, Executor } from '../../../platform/db/database';
import type { SourceType } from './ledger-documents.repo';

/** SQL that writes the journal. Entries and lines are only ever inserted (the tables refuse UPDATE and DELETE). */

export interface NewLine {
  accountId: number;
  partyId: number | null;
  debit: number;
  credit: number;
}

export interface NewEntry {
  id: number;
  date: string;
  voucherType: VoucherType;
  sourceType: SourceType;
  sourceId: number;
  partyId: number | null;
  reference: string | null;
  narration: string;
  reversesId: number | null;
  lines: NewLine[];
}

export interface StoredSource {
  sourceType: string;
  sourceId: number;
  entryId: number | null;
  fingerprint: string;
}

/** Creates any system account of the chart that the database lacks (new installations, and accounts added to the
 * chart in a later version). Existing accounts keep the names and codes the business gave them. */
export async function ensureChart(executor: Executor, now: string): Promise<void> {
  const existing = await executor.selectFrom('ledger_accounts').select(['system_key', 'code']).execute();
  const keys = new Set(existing.map((r) => r.system_key));
  const codes = new Set(existing.map((r) => r.code));
  const missing = CHART_OF_ACCOUNTS.filter((a) => !keys.has(a.key));
  if (missing.length === 0) return;
  await executor
    .insertInto('ledger_accounts')
    .values(
      missing.map((a) => ({
        // A business account that took the chart's code keeps it; the system account gets a free one beside it.
        code: codes.has(a.code) ? `${a.code}9` : a.code,
        name: a.name,
        type: a.type,
        statement_group: a.group,
        system_key: a.key,
        party_ledger: a.partyLedger,
        is_active: true,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

/** System account ids by key, creating the chart on first use. */
export async function systemAccountIds(executor: Executor, now: string): Promise<Map<AccountKey, number>> {
  const read = async () =>
    executor.selectFrom('ledger_accounts').select(['id', 'system_key']).where('system_key', 'is not', null).execute();
  let rows = await read();
  if (rows.length < CHART_OF_ACCOUNTS.length) {
    await ensureChart(executor, now);
    rows = await read();
  }
  return new Map(rows.map((r) => [r.system_key as AccountKey, Number(r.id)]));
}

export async function storedSources(
  executor: Executor,
  type: SourceType,
  ids: number[],
): Promise<Map<number, StoredSource>> {
  const out = new Map<number, StoredSource>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await executor
      .selectFrom('ledger_sources')
      .selectAll()
      .where('source_type', '=', type)
      .where('source_id', 'in', ids.slice(i, i + 5000))
      .execute();
    for (const r of rows) {
      out.set(Number(r.source_id), {
        sourceType: r.source_type,
        sourceId: Number(r.source_id),
        entryId: r.entry_id === null ? null : Number(r.entry_id),
        fingerprint: r.fingerprint,
      });
    }
  }
  return out;
}

/** Entry headers and lines of standing entries, to post their reversals. */
export async function entriesWithLines(
  executor: Executor,
  ids: number[],
): Promise<
  Map<
    number,
    {
      date: string;
      voucherType: VoucherType;
      partyId: number | null;
      reference: string | null;
      narration: string;
      lines: NewLine[];
    }
  >
> {
  const out = new Map<
    number,
    {
      date: string;
      voucherType: VoucherType;
      partyId: number | null;
      reference: string | null;
      narration: string;
      lines: NewLine[];
    }
  >();
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const heads = await executor
      .selectFrom('journal_entries')
      .select(['id', 'date', 'voucher_type', 'party_id', 'reference', 'narration'])
      .where('id', 'in', chunk)
      .execute();
    for (const h of heads) {
      out.set(Number(h.id), {
        date: h.date,
        voucherType: h.voucher_type,
        partyId: h.party_id === null ? null : Number(h.party_id),
        reference: h.reference,
        narration: h.narration,
        lines: [],
      });
    }
    const lines = await executor
      .selectFrom('journal_lines')
      .select(['entry_id', 'account_id', 'party_id', 'debit_paise', 'credit_paise'])
      .where('entry_id', 'in', chunk)
      .orderBy('id')
      .execute();
    for (const l of lines) {
      out.get(Number(l.entry_id))?.lines.push({
        accountId: Number(l.account_id),
        partyId: l.party_id === null ? null : Number(l.party_id),
        debit: Number(l.debit_paise),
        credit: Number(l.credit_paise),
      });
    }
  }
  return out;
}

/**
 * Reserves `count` entry ids, so that a batch of entries and their lines can be inserted in bulk. SQLite: the
 * transaction holds the write lock (BEGIN IMMEDIATE) and the journal is never deleted from, so max(id) is the
 * high-water mark. PostgreSQL: the identity's sequence.
 */
export async function reserveEntryIds(executor: Executor, dialect: Dialect, count: number): Promise<number[]> {
  if (count === 0) return [];
  if (dialect === 'postgres') {
    const rows = await sql<{ id: string | number }>`
      select nextval(pg_get_serial_sequence('journal_entries', 'id')) as id from generate_series(1, ${count})`.execute(
      executor,
    );
    return rows.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }
  // A bare max(id) is answered from the end of the primary key; wrapped in coalesce() SQLite would scan the table.
  const row = await executor
    .selectFrom('journal_entries')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirstOrThrow();
  const start = Number(row.max ?? 0) + 1;
  return Array.from({ length: count }, (_, i) => start + i);
}

export async function insertEntries(executor: Executor, entries: NewEntry[], createdAt: string): Promise<void> {
  for (let i = 0; i < entries.length; i += 2000) {
    const chunk = entries.slice(i, i + 2000);
    await executor
      .insertInto('journal_entries')
      .values(
        chunk.map((e) => ({
          id: e.id,
          date: e.date,
          voucher_type: e.voucherType,
          source_type: e.sourceType,
          source_id: e.sourceId,
          party_id: e.partyId,
          reference: e.reference,
          narration: e.narration,
          reverses_id: e.reversesId,
          created_at: createdAt,
        })),
      )
      .execute();
  }
  const lines = entries.flatMap((e) =>
    e.lines.map((l) => ({
      entry_id: e.id,
      account_id: l.accountId,
      party_id: l.partyId,
      date: e.date,
      debit_paise: l.debit,
      credit_paise: l.credit,
    })),
  );
  for (let i = 0; i < lines.length; i += 4000) {
    await executor
      .insertInto('journal_lines')
      .values(lines.slice(i, i + 4000))
      .execute();
  }
}

/** Adds to the daily totals, keys in a fixed order so that two PostgreSQL transactions never deadlock on them. */
export async function addDaily(
  executor: Executor,
  deltas: Map<string, { accountId: number; date: string; debit: number; credit: number }>,
): Promise<void> {
  const rows = [...deltas.values()].sort((a, b) =>
    a.accountId === b.accountId ? (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) : a.accountId - b.accountId,
  );
  for (let i = 0; i < rows.length; i += 4000) {
    await executor
      .insertInto('ledger_daily')
      .values(
        rows.slice(i, i + 4000).map((r) => ({
          account_id: r.accountId,
          date: r.date,
          debit_paise: r.debit,
          credit_paise: r.credit,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['account_id', 'date']).doUpdateSet((eb) => ({
          debit_paise: eb('ledger_daily.debit_paise', '+', eb.ref('excluded.debit_paise')),
          credit_paise: eb('ledger_daily.credit_paise', '+', eb.ref('excluded.credit_paise')),
        })),
      )
      .execute();
  }
}

export async function saveSources(executor: Executor, sources: StoredSource[]): Promise<void> {
  for (let i = 0; i < sources.length; i += 4000) {
    await executor
      .insertInto('ledger_sources')
      .values(
        sources.slice(i, i + 4000).map((s) => ({
          source_type: s.sourceType,
          source_id: s.sourceId,
          entry_id: s.entryId,
          fingerprint: s.fingerprint,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['source_type', 'source_id']).doUpdateSet((eb) => ({
          entry_id: eb.ref('excluded.entry_id'),
          fingerprint: eb.ref('excluded.fingerprint'),
        })),
      )
      .execute();
  }
}

/** Takes the documents this transaction marked (its own rows, and any left by writes made outside the app). */
export async function takePending(executor: Executor): Promise<{ sourceType: SourceType; sourceId: number }[]> {
  const rows = await executor.deleteFrom('ledger_pending').returning(['source_type', 'source_id']).execute();
  return rows.map((r) => ({ sourceType: r.source_type as SourceType, sourceId: Number(r.source_id) }));
}

export async function peekBacklog(
  executor: Executor,
  limit: number,
): Promise<{ sourceType: SourceType; sourceId: number }[]> {
  const rows = await executor
    .selectFrom('ledger_backlog')
    .select(['source_type', 'source_id'])
    .orderBy('source_type')
    .orderBy('source_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ sourceType: r.source_type as SourceType, sourceId: Number(r.source_id) }));
}

export async function dropBacklog(executor: Executor, type: SourceType, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 5000) {
    await executor
      .deleteFrom('ledger_backlog')
      .where('source_type', '=', type)
      .where('source_id', 'in', ids.slice(i, i + 5000))
      .execute();
  }
}

export async function countBacklog(executor: Executor): Promise<{ backlog: number; pending: number }> {
  const b = await executor
    .selectFrom('ledger_backlog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const p = await executor
    .selectFrom('ledger_pending')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { backlog: Number(b.n), pending: Number(p.n) };
}

/** Marks left by writes made outside the app (a bulk load, hand-written SQL) join the backlog, so that no user's
 * transaction inherits a bulk of them. */
export async function pendingToBacklog(executor: Executor): Promise<void> {
  await sql`insert into ledger_backlog (source_type, source_id)
    select source_type, source_id from ledger_pending where true on conflict do nothing`.execute(executor);
  await executor.deleteFrom('ledger_pending').execute();
}

/** Every document of every type goes to the backlog: `bizdash ledger rebuild`. */
export async function fillBacklog(executor: Executor): Promise<void> {
  await sql`insert into ledger_backlog (source_type, source_id)
    select 'invoice', id from invoices where status <> 'draft' on conflict do nothing`.execute(executor);
  await sql`insert into ledger_backlog (source_type, source_id)
    select 'payment', id from payments where true on conflict do nothing`.execute(executor);
  await sql`insert into ledger_backlog (source_type, source_id)
    select 'expense', id from order_expenses where true on conflict do nothing`.execute(executor);
  await sql`insert into ledger_backlog (source_type, source_id)
    select 'settlement', id from settlement_entries where status = 'approved' on conflict do nothing`.execute(executor);
  await sql`insert into ledger_backlog (source_type, source_id)
    select 'payout', id from payouts where true on conflict do nothing`.execute(executor);
  await sql`insert into ledger_backlog (source_type, source_id)
    select 'opening', id from parties where opening_balance_paise <> 0 on conflict do nothing`.execute(executor);
  // Documents that posted once and are gone (a deleted payment) must have their entry reversed.
  await sql`insert into ledger_backlog (source_type, source_id)
    select source_type, source_id from ledger_sources where entry_id is not null on conflict do nothing`.execute(
    executor,
  );
}
