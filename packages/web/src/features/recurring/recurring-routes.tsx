import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../app/auth/guards';
import { NotFoundPage } from '../../components/status-page';
import { RecurringDetailPage } from './recurring-detail-page';
import { RecurringFormPage } from './recurring-form-page';
import { RecurringListPage } from './recurring-list-page';

/** Everything under /recurring: the profiles, the form, one profile with its history. */
export function RecurringRoutes() {
  const form = (
    <RequirePermission action="invoices.write">
      <RecurringFormPage />
    </RequirePermission>
  );
  return (
    <Routes>
      <Route index element={<RecurringListPage />} />
      <Route path="new" element={form} />
      <Route path=":id/edit" element={form} />
      <Route path=":id" element={<RecurringDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
