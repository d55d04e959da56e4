import { Group, Tabs } from '@mantine/core';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth/auth-context';
import { RequirePermission } from '../../app/auth/guards';
import { NotFoundPage } from '../../components/status-page';
import { ApprovalsPage } from './approvals-page';
import { BalancesPage } from './balances-page';
import { PayoutsPage } from './payouts-page';
import { PartnerStatementPage } from './partner-statement-page';

/** Everything under /settlements: approvals, payouts, partner balances and a partner's statement. */
export function SettlementsRoutes() {
  return (
    <Routes>
      <Route index element={<ApprovalsPage />} />
      <Route
        path="payouts"
        element={
          <RequirePermission action="payouts.read">
            <PayoutsPage />
          </RequirePermission>
        }
      />
      <Route
        path="partners"
        element={
          <RequirePermission action="payouts.read">
            <BalancesPage />
          </RequirePermission>
        }
      />
      <Route
        path="partners/:id/statement"
        element={
          <RequirePermission action="payouts.read">
            <PartnerStatementPage />
          </RequirePermission>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

const TABS = [
  { path: '/settlements', label: 'Approvals', action: 'money.read' },
  { path: '/settlements/payouts', label: 'Payouts', action: 'payouts.read' },
  { path: '/settlements/partners', label: 'Partner balances', action: 'payouts.read' },
] as const;

/** The area's sections, as tabs under the page header (only those the role may open). */
export function SettlementsTabs() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = TABS.filter((t) => can(t.action));
  const current = [...tabs].reverse().find((t) => pathname === t.path || pathname.startsWith(`${t.path}/`));
  if (tabs.length < 2) return null;
  return (
    <Group mb="md">
      <Tabs value={current?.path ?? null} onChange={(v) => v && void navigate(v)} variant="pills">
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t.path} value={t.path}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
    </Group>
  );
}
