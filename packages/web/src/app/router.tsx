import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import type { Action } from '@bizdash/domain/permissions';
import { ErrorBoundary } from '../components/error-boundary';
import { FullPageLoader } from '../components/page-loader';
import { NotFoundPage } from '../components/status-page';
import { AccountsRoutes } from '../features/accounts/accounts-routes';
import { LoginPage } from '../features/auth/login-page';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { GstRoutes, InvoicesRoutes, PaymentsRoutes } from '../features/invoices/invoices-routes';
import { SalesDocumentsRoutes } from '../features/sales-documents/sales-documents-routes';
import { OrdersRoutes, TasksPage } from '../features/orders/orders-routes';
import { PartiesPage } from '../features/parties/parties-page';
import { PartyDetailPage } from '../features/parties/party-detail-page';
import { EditPartyPage, NewPartyPage } from '../features/parties/party-form-page';
import { PortalPage } from '../features/portal/portal-page';
import { RecurringRoutes } from '../features/recurring/recurring-routes';
import { ReportsPage } from '../features/reports/reports-page';
import { SettlementsRoutes } from '../features/settlements/settlements-routes';
import { HomeRedirect, RedirectIfSignedIn, RequireAuth, RequirePermission, RequireSetup } from './auth/guards';
import { AppLayout } from './layout/app-layout';

// Admin and rarely used pages load on demand to keep the first download small.
const SetupPage = lazy(() => import('../features/auth/setup-page').then((m) => ({ default: m.SetupPage })));
const UsersPage = lazy(() => import('../features/users/users-page').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('../features/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const AccountPage = lazy(() => import('../features/account/account-page').then((m) => ({ default: m.AccountPage })));
const ImportPage = lazy(() => import('../features/imports/import-page').then((m) => ({ default: m.ImportPage })));
const LeadsPage = lazy(() => import('../features/leads/leads-page').then((m) => ({ default: m.LeadsPage })));
const JobsPage = lazy(() => import('../features/jobs/jobs-page').then((m) => ({ default: m.JobsPage })));
const SettingsPage = lazy(() =>
  import('../features/settings/settings-page').then((m) => ({ default: m.SettingsPage })),
);

function guard(action: Action, page: ReactNode) {
  return <RequirePermission action={action}>{page}</RequirePermission>;
}

/**
 * Route map. Every signed-in route sits in AppLayout behind RequireAuth; each area checks its own permission and
 * shows a 403 page rather than redirecting, so a shared link explains itself.
 */
export function AppRoutes() {
  return (
    <ErrorBoundary>
      <Suspense fallback={<FullPageLoader />}>
        <Routes>
          <Route element={<RequireSetup />}>
            <Route path="/setup" element={<SetupPage />} />
          </Route>
          <Route element={<RedirectIfSignedIn />}>
            <Route path="/login" element={<LoginPage />} />
          </Route>
          <Route element={<RequireAuth />}>
            <Route element={<AppLayout />}>
              <Route index element={<HomeRedirect />} />
              <Route path="/dashboard" element={guard('dashboard.read', <DashboardPage />)} />
              <Route path="/orders/*" element={guard('orders.read', <OrdersRoutes />)} />
              <Route path="/tasks" element={guard('orders.read', <TasksPage />)} />
              <Route path="/invoices/*" element={guard('invoices.read', <InvoicesRoutes />)} />
              <Route path="/recurring/*" element={guard('invoices.read', <RecurringRoutes />)} />
              <Route
                path="/quotations/*"
                element={guard('invoices.read', <SalesDocumentsRoutes key="quotation" kind="quotation" />)}
              />
              <Route
                path="/proformas/*"
                element={guard('invoices.read', <SalesDocumentsRoutes key="proforma" kind="proforma" />)}
              />
              <Route
                path="/challans/*"
                element={guard('invoices.read', <SalesDocumentsRoutes key="challan" kind="delivery_challan" />)}
              />
              <Route path="/payments/*" element={guard('money.read', <PaymentsRoutes />)} />
              <Route path="/gst/*" element={guard('reports.read', <GstRoutes />)} />
              <Route path="/parties" element={guard('parties.read', <PartiesPage />)} />
              <Route path="/parties/new" element={guard('parties.write', <NewPartyPage />)} />
              <Route
                path="/parties/import"
                element={guard(
                  'parties.write',
                  <ImportPage
                    entity="parties"
                    title="Import parties"
                    listPath="/parties"
                    noun="party"
                    nounPlural="parties"
                  />,
                )}
              />
              <Route
                path="/settings/items/import"
                element={guard(
                  'masters.write',
                  <ImportPage
                    entity="items"
                    title="Import items"
                    listPath="/settings/items"
                    noun="item"
                    nounPlural="items"
                  />,
                )}
              />
              <Route path="/parties/:id" element={guard('parties.read', <PartyDetailPage />)} />
              <Route path="/parties/:id/edit" element={guard('parties.write', <EditPartyPage />)} />
              <Route path="/reports/*" element={guard('reports.read', <ReportsPage />)} />
              <Route path="/settlements/*" element={guard('money.read', <SettlementsRoutes />)} />
              <Route path="/accounts/*" element={guard('accounts.read', <AccountsRoutes />)} />
              <Route path="/jobs" element={guard('jobs.manage', <JobsPage />)} />
              <Route path="/leads" element={guard('parties.read', <LeadsPage />)} />
              {/* Sections check settings.read / masters.read themselves (staff may read master data). */}
              <Route path="/settings/*" element={<SettingsPage />} />
              <Route path="/portal" element={guard('portal.read', <PortalPage />)} />
              <Route path="/users" element={guard('users.read', <UsersPage />)} />
              <Route path="/audit" element={guard('audit.read', <AuditPage />)} />
              <Route path="/account" element={<AccountPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
