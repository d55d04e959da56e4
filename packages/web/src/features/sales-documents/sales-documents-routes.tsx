import { Route, Routes } from 'react-router';
import type { SalesDocumentKind } from '@bizdash/contracts/sales-documents';
import { RequirePermission } from '../../app/auth/guards';
import { NotFoundPage } from '../../components/status-page';
import { SalesDocumentEditorPage } from './sales-document-editor-page';
import { SalesDocumentPage } from './sales-document-page';
import { SalesDocumentsListPage } from './sales-documents-list-page';

/** Everything under /quotations, /proformas or /challans: one feature, switched by kind. */
export function SalesDocumentsRoutes({ kind }: { kind: SalesDocumentKind }) {
  return (
    <Routes>
      <Route index element={<SalesDocumentsListPage kind={kind} />} />
      <Route
        path="new"
        element={
          <RequirePermission action="invoices.write">
            <SalesDocumentEditorPage kind={kind} />
          </RequirePermission>
        }
      />
      <Route
        path=":id/edit"
        element={
          <RequirePermission action="invoices.write">
            <SalesDocumentEditorPage kind={kind} />
          </RequirePermission>
        }
      />
      <Route path=":id" element={<SalesDocumentPage kind={kind} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
