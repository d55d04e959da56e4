import { makeAccountsCore, type AccountsServiceDeps } from './accounts-core';
import { makeChart } from './chart';
import { makeFinancialStatements } from './financial-statements';
import { makeLedgers } from './ledgers';
import { makePartyStatements } from './party-statements';
import { makeTrialBalance } from './trial-balance';

export { fyStartOf, type AccountsServiceDeps } from './accounts-core';
export type { StatementSection } from './financial-statements';

/**
 * The accounts context's reading side: chart of accounts, trial balance, ledgers, day book, journal entries,
 * party statements, profit and loss and balance sheet. All figures come from the journal (totals from the daily
 * table), so every report agrees with every other. Each concern lives in its own file; this assembles them.
 */
export function makeAccountsService(deps: AccountsServiceDeps) {
  const core = makeAccountsCore(deps);
  const { list, create, update } = makeChart(core);
  const { trialBalance } = makeTrialBalance(core);
  const { ledger, dayBook, entry, entriesOf } = makeLedgers(core);
  const { statement, partyBalances } = makePartyStatements(core);
  const { profitAndLoss, balanceSheet } = makeFinancialStatements(core);

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
