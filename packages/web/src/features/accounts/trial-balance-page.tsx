import { Link } from 'react-router';
import { Anchor, Badge, Paper, Table, Text } from '@mantine/core';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { formatAmount, formatDate } from '../../lib/format';
import { useTrialBalance } from './api';
import { AccountsTabs } from './components/accounts-tabs';
import { PeriodBar } from './components/period-bar';
import { drCr, isZeroAmount } from './labels';
import { periodSearch, usePeriodParams } from './period';

const COLUMNS = 7;

const money = (value: string) => (isZeroAmount(value) ? '' : formatAmount(value));

/** Every account with its opening, the period's debits and credits, and the closing balance on its side. */
export function TrialBalancePage() {
  const { period, value, setPeriod } = usePeriodParams();
  const query = useTrialBalance(period);
  const tb = query.data;
  const agrees = tb ? tb.totalDebit === tb.totalCredit : false;

  return (
    <>
      <PageHeader title="Trial balance" description="Closing balances of every account; debits equal credits." />
      <AccountsTabs />
      <PeriodBar value={value} onChange={setPeriod} />
      {query.isError ? (
        <QueryError error={query.error} what="the trial balance" onRetry={() => void query.refetch()} />
      ) : null}
      <Paper withBorder p={0}>
        <Text size="sm" c="dimmed" p="sm">
          {formatDate(period.from)} to {formatDate(period.to)} · Income and expense accounts open at the start of their
          financial year. Open an account for its ledger.
        </Text>
        <Table.ScrollContainer minWidth={820}>
          <Table fz="sm" verticalSpacing={6} highlightOnHover striped data-testid="trial-balance">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>Code</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th className="num-cell">Opening</Table.Th>
                <Table.Th className="num-cell">Period debit</Table.Th>
                <Table.Th className="num-cell">Period credit</Table.Th>
                <Table.Th className="num-cell">Debit</Table.Th>
                <Table.Th className="num-cell">Credit</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending ? <TableSkeletonRows columns={COLUMNS} /> : null}
              {tb?.accounts.map((row) => (
                <Table.Tr key={row.code} data-testid={`tb-row-${row.code}`}>
                  <Table.Td className="mono">{row.code}</Table.Td>
                  <Table.Td>
                    {/^\d+$/.test(row.code) ? (
                      <Anchor component={Link} to={`/accounts/ledger/${row.code}${periodSearch(period)}`} size="sm">
                        {row.name}
                      </Anchor>
                    ) : (
                      // A computed row (profit or loss of earlier years) has no ledger of its own.
                      row.name
                    )}
                  </Table.Td>
                  <Table.Td className="num-cell">{drCr(row.opening)}</Table.Td>
                  <Table.Td className="num-cell">{money(row.periodDebit)}</Table.Td>
                  <Table.Td className="num-cell">{money(row.periodCredit)}</Table.Td>
                  <Table.Td className="num-cell">{money(row.debit)}</Table.Td>
                  <Table.Td className="num-cell">{money(row.credit)}</Table.Td>
                </Table.Tr>
              ))}
              {tb && tb.accounts.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={COLUMNS}>
                    <Text size="sm" c="dimmed">
                      Nothing posted yet.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
            {tb ? (
              <Table.Tfoot>
                <Table.Tr data-testid="tb-totals">
                  <Table.Th colSpan={5}>
                    Total{' '}
                    <Badge
                      ml="xs"
                      size="sm"
                      color={agrees ? 'green' : 'red'}
                      variant="light"
                      data-testid="tb-agreement"
                    >
                      {agrees ? 'Debits equal credits' : 'Does not agree'}
                    </Badge>
                  </Table.Th>
                  <Table.Th className="num-cell" data-testid="tb-total-debit">
                    {formatAmount(tb.totalDebit)}
                  </Table.Th>
                  <Table.Th className="num-cell" data-testid="tb-total-credit">
                    {formatAmount(tb.totalCredit)}
                  </Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            ) : null}
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </>
  );
}
