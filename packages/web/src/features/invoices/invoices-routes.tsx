import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../app/auth/guards';
import { NotFoundPage } from '../../components/status-page';
import { AgeingPage, LedgerPage } from './ageing-page';
import { GstPage } from './gst-page';
import { InvoiceEditorPage } from './invoice-editor-page';
import { InvoicePage } from './invoice-page';
import { InvoicesPage } from './invoices-page';
import { PaymentsPage } from './payments-page';

/** Everything under /invoices: the list, the editor, one document, a party's ledger. */
export function InvoicesRoutes() {
  return (
    <Routes>
      <Route index element={<InvoicesPage />} />
      <Route
        path="new"
        element={
          <RequirePermission action="invoices.write">
            <InvoiceEditorPage />
          </RequirePermission>
        }
      />
      <Route
        path=":id/edit"
        element={
          <RequirePermission action="invoices.write">
            <InvoiceEditorPage />
          </RequirePermission>
        }
      />
      <Route path=":id" element={<InvoicePage />} />
      <Route
        path="ledger/:partyId"
        element={
          <RequirePermission action="money.read">
            <LedgerPage />
          </RequirePermission>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** Everything under /payments: payments in and out, ageing, party ledgers. */
export function PaymentsRoutes() {
  return (
    <Routes>
      <Route index element={<PaymentsPage />} />
      <Route
        path="ageing"
        element={
          <RequirePermission action="reports.read">
            <AgeingPage />
          </RequirePermission>
        }
      />
      <Route path="ledger/:partyId" element={<LedgerPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** Everything under /gst: GSTR-1 for a month, registers, period locks. */
export function GstRoutes() {
  return (
    <Routes>
      <Route index element={<GstPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
