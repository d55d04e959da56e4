import { Fragment, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Anchor, Badge, Button, Group, Modal, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import type { Account, AccountType, StatementGroup, TrialBalanceRow } from '@bizdash/contracts/accounts';
import { useAuth } from '../../app/auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { PLACEHOLDER, formatAmount, formatDate } from '../../lib/format';
import { useChartOfAccounts, useCreateAccount, useTrialBalance, useUpdateAccount } from './api';
import { AccountsTabs } from './components/accounts-tabs';
import { TallyExportButton } from './components/period-bar';
import { GROUPS_BY_TYPE, GROUP_LABELS, TYPE_LABELS, TYPE_ORDER, isZeroAmount } from './labels';
import { defaultPeriod, periodSearch } from './period';

const COLUMNS = 4;

/** The chart of accounts by type and Schedule III group, with each account's balance for the year to date. */
export function ChartOfAccountsPage() {
  const { can } = useAuth();
  const canManage = can('accounts.manage');
  const period = defaultPeriod();
  const chart = useChartOfAccounts();
  const balances = useTrialBalance(period);
  const [isAdding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Account | null>(null);
  const byCode = new Map<string, TrialBalanceRow>((balances.data?.accounts ?? []).map((row) => [row.code, row]));
  const accounts = chart.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Accounts"
        description="The book every invoice, payment, expense, settlement and payout posts to."
        actions={
          <>
            <TallyExportButton period={period} />
            {canManage ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="account-add">
                Add account
              </Button>
            ) : null}
          </>
        }
      />
      <AccountsTabs />
      {chart.isError ? <QueryError error={chart.error} what="the chart of accounts" /> : null}
      <Paper withBorder p={0}>
        <Text size="sm" c="dimmed" p="sm">
          Balances for {formatDate(period.from)} to {formatDate(period.to)}. Open an account for its ledger.
        </Text>
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" verticalSpacing={6} highlightOnHover data-testid="chart-of-accounts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={90}>Code</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th className="num-cell">Balance</Table.Th>
                <Table.Th w={canManage ? 110 : 0} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {chart.isPending ? <TableSkeletonRows columns={COLUMNS} /> : null}
              {TYPE_ORDER.map((type) => (
                <TypeRows
                  key={type}
                  type={type}
                  accounts={accounts.filter((a) => a.type === type)}
                  balances={byCode}
                  period={period}
                  canManage={canManage}
                  onEdit={setEditing}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <AddAccountModal opened={isAdding} onClose={() => setAdding(false)} />
      <EditAccountModal account={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function TypeRows({
  type,
  accounts,
  balances,
  period,
  canManage,
  onEdit,
}: {
  type: AccountType;
  accounts: Account[];
  balances: Map<string, TrialBalanceRow>;
  period: { from: string; to: string };
  canManage: boolean;
  onEdit: (account: Account) => void;
}) {
  if (accounts.length === 0) return null;
  const groups = [...new Set(accounts.map((a) => a.group))];
  return (
    <>
      <Table.Tr bg="var(--mantine-color-gray-light)">
        <Table.Td colSpan={COLUMNS}>
          <Text fw={700} size="sm" tt="uppercase">
            {TYPE_LABELS[type]}
          </Text>
        </Table.Td>
      </Table.Tr>
      {groups.map((group: StatementGroup) => (
        <Fragment key={group}>
          <Table.Tr>
            <Table.Td colSpan={COLUMNS}>
              <Text fw={600} size="sm" c="dimmed">
                {GROUP_LABELS[group]}
              </Text>
            </Table.Td>
          </Table.Tr>
          {accounts
            .filter((a) => a.group === group)
            .map((account) => (
              <AccountRow
                key={account.id}
                account={account}
                balance={balances.get(account.code)}
                period={period}
                canManage={canManage}
                onEdit={onEdit}
              />
            ))}
        </Fragment>
      ))}
    </>
  );
}

function AccountRow({
  account,
  balance,
  period,
  canManage,
  onEdit,
}: {
  account: Account;
  balance: TrialBalanceRow | undefined;
  period: { from: string; to: string };
  canManage: boolean;
  onEdit: (account: Account) => void;
}) {
  return (
    <Table.Tr data-testid={`account-${account.code}`} style={{ opacity: account.isActive ? 1 : 0.6 }}>
      <Table.Td className="mono">{account.code}</Table.Td>
      <Table.Td>
        <Group gap={6} wrap="wrap">
          <Anchor component={Link} to={`/accounts/ledger/${account.code}${periodSearch(period)}`} size="sm">
            {account.name}
          </Anchor>
          {account.systemKey !== null ? (
            <Badge size="xs" variant="default">
              System
            </Badge>
          ) : null}
          {account.partyLedger ? (
            <Badge size="xs" variant="light">
              Party-wise
            </Badge>
          ) : null}
          {account.isActive ? null : (
            <Badge size="xs" color="gray">
              Inactive
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td className="num-cell">{balanceText(balance)}</Table.Td>
      <Table.Td ta="right">
        {canManage ? (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => onEdit(account)}
            aria-label={`Edit ${account.name}`}
          >
            Edit
          </Button>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** The closing balance on its side, from the trial balance row (an account with no postings has none). */
function balanceText(row: TrialBalanceRow | undefined): string {
  if (!row) return PLACEHOLDER;
  if (!isZeroAmount(row.debit)) return `${formatAmount(row.debit)} Dr`;
  if (!isZeroAmount(row.credit)) return `${formatAmount(row.credit)} Cr`;
  return formatAmount('0.00');
}

function AddAccountModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateAccount();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [type, setType] = useState<AccountType>('expense');
  const [group, setGroup] = useState<StatementGroup>('other_expenses');
  const errors = fieldErrorsOf(create.error);
  function close() {
    create.reset();
    setCode('');
    setName('');
    onClose();
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { code: code.trim(), name: name.trim(), type, group },
      {
        onSuccess: (account) => {
          notifications.show({ color: 'green', message: `Added ${account.code} ${account.name}` });
          close();
        },
      },
    );
  }
  const formError = create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : null;
  return (
    <Modal opened={opened} onClose={close} title="Add an account" centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label="Code"
            description="3 to 6 digits, unique"
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={errors.code}
            classNames={{ input: 'mono' }}
            data-autofocus
          />
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <Select
            label="Type"
            allowDeselect={false}
            data={TYPE_ORDER.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
            value={type}
            onChange={(value) => {
              if (!value) return;
              const next = value as AccountType; // one of TYPE_ORDER, the only options offered
              setType(next);
              setGroup(GROUPS_BY_TYPE[next][0]!);
            }}
            error={errors.type}
          />
          <Select
            label="Schedule III group"
            allowDeselect={false}
            data={GROUPS_BY_TYPE[type].map((g) => ({ value: g, label: GROUP_LABELS[g] }))}
            value={group}
            onChange={(value) => value && setGroup(value as StatementGroup)} // offered from GROUPS_BY_TYPE only
            error={errors.group}
          />
          {formError ? (
            <Text size="sm" c="red" role="alert">
              {formError}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function EditAccountModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  return (
    <Modal opened={account !== null} onClose={onClose} title="Edit account" centered>
      {account ? <EditAccountForm key={account.id} account={account} onClose={onClose} /> : null}
    </Modal>
  );
}

function EditAccountForm({ account, onClose }: { account: Account; onClose: () => void }) {
  const update = useUpdateAccount();
  const [name, setName] = useState(account.name);
  const errors = fieldErrorsOf(update.error);
  const isSystem = account.systemKey !== null;
  function save(patch: { name?: string; isActive?: boolean }, message: string) {
    update.mutate(
      { id: account.id, patch },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message });
          onClose();
        },
        onError: (error) => {
          if (Object.keys(fieldErrorsOf(error)).length === 0)
            notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) });
        },
      },
    );
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save({ name: name.trim() }, `Renamed to ${name.trim()}`);
      }}
    >
      <Stack gap="sm">
        <Text size="sm">
          <span className="mono">{account.code}</span> · {TYPE_LABELS[account.type]} · {GROUP_LABELS[account.group]}
        </Text>
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        {isSystem ? (
          <Text size="xs" c="dimmed">
            A system account: postings find it by its role, so it can be renamed but not deactivated.
          </Text>
        ) : null}
        <Group justify="space-between">
          {isSystem ? (
            <span />
          ) : (
            <Button
              variant="subtle"
              color={account.isActive ? 'red' : 'green'}
              loading={update.isPending}
              onClick={() =>
                save(
                  { isActive: !account.isActive },
                  account.isActive ? `${account.name} deactivated` : `${account.name} is active again`,
                )
              }
              data-testid="account-toggle-active"
            >
              {account.isActive ? 'Deactivate' : 'Activate'}
            </Button>
          )}
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
