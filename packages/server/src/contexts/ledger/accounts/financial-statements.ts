import type { PeriodQuery } from '@bizdash/contracts/accounts';
import { isDebitNature, STATEMENT_GROUPS, type AccountType, type StatementGroup } from '@bizdash/domain/ledger/chart';
import { assertDate, dayBefore, fyStartOf, type AccountsCore } from './accounts-core';
import * as repo from './accounts.repo';

export interface StatementSection {
  group: StatementGroup;
  label: string;
  amount: number;
  accounts: { code: string; name: string; amount: number }[];
}

/** Profit and loss for a period and the balance sheet as of a date, by Schedule III group. */
export function makeFinancialStatements({ db, calendar, accounts, period }: AccountsCore) {
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

  return { profitAndLoss, balanceSheet };
}
