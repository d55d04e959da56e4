import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/status-page';
import { ChartOfAccountsPage } from './chart-page';
import { DayBookPage } from './day-book-page';
import { JournalEntryPage } from './entry-page';
import { LedgerPage } from './ledger-page';
import { TrialBalancePage } from './trial-balance-page';

/** Everything under /accounts: the chart, trial balance, ledgers (cash and bank books), day book, one entry. */
export function AccountsRoutes() {
  return (
    <Routes>
      <Route index element={<ChartOfAccountsPage />} />
      <Route path="trial-balance" element={<TrialBalancePage />} />
      <Route path="day-book" element={<DayBookPage />} />
      <Route path="ledger/:code" element={<LedgerPage />} />
      <Route path="entries/:id" element={<JournalEntryPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
