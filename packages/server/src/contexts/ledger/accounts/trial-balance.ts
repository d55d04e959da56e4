import type { PeriodQuery, TrialBalance } from '@bizdash/contracts/accounts';
import type { StatementGroup } from '@bizdash/domain/ledger/chart';
import { dayBefore, fyStartOf, money, type AccountsCore } from './accounts-core';
import * as repo from './accounts.repo';

/** The trial balance of a period. */
export function makeTrialBalance({ db, accounts, period }: AccountsCore) {
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

  return { trialBalance };
}
