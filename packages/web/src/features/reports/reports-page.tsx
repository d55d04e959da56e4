import { RequirePermission } from '../../app/auth/guards';
import { useState } from 'react';
import {
  Anchor,
  Button,
  Card,
  Group,
  Menu,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { Link, Route, Routes } from 'react-router';
import type { Report, ReportColumn, ReportName, ReportRecords, ReportQuery } from '@bizdash/contracts/reports';
import { useAuth } from '../../app/auth/auth-context';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { api, downloadFile } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { formatAmount, formatCount, formatDate, formatMonth, formatNumber } from '../../lib/format';
import { PeriodPicker, presetPeriod, type PeriodValue } from '../dashboard/period-picker';

interface ReportInfo {
  name: ReportName;
  title: string;
  description: string;
  /** Needs payouts.read besides reports.read. */
  partners?: boolean;
}

const REPORTS: ReportInfo[] = [
  { name: 'revenue', title: 'Revenue', description: 'Booked, collected and realized revenue by month or quarter' },
  {
    name: 'partner-revenue',
    title: 'Partner revenue',
    description: 'Orders, net, shares and payouts per partner',
    partners: true,
  },
  { name: 'sales-register', title: 'Sales register', description: 'Sales net of notes, by month, tax split' },
  { name: 'purchase-register', title: 'Purchase register', description: 'Purchases net of notes, by month' },
  { name: 'tax-liability', title: 'Tax liability', description: 'Output tax, input tax credit and net GST by rate' },
  {
    name: 'profit-and-loss',
    title: 'Profit and loss',
    description: 'Schedule III, from the book: revenue, other income, purchases, expenses',
  },
  {
    name: 'balance-sheet',
    title: 'Balance sheet',
    description: 'Schedule III, from the book: equity and liabilities, assets, at the end of the period',
  },
  { name: 'party-ageing', title: 'Ageing', description: 'Receivables and payables by party, by days overdue' },
  { name: 'order-turnaround', title: 'Order turnaround', description: 'Completion time and on-time rate' },
];

/** A report cell as shown: rupees, Indian grouping, dd-mm-yyyy, month names. */
function cellText(column: ReportColumn, value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (column.kind === 'money') return formatAmount(String(value));
  if (column.kind === 'count') return formatNumber(value);
  if (column.kind === 'date') return formatDate(String(value));
  if (column.kind === 'percent') return `${String(value)}%`;
  if (column.kind === 'days') return `${String(value)} days`;
  if (/^\d{4}-\d{2}$/.test(String(value))) return formatMonth(String(value));
  return String(value);
}

function ReportsIndex() {
  const { can } = useAuth();
  return (
    <>
      <PageHeader title="Reports" description="Every figure follows the same definitions as the dashboard." />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {REPORTS.filter((r) => !r.partners || can('payouts.read')).map((r) => (
          <Card key={r.name} withBorder component={Link} to={`/reports/${r.name}`} data-testid={`report-${r.name}`}>
            <Title order={4}>{r.title}</Title>
            <Text size="sm" c="dimmed" mt={4}>
              {r.description}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}

type Extra = Pick<ReportQuery, 'groupBy' | 'direction' | 'by'>;

function ExportButton({ info, query }: { info: ReportInfo; query: Record<string, string> }) {
  const [busy, setBusy] = useState(false);
  async function run(format: 'csv' | 'xlsx' | 'pdf') {
    setBusy(true);
    try {
      await downloadFile(`/reports/${info.name}`, { ...query, format }, `${info.name}.${format}`);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export failed', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
          loading={busy}
          data-testid="export-menu"
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void run('csv')}>CSV</Menu.Item>
        <Menu.Item onClick={() => void run('xlsx')}>XLSX</Menu.Item>
        <Menu.Item onClick={() => void run('pdf')}>PDF</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function DrillDown({
  info,
  query,
  rowKey,
  label,
}: {
  info: ReportInfo;
  query: Record<string, string>;
  rowKey: string;
  label: string;
}) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const records = useQuery({
    queryKey: ['report-rows', info.name, query, rowKey, page, pageSize],
    queryFn: ({ signal }) =>
      api.get<ReportRecords>(`/reports/${info.name}/rows`, { ...query, key: rowKey, page, pageSize }, signal),
  });
  const r = records.data;
  return (
    <Paper withBorder p="md" data-testid="drill-down">
      <Title order={4} mb="sm">
        Behind “{label}”
      </Title>
      {records.isError ? <QueryError error={records.error} onRetry={() => void records.refetch()} /> : null}
      {r ? (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  {r.columns.map((c) => (
                    <Table.Th key={c.key} ta={c.kind === 'money' || c.kind === 'count' ? 'right' : 'left'}>
                      {c.label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.items.map((item) => (
                  <Table.Tr key={item.id}>
                    {r.columns.map((c, i) => (
                      <Table.Td key={c.key} ta={c.kind === 'money' || c.kind === 'count' ? 'right' : 'left'}>
                        {i === 0 || (r.entity === 'invoice' && c.key === 'number') ? (
                          <Anchor
                            component={Link}
                            to={
                              r.entity === 'entry'
                                ? `/accounts/entries/${item.id}`
                                : `/${r.entity === 'order' ? 'orders' : 'invoices'}/${item.id}`
                            }
                          >
                            {cellText(c, item.cells[c.key])}
                          </Anchor>
                        ) : (
                          cellText(c, item.cells[c.key])
                        )}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListPagination
            page={page}
            pageSize={pageSize}
            total={r.total}
            onPageChange={setPage}
            onPageSizeChange={(size) => {
              setPageSize(size);
              setPage(1);
            }}
            noun={r.entity === 'order' ? 'orders' : r.entity === 'entry' ? 'entries' : 'documents'}
          />
        </>
      ) : null}
    </Paper>
  );
}

function ReportView({ info }: { info: ReportInfo }) {
  const [period, setPeriod] = useState<PeriodValue>(() => presetPeriod('year'));
  const [extra, setExtra] = useState<Extra>({ groupBy: 'month', direction: 'receivable', by: 'orderType' });
  const [drill, setDrill] = useState<{ key: string; label: string } | null>(null);
  const query: Record<string, string> = { from: period.from, to: period.to };
  if (info.name === 'revenue') query.groupBy = extra.groupBy;
  if (info.name === 'party-ageing') query.direction = extra.direction;
  if (info.name === 'order-turnaround') query.by = extra.by;
  const report = useQuery({
    queryKey: ['report', info.name, query],
    queryFn: ({ signal }) => api.get<Report>(`/reports/${info.name}`, query, signal),
    placeholderData: (previous) => previous,
  });
  const r = report.data;
  const align = (c: ReportColumn) => (c.kind === 'text' || c.kind === 'date' ? 'left' : 'right');
  const change = (next: Partial<Extra>) => {
    setExtra({ ...extra, ...next });
    setDrill(null);
  };

  return (
    <>
      <PageHeader
        title={info.title}
        description={info.description}
        actions={
          <Group gap="sm">
            <Anchor component={Link} to="/reports" size="sm">
              All reports
            </Anchor>
            <ExportButton info={info} query={query} />
          </Group>
        }
      />
      <Stack gap="md">
        <Group gap="md" wrap="wrap" align="flex-end">
          <PeriodPicker
            value={period}
            onChange={(p) => {
              setPeriod(p);
              setDrill(null);
            }}
          />
          {info.name === 'revenue' ? (
            <SegmentedControl
              value={extra.groupBy}
              onChange={(v) => change({ groupBy: v as Extra['groupBy'] })}
              data={[
                { value: 'month', label: 'By month' },
                { value: 'quarter', label: 'By quarter' },
              ]}
            />
          ) : null}
          {info.name === 'party-ageing' ? (
            <SegmentedControl
              value={extra.direction}
              onChange={(v) => change({ direction: v as Extra['direction'] })}
              data={[
                { value: 'receivable', label: 'Receivables' },
                { value: 'payable', label: 'Payables' },
              ]}
            />
          ) : null}
          {info.name === 'order-turnaround' ? (
            <SegmentedControl
              value={extra.by}
              onChange={(v) => change({ by: v as Extra['by'] })}
              data={[
                { value: 'orderType', label: 'By order type' },
                { value: 'assignee', label: 'By assignee' },
              ]}
            />
          ) : null}
        </Group>
        {report.isError ? <QueryError error={report.error} onRetry={() => void report.refetch()} /> : null}
        {r ? (
          <Paper withBorder p="md">
            <Text size="sm" c="dimmed" mb="sm">
              {formatDate(r.from)} to {formatDate(r.to)}
              {r.note ? ` · ${r.note}` : ''} · Select a row to see the records behind it.
            </Text>
            <Table.ScrollContainer minWidth={640}>
              <Table highlightOnHover fz="sm" horizontalSpacing="sm" data-testid="report-table">
                <Table.Thead>
                  <Table.Tr>
                    {r.columns.map((c) => (
                      <Table.Th key={c.key} ta={align(c)}>
                        {c.label}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.rows.map((row, i) => (
                    <Table.Tr
                      key={row.key ?? i}
                      style={{ cursor: row.key ? 'pointer' : undefined }}
                      bg={drill?.key === row.key ? 'var(--mantine-color-blue-light)' : undefined}
                      onClick={() =>
                        row.key &&
                        setDrill({ key: row.key, label: cellText(r.columns[0]!, row.cells[r.columns[0]!.key]) })
                      }
                    >
                      {r.columns.map((c) => (
                        <Table.Td key={c.key} ta={align(c)}>
                          {cellText(c, row.cells[c.key])}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                  {r.moreRows > 0 ? (
                    <Table.Tr data-testid="report-more-rows">
                      <Table.Td colSpan={r.columns.length}>
                        <Text size="sm" c="dimmed">
                          {formatCount(r.moreRows, 'more row')} counted in the totals below; export to CSV or XLSX to
                          list every one.
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ) : null}
                  {r.rows.length === 0 ? (
                    <Table.Tr>
                      <Table.Td colSpan={r.columns.length}>
                        <Text size="sm" c="dimmed">
                          Nothing in this period.
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ) : null}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr data-testid="report-totals">
                    {r.columns.map((c) => (
                      <Table.Th key={c.key} ta={align(c)}>
                        {cellText(c, r.totals[c.key])}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        ) : null}
        {drill ? <DrillDown key={drill.key} info={info} query={query} rowKey={drill.key} label={drill.label} /> : null}
      </Stack>
    </>
  );
}

/** /reports lists the reports; /reports/{name} is each report, with its filters, export and drill-down. */
export function ReportsPage() {
  return (
    <Routes>
      <Route index element={<ReportsIndex />} />
      {REPORTS.map((info) => (
        <Route
          key={info.name}
          path={info.name}
          element={
            // Partner figures need payouts.read too: opened by URL without it, the page says so instead of failing.
            info.partners ? (
              <RequirePermission action="payouts.read">
                <ReportView info={info} />
              </RequirePermission>
            ) : (
              <ReportView info={info} />
            )
          }
        />
      ))}
    </Routes>
  );
}
