import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Anchor, Button, Group, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCash, IconDownload } from '@tabler/icons-react';
import type { AgeingBuckets, AgeingRow } from '@bizdash/contracts/payments';
import { Amount } from '../../components/amount';
import { useIsPhone } from '../../components/list-cards';
import { ListPage, type ListColumn } from '../../components/list-page/list-page';
import { defineList, oneOf, setting, useListUrlState } from '../../components/list-page/use-list-url-state';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { errorMessage } from '../../lib/errors';
import { formatAmount, formatDate } from '../../lib/format';
import { downloadFile, useAgeing, useLedger } from './api';
import { DateField } from '../../components/date-field';

const BUCKETS: readonly [keyof AgeingBuckets, string][] = [
  ['notDue', 'Not due'],
  ['days0to30', '0–30 days'],
  ['days31to60', '31–60 days'],
  ['days61to90', '61–90 days'],
  ['over90', '> 90 days'],
  ['total', 'Total'],
];

function BackToPayments() {
  return (
    <Anchor component={Link} to="/payments" size="sm" c="dimmed" mb="xs" display="inline-block">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        Payments
      </Group>
    </Anchor>
  );
}

/** The ageing's URL: receivables or payables (a view, not a filter). */
const AGEING_LIST = defineList({
  params: { direction: setting(oneOf(['receivable', 'payable'], 'receivable')) },
});

const COLUMNS: ListColumn<AgeingRow>[] = [
  {
    key: 'party',
    label: 'Party',
    render: (row) => (
      <Anchor component={Link} to={`/payments/ledger/${row.party.id}`} size="sm">
        {row.party.name}
      </Anchor>
    ),
  },
  { key: 'documents', label: 'Documents', className: 'num-cell', render: (row) => row.documents },
  ...BUCKETS.map(([key, label]) => ({
    key,
    label,
    className: 'num-cell',
    render: (row: AgeingRow) => (
      <Amount
        value={row[key]}
        fw={key === 'total' ? 600 : undefined}
        c={row[key] === '0.00' ? 'dimmed' : key === 'over90' ? 'red' : undefined}
      />
    ),
  })),
];

/** Outstanding receivables or payables per party, bucketed by days past due. */
export function AgeingPage() {
  const list = useListUrlState(AGEING_LIST);
  const isPhone = useIsPhone();
  const { direction } = list.state;
  const query = useAgeing(direction);
  const rows = query.data?.rows ?? [];
  const totals = query.data?.totals;
  return (
    <ListPage
      header={
        <>
          <BackToPayments />
          <PageHeader
            title="Ageing"
            description={
              query.data
                ? `Outstanding as of ${formatDate(query.data.asOf)}, by days past the due date.`
                : 'Outstanding balances by days past the due date.'
            }
          />
        </>
      }
      filters={
        <SegmentedControl
          data={[
            { value: 'receivable', label: 'Receivable (clients owe us)' },
            { value: 'payable', label: 'Payable (we owe suppliers)' },
          ]}
          value={direction}
          onChange={(v) => list.update({ direction: v })}
          // Two long labels side by side are wider than a phone; one above the other there.
          orientation={isPhone ? 'vertical' : 'horizontal'}
        />
      }
      activeFilterCount={list.activeFilterCount}
      onClearFilters={list.clearFilters}
      query={{ ...query, data: query.data ? { items: rows, total: rows.length } : undefined }}
      what="the ageing"
      columns={COLUMNS}
      rowKey={(row) => row.party.id}
      rowProps={(row) => ({ cardTestId: `ageing-card-${row.party.id}` })}
      renderCard={(row) => <AgeingCard row={row} />}
      tableTestId="ageing-table"
      cardsTestId="ageing-cards"
      minWidth={900}
      emptyIcon={<IconCash size={24} />}
      emptyText="Nothing outstanding."
      tableFooter={
        totals ? (
          <Table.Tr>
            <Table.Th>Total</Table.Th>
            <Table.Th />
            {BUCKETS.map(([key]) => (
              <Table.Th key={key} className="num-cell" data-testid={`ageing-total-${key}`}>
                {formatAmount(totals[key])}
              </Table.Th>
            ))}
          </Table.Tr>
        ) : null
      }
      cardsFooter={
        totals ? (
          <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)">
            <AgeingBucketLines values={totals} title="Total" />
          </Paper>
        ) : null
      }
    />
  );
}

/** A party's outstanding on a phone: the total beside its name, then each bucket that holds something. */
function AgeingCard({ row }: { row: AgeingRow }) {
  return (
    <AgeingBucketLines
      values={row}
      title={
        <Anchor component={Link} to={`/payments/ledger/${row.party.id}`} size="sm" fw={600}>
          {row.party.name}
        </Anchor>
      }
      note={`${row.documents} ${row.documents === 1 ? 'document' : 'documents'}`}
    />
  );
}

function AgeingBucketLines({ values, title, note }: { values: AgeingBuckets; title: ReactNode; note?: string }) {
  return (
    <Stack gap={2}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          {typeof title === 'string' ? (
            <Text size="sm" fw={600}>
              {title}
            </Text>
          ) : (
            title
          )}
          {note ? (
            <Text size="xs" c="dimmed">
              {note}
            </Text>
          ) : null}
        </div>
        <Amount value={values.total} fw={700} size="sm" />
      </Group>
      {BUCKETS.filter(([key]) => key !== 'total' && values[key] !== '0.00').map(([key, label]) => (
        <Group key={key} justify="space-between" gap="sm" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Amount value={values[key]} size="xs" c={key === 'over90' ? 'red' : undefined} />
        </Group>
      ))}
    </Stack>
  );
}

/** A party's statement: opening balance, documents and payments with the running balance, closing balance. */
export function LedgerPage() {
  const partyId = Number(useParams().partyId);
  const [range, setRange] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const query = useLedger(partyId, range.from, range.to);
  const [isDownloading, setDownloading] = useState<string | null>(null);

  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} what="the ledger" onRetry={() => void query.refetch()} />;
  const ledger = query.data;
  const drCr = (balance: string) => (balance.startsWith('-') ? 'Cr' : balance === '0.00' ? '' : 'Dr');
  const abs = (balance: string) => balance.replace(/^-/, '');

  async function download(format: 'pdf' | 'xlsx') {
    setDownloading(format);
    try {
      await downloadFile(
        `/parties/${partyId}/ledger.${format}`,
        `ledger-${partyId}-${ledger.from}-${ledger.to}.${format}`,
        {
          from: ledger.from,
          to: ledger.to,
        },
      );
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not downloaded', message: errorMessage(error) });
    } finally {
      setDownloading(null);
    }
  }

  return (
    <>
      <BackToPayments />
      <PageHeader
        title={`Ledger · ${ledger.party.name}`}
        description={`${ledger.party.gstin ?? 'Unregistered'} · ${formatDate(ledger.from)} to ${formatDate(ledger.to)}. Dr: the party owes us; Cr: we owe the party.`}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={isDownloading === 'pdf'}
              onClick={() => void download('pdf')}
            >
              PDF
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={isDownloading === 'xlsx'}
              onClick={() => void download('xlsx')}
            >
              XLSX
            </Button>
          </>
        }
      />
      <Paper withBorder p={0}>
        <Group p="md" gap="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <DateField
            label="From"
            value={range.from ?? ledger.from}
            onChange={(from) => setRange((r) => ({ ...r, from }))}
            w={170}
          />
          <DateField
            label="To"
            value={range.to ?? ledger.to}
            onChange={(to) => setRange((r) => ({ ...r, to }))}
            w={170}
          />
        </Group>
        <Table.ScrollContainer minWidth={820} type="native">
          <Table verticalSpacing="xs" data-testid="ledger-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>Date</Table.Th>
                <Table.Th>Particulars</Table.Th>
                <Table.Th className="num-cell">Debit</Table.Th>
                <Table.Th className="num-cell">Credit</Table.Th>
                <Table.Th className="num-cell">Balance</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td className="num">{formatDate(ledger.from)}</Table.Td>
                <Table.Td fw={500}>Opening balance</Table.Td>
                <Table.Td />
                <Table.Td />
                <Table.Td className="num-cell" data-testid="ledger-opening">
                  {formatAmount(abs(ledger.openingBalance))} {drCr(ledger.openingBalance)}
                </Table.Td>
              </Table.Tr>
              {ledger.entries.map((e, i) => (
                <Table.Tr key={`${e.kind}-${e.invoiceId ?? e.paymentId ?? i}-${i}`}>
                  <Table.Td className="num">{formatDate(e.date)}</Table.Td>
                  <Table.Td>
                    {e.invoiceId ? (
                      <Anchor component={Link} to={`/invoices/${e.invoiceId}`} size="sm">
                        {e.description}
                      </Anchor>
                    ) : e.paymentId ? (
                      <Anchor component={Link} to={`/payments?payment=${e.paymentId}`} size="sm">
                        {e.description}
                      </Anchor>
                    ) : (
                      e.description
                    )}
                  </Table.Td>
                  <Table.Td className="num-cell">{e.debit === '0.00' ? '' : formatAmount(e.debit)}</Table.Td>
                  <Table.Td className="num-cell">{e.credit === '0.00' ? '' : formatAmount(e.credit)}</Table.Td>
                  <Table.Td className="num-cell">
                    {formatAmount(abs(e.balance))} {drCr(e.balance)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th />
                <Table.Th>Closing balance</Table.Th>
                <Table.Th className="num-cell">{formatAmount(ledger.totalDebit)}</Table.Th>
                <Table.Th className="num-cell">{formatAmount(ledger.totalCredit)}</Table.Th>
                <Table.Th className="num-cell" data-testid="ledger-closing">
                  {formatAmount(abs(ledger.closingBalance))} {drCr(ledger.closingBalance)}
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Stack mt="xs">
        <Text size="xs" c="dimmed">
          Only issued documents and all payments count; cancelled documents are left out.
        </Text>
      </Stack>
    </>
  );
}
