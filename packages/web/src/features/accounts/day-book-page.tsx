import { Fragment } from 'react';
import { Link } from 'react-router';
import { Anchor, Badge, Group, Paper, Select, Table, Text } from '@mantine/core';
import type { VoucherType } from '@bizdash/contracts/accounts';
import { ListPagination, useClampPage } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { formatAmount, formatDate } from '../../lib/format';
import { useDayBook } from './api';
import { AccountsTabs } from './components/accounts-tabs';
import { PeriodBar } from './components/period-bar';
import { SourceLink } from './components/source-link';
import { VOUCHER_LABELS, isZeroAmount } from './labels';
import { usePeriodParams } from './period';

const COLUMNS = 5;
const PAGE_SIZES = [20, 50, 100] as const;
const VOUCHER_TYPES = Object.keys(VOUCHER_LABELS) as VoucherType[]; // the keys of a Record<VoucherType, …>

const money = (value: string) => (isZeroAmount(value) ? '' : formatAmount(value));

/** Every journal entry of a period in date order, each with its lines; filter by voucher type. */
export function DayBookPage() {
  const { period, value, setPeriod, searchParams, setParam } = usePeriodParams();
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const pageSize = PAGE_SIZES.find((s) => s === Number(searchParams.get('pageSize'))) ?? PAGE_SIZES[0];
  const voucherParam = searchParams.get('voucherType');
  const voucherType = VOUCHER_TYPES.find((v) => v === voucherParam);
  const query = useDayBook({ ...period, page, pageSize, voucherType });
  const book = query.data;
  useClampPage(book, page, pageSize, (p) => setParam('page', String(p)));

  return (
    <>
      <PageHeader title="Day book" description="Every voucher of the period, in date order, with its lines." />
      <AccountsTabs />
      <PeriodBar value={value} onChange={setPeriod}>
        <Select
          label="Voucher type"
          size="xs"
          w={160}
          clearable
          placeholder="All vouchers"
          data={VOUCHER_TYPES.map((v) => ({ value: v, label: VOUCHER_LABELS[v] }))}
          value={voucherType ?? null}
          onChange={(v) => setParam('voucherType', v)}
          data-testid="day-book-voucher-type"
        />
      </PeriodBar>
      {query.isError ? (
        <QueryError error={query.error} what="the day book" onRetry={() => void query.refetch()} />
      ) : null}
      <Paper withBorder p={0}>
        <Table.ScrollContainer minWidth={760}>
          <Table fz="sm" verticalSpacing={4} data-testid="day-book">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={100}>Date</Table.Th>
                <Table.Th>Voucher / account</Table.Th>
                <Table.Th>Party</Table.Th>
                <Table.Th className="num-cell">Debit</Table.Th>
                <Table.Th className="num-cell">Credit</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending ? <TableSkeletonRows columns={COLUMNS} /> : null}
              {book?.items.map((entry) => (
                <Fragment key={entry.id}>
                  <Table.Tr bg="var(--mantine-color-gray-light)" data-testid="day-book-entry">
                    <Table.Td className="num" style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(entry.date)}
                    </Table.Td>
                    <Table.Td colSpan={COLUMNS - 1}>
                      <Group gap="xs" wrap="wrap">
                        <Text size="sm" fw={600}>
                          {VOUCHER_LABELS[entry.voucherType]}
                        </Text>
                        <SourceLink
                          source={{ ...entry, partyId: entry.lines.find((l) => l.partyId !== null)?.partyId ?? null }}
                        />
                        {entry.reversesId !== null ? (
                          <Badge size="xs" color="orange" variant="light">
                            Reversal
                          </Badge>
                        ) : null}
                        <Text size="sm" c="dimmed" style={{ minWidth: 0 }}>
                          {entry.narration}
                        </Text>
                        <Anchor component={Link} to={`/accounts/entries/${entry.id}`} size="xs" ml="auto">
                          Entry #{entry.id}
                        </Anchor>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {entry.lines.map((line, i) => (
                    <Table.Tr key={`${entry.id}-${i}`}>
                      <Table.Td />
                      <Table.Td pl={isZeroAmount(line.debit) ? 'xl' : undefined}>
                        <Anchor component={Link} to={`/accounts/ledger/${line.accountCode}`} size="sm">
                          {line.accountName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{line.partyName}</Table.Td>
                      <Table.Td className="num-cell">{money(line.debit)}</Table.Td>
                      <Table.Td className="num-cell">{money(line.credit)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Fragment>
              ))}
              {book && book.total === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={COLUMNS}>
                    <Text size="sm" c="dimmed">
                      No vouchers in this period.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {book ? (
        <ListPagination
          page={page}
          pageSize={pageSize}
          total={book.total}
          pageSizes={PAGE_SIZES}
          onPageChange={(p) => setParam('page', String(p))}
          onPageSizeChange={(size) => setParam('pageSize', String(size))}
          noun="entries"
        />
      ) : null}
    </>
  );
}
