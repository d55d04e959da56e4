import type {
  Account,
  AccountLedger,
  CreateAccountInput,
  DayBook,
  DayBookQuery,
  JournalEntry,
  LedgerQuery,
  PartyStatement,
  PeriodQuery,
  TrialBalance,
  UpdateAccountInput,
} from '@bizdash/contracts/accounts';
import { AppError } from '@bizdash/domain/errors';
import { isDebitNature, STATEMENT_GROUPS, type AccountType, type StatementGroup } from '@bizdash/domain/ledger/chart';
import { toMoneyString } from '@bizdash/domain/money';
import { addDays } from '@bizdash/domain/orders/calendar';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import { isUniqueViolation, type Database } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import type { RequestContext } from '../../../platform/request-context';
import * as repo from './accounts.repo';
import type { LedgerAccountRow } from './accounts.tables';
import { ensureChart } from './journal.repo';

export interface AccountsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time: periods default to the books' year up to today. */
  calendar: BusinessCalendar;
}

const money = toMoneyString;

function toAccount(r: LedgerAccountRow): Account {
  return {
    id: Number(r.id),
    code: r.code,
    name: r.name,
    type: r.type,
    group: r.statement_group as StatementGroup,
    systemKey: r.system_key,
    partyLedger: toBool(r.party_ledger),
    isActive: toBool(r.is_active),
  };
}

/** The first day of the financial year a date falls in, for a year starting in `fyStartMonth`. */
export function fyStartOf(date: string, fyStartMonth: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const startYear = month >= fyStartMonth ? year : year - 1;
  return `${startYear}-${String(fyStartMonth).padStart(2, '0')}-01`;
}

const dayBefore = (date: string) => addDays(date, -1);

function assertDate(value: string, field: string): void {
  const t = Date.parse(`${value}T00:00:00Z`);
  if (
    Number.isNaN(t) ||
    new Date(t).toISOString().slice(0, 10) !== value ||
    value < '2000-01-01' ||
    value > '2099-12-31'
  ) {
    throw new AppError('VALIDATION_FAILED', `${field} is not a valid date`, { field });
  }
}

export interface StatementSection {
  group: StatementGroup;
  label: string;
  amount: number;
  accounts: { code: string; name: string; amount: number }[];
}

/**
 * The accounts context's reading side: chart of accounts, trial balance, ledgers, day book, journal entries,
 * party statements, profit and loss and balance sheet. All figures come from the journal (totals from the daily
 * table), so every report agrees with every other.
 */
export function makeAccountsService({ database, audit, clock, calendar }: AccountsServiceDeps) {
  const { db } = database;
  const now = () => clock.now().toISOString();

  async function accounts(): Promise<LedgerAccountRow[]> {
    let rows = await repo.listAccounts(db);
    if (!rows.some((r) => r.system_key)) {
      await database.transaction((tx) => ensureChart(tx, now()));
      rows = await repo.listAccounts(db);
    }
    return rows;
  }

  async function period(query: PeriodQuery): Promise<{ from: string; to: string; fyStartMonth: number }> {
    const { today, fyStartMonth } = await calendar.current();
    const from = query.from ?? fyStartOf(today, fyStartMonth);
    const to = query.to ?? today;
    assertDate(from, 'from');
    assertDate(to, 'to');
    if (from > to) throw new AppError('VALIDATION_FAILED', 'from must not be after to', { field: 'from' });
    return { from, to, fyStartMonth };
  }

  async function list(): Promise<{ items: Account[] }> {
    return { items: (await accounts()).map(toAccount) };
  }

  async function create(ctx: RequestContext, input: CreateAccountInput): Promise<Account> {
    await accounts();
    const at = now();
    try {
      return await database.transaction(async (tx) => {
        const row = await tx
          .insertInto('ledger_accounts')
          .values({
            code: input.code,
            name: input.name,
            type: input.type,
            statement_group: input.group,
            system_key: null,
            party_ledger: false,
            is_active: true,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(tx, ctx, {
          action: 'account.created',
          entity: 'ledger_account',
          entityId: String(row.id),
          changes: { code: { before: null, after: input.code }, name: { before: null, after: input.name } },
        });
        return toAccount(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('CONFLICT', `Account code ${input.code} is taken`, { field: 'code' });
      }
      throw error;
    }
  }

  async function update(ctx: RequestContext, id: number, input: UpdateAccountInput): Promise<Account> {
    return database.transaction(async (tx) => {
      const before = await tx.selectFrom('ledger_accounts').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new AppError('NOT_FOUND', `Account ${id} not found`);
      if (input.isActive === false && before.system_key) {
        throw new AppError('VALIDATION_FAILED', 'A system account cannot be deactivated; posting rules use it', {
          field: 'isActive',
        });
      }
      const row = await tx
        .updateTable('ledger_accounts')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
          updated_at: now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(tx, ctx, {
        action: 'account.updated',
        entity: 'ledger_account',
        entityId: String(id),
        changes: {
          ...(input.name !== undefined ? { name: { before: before.name, after: input.name } } : {}),
          ...(input.isActive !== undefined
            ? { isActive: { before: toBool(before.is_active), after: input.isActive } }
            : {}),
        },
      });
      return toAccount(row);
    });
  }

  /**
   * Opening balance, movements and closing balance of every account. Income and expense accounts open at the start
   * of the financial year of `from`; what they held before that is the profit of earlier years, shown on one line
   * under reserves, so the trial balance balances for any period.
   */
  async function trialBalance(query: PeriodQuery): Promise<TrialBalance> {
    const p = await period(query);
    const rows = await accounts();
    const fyStart = fyStartOf(p.from, p.fyStartMonth);
    const [before, beforeFy, during] = await Promise.all([
      repo.totalsByAccount(db, null, dayBefore(p.from)),
      repo.totalsByAccount(db, null, dayBefore(fyStart)),
      repo.totalsByAccount(db, p.from, p.to),
    ]);
    const net = (t: repo.AccountTotals | undefined) => (t ? t.debit - t.credit : 0);
    let earlierProfit = 0;
    const out: TrialBalance['accounts'] = [];
    let totalDebit = 0;
    let totalCredit = 0;
    for (const r of rows) {
      const id = Number(r.id);
      const pl = r.type === 'income' || r.type === 'expense';
      let opening = net(before.get(id));
      if (pl) {
        earlierProfit += net(beforeFy.get(id));
        opening -= net(beforeFy.get(id));
      }
      const moved = during.get(id) ?? { accountId: id, debit: 0, credit: 0 };
      const closing = opening + moved.debit - moved.credit;
      if (opening === 0 && moved.debit === 0 && moved.credit === 0) continue;
      totalDebit += closing > 0 ? closing : 0;
      totalCredit += closing < 0 ? -closing : 0;
      out.push({
        code: r.code,
        name: r.name,
        type: r.type,
        group: r.statement_group as StatementGroup,
        opening: money(opening),
        periodDebit: money(moved.debit),
        periodCredit: money(moved.credit),
        debit: money(closing > 0 ? closing : 0),
        credit: money(closing < 0 ? -closing : 0),
      });
    }
    if (earlierProfit !== 0) {
      totalDebit += earlierProfit > 0 ? earlierProfit : 0;
      totalCredit += earlierProfit < 0 ? -earlierProfit : 0;
      out.push({
        code: 'P&L',
        name: 'Profit and loss of earlier years',
        type: 'equity',
        group: 'reserves_and_surplus',
        opening: money(earlierProfit),
        periodDebit: '0.00',
        periodCredit: '0.00',
        debit: money(earlierProfit > 0 ? earlierProfit : 0),
        credit: money(earlierProfit < 0 ? -earlierProfit : 0),
      });
    }
    return { from: p.from, to: p.to, accounts: out, totalDebit: money(totalDebit), totalCredit: money(totalCredit) };
  }

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

  /**
   * Everything with one party, orders and invoices alike: its lines on every party-ledger account (debtors,
   * creditors, advances, partner payable). Positive balances: the party owes the business.
   */
  async function statement(partyId: number, query: PeriodQuery): Promise<PartyStatement> {
    const p = await period(query);
    const party = await db
      .selectFrom('parties')
      .select(['id', 'name', 'gstin'])
      .where('id', '=', partyId)
      .executeTakeFirst();
    if (!party) throw new AppError('NOT_FOUND', `Party ${partyId} not found`);
    const partyAccounts = (await accounts()).filter((a) => toBool(a.party_ledger)).map((a) => Number(a.id));
    const filter: repo.LineFilter = { accountIds: partyAccounts, partyId, from: p.from, to: p.to };
    const opening = await repo.partyNetBefore(db, partyId, partyAccounts, p.from);
    // A statement is printed whole: bounded by what one party does in a period (tens of thousands of lines at most).
    const rows = await repo.pageOfLines(db, filter, 0, 100_000);
    let running = opening;
    let debit = 0;
    let credit = 0;
    const lines = rows.map((r) => {
      const d = Number(r.debit_paise);
      const c = Number(r.credit_paise);
      debit += d;
      credit += c;
      running += d - c;
      return {
        entryId: Number(r.entry_id),
        date: r.date,
        voucherType: r.voucher_type,
        reference: r.reference,
        narration: r.narration,
        sourceType: r.source_type,
        sourceId: Number(r.source_id),
        isReversal: r.reverses_id !== null,
        debit: money(d),
        credit: money(c),
        balance: money(running),
      };
    });
    return {
      party: { id: Number(party.id), name: party.name, gstin: party.gstin },
      from: p.from,
      to: p.to,
      opening: money(opening),
      totalDebit: money(debit),
      totalCredit: money(credit),
      closing: money(running),
      lines,
    };
  }

  /** Each party's balance across its ledgers (debtors, creditors, advances, partner payable), debit positive. */
  async function partyBalances(partyIds: number[]): Promise<Map<number, number>> {
    const partyAccounts = (await accounts()).filter((a) => toBool(a.party_ledger)).map((a) => Number(a.id));
    return repo.partyNets(db, partyIds, partyAccounts);
  }

  /** Balances by Schedule III group: income and expense for a period, or balance-sheet accounts as of a date. */
  async function sections(
    types: AccountType[],
    from: string | null,
    to: string,
  ): Promise<Map<StatementGroup, StatementSection>> {
    const rows = (await accounts()).filter((a) => types.includes(a.type));
    const totals = await repo.totalsByAccount(
      db,
      from,
      to,
      rows.map((r) => Number(r.id)),
    );
    const out = new Map<StatementGroup, StatementSection>();
    for (const r of rows) {
      const t = totals.get(Number(r.id));
      if (!t) continue;
      // Shown on its natural side: assets and expenses as debit balances, the rest as credit balances.
      const amount = isDebitNature(r.type) ? t.debit - t.credit : t.credit - t.debit;
      if (amount === 0 && t.debit === 0) continue;
      const group = r.statement_group as StatementGroup;
      const label = STATEMENT_GROUPS.find((g) => g.group === group)?.label ?? group;
      const s = out.get(group) ?? { group, label, amount: 0, accounts: [] };
      s.amount += amount;
      s.accounts.push({ code: r.code, name: r.name, amount });
      out.set(group, s);
    }
    return out;
  }

  async function profitAndLoss(query: PeriodQuery) {
    const p = await period(query);
    const s = await sections(['income', 'expense'], p.from, p.to);
    const get = (g: StatementGroup) => s.get(g)?.amount ?? 0;
    const income = get('revenue_from_operations') + get('other_income');
    const expenses = get('purchases_of_stock_in_trade') + get('other_expenses');
    return { from: p.from, to: p.to, sections: s, income, expenses, profit: income - expenses };
  }

  async function balanceSheet(asOfInput: string | undefined) {
    const { today, fyStartMonth } = await calendar.current();
    const asOf = asOfInput ?? today;
    assertDate(asOf, 'asOf');
    const fyStart = fyStartOf(asOf, fyStartMonth);
    const [bs, current, earlier] = await Promise.all([
      sections(['asset', 'liability', 'equity'], null, asOf),
      sections(['income', 'expense'], fyStart, asOf),
      sections(['income', 'expense'], null, dayBefore(fyStart)),
    ]);
    const profitOf = (m: Map<StatementGroup, StatementSection>) => {
      const g = (x: StatementGroup) => m.get(x)?.amount ?? 0;
      return g('revenue_from_operations') + g('other_income') - g('purchases_of_stock_in_trade') - g('other_expenses');
    };
    const profitThisYear = profitOf(current);
    const profitEarlier = profitOf(earlier);
    // Profit not yet closed to capital sits in reserves and surplus, as Schedule III prints it.
    const reserves = bs.get('reserves_and_surplus') ?? {
      group: 'reserves_and_surplus' as const,
      label: 'Reserves and surplus',
      amount: 0,
      accounts: [],
    };
    if (profitEarlier !== 0) {
      reserves.accounts.push({ code: 'P&L', name: 'Surplus of earlier years', amount: profitEarlier });
      reserves.amount += profitEarlier;
    }
    if (profitThisYear !== 0) {
      reserves.accounts.push({ code: 'P&L', name: 'Profit for the year to date', amount: profitThisYear });
      reserves.amount += profitThisYear;
    }
    if (reserves.accounts.length > 0) bs.set('reserves_and_surplus', reserves);
    const side = (groups: StatementGroup[]) => groups.flatMap((g) => (bs.get(g) ? [bs.get(g)!] : []));
    const equityAndLiabilities = side([
      'share_capital',
      'reserves_and_surplus',
      'trade_payables',
      'other_current_liabilities',
      'duties_and_taxes',
    ]);
    const assets = side([
      'trade_receivables',
      'cash_and_cash_equivalents',
      'short_term_loans_and_advances',
      'other_current_assets',
    ]);
    const sum = (xs: StatementSection[]) => xs.reduce((t, x) => t + x.amount, 0);
    return {
      asOf,
      from: fyStart,
      equityAndLiabilities,
      assets,
      totalEquityAndLiabilities: sum(equityAndLiabilities),
      totalAssets: sum(assets),
    };
  }

  return {
    list,
    create,
    update,
    trialBalance,
    ledger,
    dayBook,
    entry,
    entriesOf,
    statement,
    partyBalances,
    profitAndLoss,
    balanceSheet,
  };
}

export type AccountsService = ReturnType<typeof makeAccountsService>;
