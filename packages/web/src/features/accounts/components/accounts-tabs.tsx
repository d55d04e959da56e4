import { Group, Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import type { Action } from '@bizdash/domain/permissions';
import { useAuth } from '../../../app/auth/auth-context';
import { BANK_ACCOUNT_CODE, CASH_ACCOUNT_CODE } from '../labels';

interface AccountsTab {
  path: string;
  label: string;
  action: Action;
}

const TABS: readonly AccountsTab[] = [
  { path: '/accounts', label: 'Chart of accounts', action: 'accounts.read' },
  { path: '/accounts/trial-balance', label: 'Trial balance', action: 'accounts.read' },
  { path: '/accounts/day-book', label: 'Day book', action: 'accounts.read' },
  { path: `/accounts/ledger/${CASH_ACCOUNT_CODE}`, label: 'Cash book', action: 'accounts.read' },
  { path: `/accounts/ledger/${BANK_ACCOUNT_CODE}`, label: 'Bank book', action: 'accounts.read' },
  // The two statements are generic reports; they open on the Reports page with its export and drill-down.
  { path: '/reports/profit-and-loss', label: 'Profit and loss', action: 'reports.read' },
  { path: '/reports/balance-sheet', label: 'Balance sheet', action: 'reports.read' },
];

/** The area's sections as tabs under the page header; moving between book screens keeps the period. */
export function AccountsTabs() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const tabs = TABS.filter((t) => can(t.action));
  const current = tabs.find((t) => t.path === pathname) ?? null;
  function open(path: string) {
    const params = new URLSearchParams(search);
    const keep = new URLSearchParams();
    for (const key of ['from', 'to']) {
      const value = params.get(key);
      if (value) keep.set(key, value);
    }
    const qs = path.startsWith('/accounts') ? keep.toString() : '';
    void navigate(qs ? `${path}?${qs}` : path);
  }
  return (
    <Group mb="md">
      <Tabs value={current?.path ?? null} onChange={(v) => v && open(v)} variant="pills">
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t.path} value={t.path} data-testid={`accounts-tab-${t.path.split('/').pop() ?? ''}`}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
    </Group>
  );
}
