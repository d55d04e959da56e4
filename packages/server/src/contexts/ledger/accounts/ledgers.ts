import type { AccountLedger, DayBook, DayBookQuery, JournalEntry, LedgerQuery } from '@bizdash/contracts/accounts';
import { AppError } from '@bizdash/domain/errors';
import { dayBefore, fyStartOf, money, toAccount, type AccountsCore } from './accounts-core';
import * as repo from './accounts.repo';

/** An account's ledger, the day book and journal entries. */
export function makeLedgers({ db, accounts, period }: AccountsCore) {
  async function ledger(code: string, query: LedgerQuery): Promise<AccountLedger> {
    const p = await period(query);
    await accounts();
    const account = await repo.accountByCode(db, code);
    if (!account) throw new AppError('NOT_FOUND', `Account ${code} not found`);
    const id = Number(account.id);
    const pl = account.type === 'income' || account.type === 'expense';
    // Income and expense ledgers open at the start of the financial year.
    const openFrom = pl ? fyStartOf(p.from, p.fyStartMonth) : null;
    let opening: number;
    if (query.partyId !== undefined) {
      opening =
        (await repo.partyNetBefore(db, query.partyId, [id], p.from)) -
        (openFrom ? await repo.partyNetBefore(db, query.partyId, [id], openFrom) : 0);
    } else {
      const t = await repo.totalsByAccount(db, openFrom, dayBefore(p.from), [id]);
      const x = t.get(id);
      opening = x ? x.debit - x.credit : 0;
    }
    const filter: repo.LineFilter = { accountIds: [id], partyId: query.partyId, from: p.from, to: p.to };
    const offset = (query.page - 1) * query.pageSize;
    const [sums, rows, before] = await Promise.all([
      repo.countLines(db, filter),
      repo.pageOfLines(db, filter, offset, query.pageSize),
      repo.netOfFirst(db, filter, offset),
    ]);
    let running = opening + before;
    const items = rows.map((r) => {
      running += Number(r.debit_paise) - Number(r.credit_paise);
      return {
        entryId: Number(r.entry_id),
        date: r.date,
        voucherType: r.voucher_type,
        reference: r.reference,
        narration: r.narration,
        partyId: r.party_id === null ? null : Number(r.party_id),
        partyName: r.party_name ?? null,
        sourceType: r.source_type,
        sourceId: Number(r.source_id),
        isReversal: r.reverses_id !== null,
        debit: money(Number(r.debit_paise)),
        credit: money(Number(r.credit_paise)),
        balance: money(running),
      };
    });
    return {
      account: toAccount(account),
      from: p.from,
      to: p.to,
      opening: money(opening),
      periodDebit: money(sums.debit),
      periodCredit: money(sums.credit),
      closing: money(opening + sums.debit - sums.credit),
      items,
      total: sums.count,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function withLines(entries: Awaited<ReturnType<typeof repo.pageOfEntries>>): Promise<JournalEntry[]> {
    const ids = entries.map((e) => Number(e.id));
    const [lines, reversals] = await Promise.all([repo.linesOfEntries(db, ids), repo.reversalsOf(db, ids)]);
    const byEntry = new Map<number, JournalEntry['lines']>();
    for (const l of lines) {
      const list = byEntry.get(Number(l.entry_id)) ?? [];
      list.push({
        accountCode: l.code,
        accountName: l.account_name,
        partyId: l.party_id === null ? null : Number(l.party_id),
        partyName: l.party_name ?? null,
        debit: money(Number(l.debit_paise)),
        credit: money(Number(l.credit_paise)),
      });
      byEntry.set(Number(l.entry_id), list);
    }
    return entries.map((e) => ({
      id: Number(e.id),
      date: e.date,
      voucherType: e.voucher_type,
      reference: e.reference,
      narration: e.narration,
      sourceType: e.source_type,
      sourceId: Number(e.source_id),
      reversesId: e.reverses_id === null ? null : Number(e.reverses_id),
      reversedById: reversals.get(Number(e.id)) ?? null,
      createdAt: e.created_at,
      lines: byEntry.get(Number(e.id)) ?? [],
    }));
  }

  async function dayBook(query: DayBookQuery): Promise<DayBook> {
    const p = await period(query);
    const offset = (query.page - 1) * query.pageSize;
    const [total, entries] = await Promise.all([
      repo.countEntries(db, p.from, p.to, query.voucherType),
      repo.pageOfEntries(db, p.from, p.to, offset, query.pageSize, query.voucherType),
    ]);
    return {
      from: p.from,
      to: p.to,
      items: await withLines(entries),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function entry(id: number): Promise<JournalEntry> {
    const rows = await repo.entriesByIds(db, [id]);
    if (rows.length === 0) throw new AppError('NOT_FOUND', `Journal entry ${id} not found`);
    return (await withLines(rows))[0]!;
  }

  /** Entries a document posted, oldest first (its posting, and any reversal and re-posting after a change). */
  async function entriesOf(sourceType: JournalEntry['sourceType'], sourceId: number): Promise<JournalEntry[]> {
    return withLines(await repo.entriesOfSource(db, sourceType, sourceId));
  }

  return { ledger, dayBook, entry, entriesOf };
}
