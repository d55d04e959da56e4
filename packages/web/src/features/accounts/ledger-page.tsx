import { Link, useParams } from 'react-router';
import { Anchor, Badge, Button, CloseButton, Group, Paper, SimpleGrid, Table, Text } from '@mantine/core';
import type { AccountLedger } from '@bizdash/contracts/accounts';
import { ListPagination, useClampPage } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { formatAmount, formatDate } from '../../lib/format';
import { useLedger } from './api';
import { AccountsTabs } from './components/accounts-tabs';
import { PeriodBar } from './components/period-bar';
import { SourceLink } from './components/source-link';
import { BANK_ACCOUNT_CODE, CASH_ACCOUNT_CODE, GROUP_LABELS, VOUCHER_LABELS, drCr, isZeroAmount } from './labels';
import { usePeriodParams } from './period';

const COLUMNS = 9;
const PAGE_SIZES = [50, 100, 200] as const;

const money = (value: string) => (isZeroAmount(value) ? '' : formatAmount(value));

function titleOf(code: string, ledger: AccountLedger | undefined): string {
  if (code === CASH_ACCOUNT_CODE) return 'Cash book';
  if (code === BANK_ACCOUNT_CODE) return 'Bank book';
  return ledger ? `${ledger.account.code} ${ledger.account.name}` : `Ledger ${code}`;
}

/** One account's ledger: opening, every posting with its running balance and document, closing. */
export function LedgerPage() {
  const code = useParams().code ?? '';
  const { period, value, setPeriod, searchParams, setParam } = usePeriodParams();
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const pageSize = PAGE_SIZES.find((s) => s === Number(searchParams.get('pageSize'))) ?? PAGE_SIZES[0];
  const partyId = Number(searchParams.get('partyId')) || undefined;
  const query = useLedger(code, { ...period, page, pageSize, partyId });
  const ledger = query.data;
  useClampPage(ledger, page, pageSize, (p) => setParam('page', String(p)));
  const partyName = ledger?.items.find((l) => l.partyId === partyId)?.partyName;

  return (
    <>
      <PageHeader
        title={titleOf(code, ledger)}
        description={
          ledger ? (
            <>
              {ledger.account.code} {ledger.account.name} · {GROUP_LABELS[ledger.account.group]}
            </>
          ) : undefined
        }
        actions={
          <Anchor component={Link} to={`/accounts/trial-balance?from=${period.from}&to=${period.to}`} size="sm">
            Trial balance
          </Anchor>
        }
      />
      <AccountsTabs />
      <PeriodBar value={value} onChange={setPeriod}>
        {partyId ? (
          <Badge
            size="lg"
            variant="light"
            rightSection={<CloseButton size="xs" aria-label="All parties" onClick={() => setParam('partyId', null)} />}
          >
            {partyName ?? `Party #${partyId}`}
          </Badge>
        ) : null}
      </PeriodBar>
      {query.isError ? <QueryError error={query.error} what="the ledger" onRetry={() => void query.refetch()} /> : null}
      {ledger ? (
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mb="md" data-testid="ledger-summary">
          <Figure label="Opening" value={drCr(ledger.opening)} testId="ledger-opening" />
          <Figure label="Debits" value={formatAmount(ledger.periodDebit)} />
          <Figure label="Credits" value={formatAmount(ledger.periodCredit)} />
          <Figure label="Closing" value={drCr(ledger.closing)} testId="ledger-closing" />
        </SimpleGrid>
      ) : null}
      <Paper withBorder p={0}>
        <Table.ScrollContainer minWidth={1080}>
          <Table fz="sm" verticalSpacing={6} highlightOnHover data-testid="ledger-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={100}>Date</Table.Th>
                <Table.Th>Voucher</Table.Th>
                <Table.Th>Reference</Table.Th>
                <Table.Th>Narration</Table.Th>
                <Table.Th>Party</Table.Th>
                <Table.Th className="num-cell">Debit</Table.Th>
                <Table.Th className="num-cell">Credit</Table.Th>
                <Table.Th className="num-cell">Balance</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending ? <TableSkeletonRows columns={COLUMNS} /> : null}
              {ledger && page === 1 ? (
                <Table.Tr>
                  <Table.Td className="num">{formatDate(ledger.from)}</Table.Td>
                  <Table.Td colSpan={6}>
                    <Text size="sm" fw={600}>
                      Opening balance
                    </Text>
                  </Table.Td>
                  <Table.Td className="num-cell">{drCr(ledger.opening)}</Table.Td>
                  <Table.Td />
                </Table.Tr>
              ) : null}
              {ledger?.items.map((line, i) => (
                <Table.Tr key={`${line.entryId}-${i}`} data-testid="ledger-line">
                  <Table.Td className="num" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(line.date)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {VOUCHER_LABELS[line.voucherType]}
                      {line.isReversal ? (
                        <Badge size="xs" color="orange" variant="light">
                          Reversal
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <SourceLink source={line} />
                  </Table.Td>
                  <Table.Td style={{ minWidth: 200 }}>{line.narration}</Table.Td>
                  <Table.Td>
                    {line.partyId !== null ? (
                      <Anchor component={Link} to={`/parties/${line.partyId}`} size="sm">
                        {line.partyName}
                      </Anchor>
                    ) : null}
                  </Table.Td>
                  <Table.Td className="num-cell">{money(line.debit)}</Table.Td>
                  <Table.Td className="num-cell">{money(line.credit)}</Table.Td>
                  <Table.Td className="num-cell" style={{ whiteSpace: 'nowrap' }}>
                    {drCr(line.balance)}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      component={Link}
                      to={`/accounts/entries/${line.entryId}`}
                      size="compact-xs"
                      variant="subtle"
                      aria-label={`Journal entry ${line.entryId}`}
                      data-testid="ledger-entry-link"
                    >
                      Entry
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
              {ledger && ledger.total === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={COLUMNS}>
                    <Text size="sm" c="dimmed">
                      Nothing posted to this account in the period.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {ledger && page * pageSize >= ledger.total ? (
                <Table.Tr>
                  <Table.Td className="num">{formatDate(ledger.to)}</Table.Td>
                  <Table.Td colSpan={4}>
                    <Text size="sm" fw={600}>
                      Closing balance
                    </Text>
                  </Table.Td>
                  <Table.Td className="num-cell" fw={600}>
                    {formatAmount(ledger.periodDebit)}
                  </Table.Td>
                  <Table.Td className="num-cell" fw={600}>
                    {formatAmount(ledger.periodCredit)}
                  </Table.Td>
                  <Table.Td className="num-cell" fw={600}>
                    {drCr(ledger.closing)}
                  </Table.Td>
                  <Table.Td />
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {ledger ? (
        <ListPagination
          page={page}
          pageSize={pageSize}
          total={ledger.total}
          pageSizes={PAGE_SIZES}
          onPageChange={(p) => setParam('page', String(p))}
          onPageSizeChange={(size) => setParam('pageSize', String(size))}
          noun="postings"
        />
      ) : null}
    </>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {label}
      </Text>
      <Text fw={700} className="num" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}
