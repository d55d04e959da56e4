import '@mantine/charts/styles.css';
import { useState, type ReactNode } from 'react';
import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Dashboard, Kpi } from '@bizdash/contracts/dashboard';
import { tryParseMoney } from '@bizdash/domain/money';
import { useMe } from '../../app/auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { api } from '../../lib/api';
import {
  formatAmount,
  formatDate,
  formatMonth,
  formatNumber,
  formatRelativeTime,
  formatRupeesShort,
} from '../../lib/format';
import { PeriodPicker, presetPeriod, type PeriodValue } from './period-picker';

const LABELS: Record<Kpi['key'], string> = {
  ordersClosed: 'Orders closed',
  ordersCreated: 'Orders received',
  averageCompletionDays: 'Average completion',
  onTimeRate: 'On time',
  bookedRevenue: 'Booked revenue',
  collected: 'Collected',
  realizedRevenue: 'Realized revenue',
  partnerShare: 'Partner share',
  unrealizedRevenue: 'Unrealized revenue',
  pipeline: 'Pipeline',
  averageOrderValue: 'Average order value',
  sales: 'Sales',
  purchases: 'Purchases',
  outputTax: 'Output tax',
  inputTaxCredit: 'Input tax credit',
  netGstPayable: 'Net GST payable',
  receivables: 'Receivables',
  payables: 'Payables',
};

function greeting(now: Date): string {
  // Hour in IST regardless of the device's clock zone.
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Kolkata' }).format(now),
  );
  if (hour < 12) return 'Good morning';
  if (hour < 17) return 'Good afternoon';
  return 'Good evening';
}

/** A KPI value as shown: money in rupees, counts grouped, days and percentages with their unit. */
export function kpiText(kind: Kpi['kind'], value: string | null): string {
  if (value === null) return '—';
  if (kind === 'money') return formatAmount(value);
  if (kind === 'count') return formatNumber(value);
  if (kind === 'days') return `${value} days`;
  return `${value}%`;
}

/** Compares exactly: money through paise, the rest as decimal strings with two places. */
function direction(kind: Kpi['kind'], value: string | null, previous: string | null): -1 | 0 | 1 | null {
  if (value === null || previous === null) return null;
  const a = kind === 'money' ? tryParseMoney(value) : tryParseMoney(value.includes('.') ? value : `${value}.00`);
  const b =
    kind === 'money' ? tryParseMoney(previous) : tryParseMoney(previous.includes('.') ? previous : `${previous}.00`);
  if (a === null || b === null) return null;
  return a === b ? 0 : a > b ? 1 : -1;
}

function KpiCard({ kpi }: { kpi: Kpi }) {
  const d = direction(kpi.kind, kpi.value, kpi.previous);
  // Growth is good except where a lower figure is better: completion time and GST to pay.
  const lowerIsBetter = kpi.key === 'averageCompletionDays' || kpi.key === 'netGstPayable' || kpi.key === 'payables';
  const good = d === null || d === 0 ? null : d > 0 !== lowerIsBetter;
  return (
    <Card withBorder padding="md" data-testid={`kpi-${kpi.key}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {LABELS[kpi.key]}
      </Text>
      <Text fz="xl" fw={700} mt={4} data-testid="kpi-value">
        {kpiText(kpi.kind, kpi.value)}
      </Text>
      {kpi.previous !== null || kpi.key === 'receivables' || kpi.key === 'payables' ? (
        <Group gap={4} mt={4}>
          {d === 1 ? <IconArrowUpRight size={14} color={good ? 'green' : 'red'} /> : null}
          {d === -1 ? <IconArrowDownRight size={14} color={good ? 'green' : 'red'} /> : null}
          <Text size="xs" c="dimmed">
            {kpi.previous === null ? 'As of today' : `Previous: ${kpiText(kpi.kind, kpi.previous)}`}
          </Text>
        </Group>
      ) : null}
    </Card>
  );
}

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

const rupees = (value: string) => Number(value); // chart heights only; the figures themselves stay strings

export function DashboardPage() {
  const me = useMe();
  const firstName = me.name.trim().split(/\s+/)[0] ?? me.name;
  const [period, setPeriod] = useState<PeriodValue>(() => presetPeriod('month'));
  const query = useQuery({
    queryKey: ['dashboard', period.from, period.to],
    queryFn: ({ signal }) => api.get<Dashboard>('/dashboard', { from: period.from, to: period.to }, signal),
    placeholderData: (previous) => previous,
  });
  const d = query.data;

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`${greeting(new Date())}, ${firstName}. Here is how the business is doing.`}
        actions={<PeriodPicker value={period} onChange={setPeriod} />}
      />
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {d ? (
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            {formatDate(d.period.from)} to {formatDate(d.period.to)}, compared with {formatDate(d.previousPeriod.from)}{' '}
            to {formatDate(d.previousPeriod.to)}. Settlement basis: {d.settlementBasis}.
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="md">
            {d.kpis.map((kpi) => (
              <KpiCard key={kpi.key} kpi={kpi} />
            ))}
          </SimpleGrid>

          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {d.charts.monthly ? (
              <Section title="Booked vs collected">
                <BarChart
                  h={240}
                  data={d.charts.monthly.map((p) => ({
                    month: formatMonth(p.month),
                    Booked: rupees(p.booked),
                    Collected: rupees(p.collected),
                  }))}
                  dataKey="month"
                  series={[
                    { name: 'Booked', color: 'blue.6' },
                    { name: 'Collected', color: 'teal.6' },
                  ]}
                  valueFormatter={(v) => formatAmount(v.toFixed(2))}
                  yAxisProps={{ width: 72, tickFormatter: (v: number) => formatRupeesShort(v) }}
                />
              </Section>
            ) : null}
            <Section title="Orders by stage">
              {d.charts.ordersByStage.length === 0 ? (
                <Text c="dimmed" size="sm">
                  No orders received in this period.
                </Text>
              ) : (
                <BarChart
                  h={240}
                  data={d.charts.ordersByStage.map((s) => ({ stage: s.stage.replace(/_/g, ' '), Orders: s.count }))}
                  dataKey="stage"
                  series={[{ name: 'Orders', color: 'indigo.6' }]}
                />
              )}
            </Section>
            {d.charts.gstByMonth ? (
              <Section title="GST payable by month">
                <BarChart
                  h={240}
                  data={d.charts.gstByMonth.map((g) => ({
                    month: formatMonth(g.month),
                    'Output tax': rupees(g.outputTax),
                    'Input tax credit': rupees(g.inputTaxCredit),
                    'Net payable': rupees(g.netPayable),
                  }))}
                  dataKey="month"
                  series={[
                    { name: 'Output tax', color: 'orange.6' },
                    { name: 'Input tax credit', color: 'green.6' },
                    { name: 'Net payable', color: 'red.6' },
                  ]}
                  valueFormatter={(v) => formatAmount(v.toFixed(2))}
                  yAxisProps={{ width: 72, tickFormatter: (v: number) => formatRupeesShort(v) }}
                />
              </Section>
            ) : null}
            {d.charts.topClients || d.charts.topPartners ? (
              <Section title="Top clients and partners">
                <Stack gap="md">
                  {[
                    { title: 'Clients', rows: d.charts.topClients },
                    { title: 'Partners', rows: d.charts.topPartners },
                  ].map((block) =>
                    block.rows ? (
                      <Table key={block.title} data-testid={`top-${block.title.toLowerCase()}`}>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>{block.title}</Table.Th>
                            <Table.Th ta="right">Orders</Table.Th>
                            <Table.Th ta="right">Booked</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {block.rows.map((r) => (
                            <Table.Tr key={r.id}>
                              <Table.Td>
                                <Anchor component={Link} to={`/parties/${r.id}`}>
                                  {r.name}
                                </Anchor>
                              </Table.Td>
                              <Table.Td ta="right">{formatNumber(r.orders)}</Table.Td>
                              <Table.Td ta="right">{formatAmount(r.amount)}</Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    ) : null,
                  )}
                </Stack>
              </Section>
            ) : null}
          </SimpleGrid>

          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Section title={`Overdue orders (${formatNumber(d.overdueOrders.total)})`}>
              <Stack gap={6}>
                {d.overdueOrders.items.map((o) => (
                  <Group key={o.id} justify="space-between" wrap="nowrap">
                    <Anchor component={Link} to={`/orders/${o.id}`} size="sm">
                      {o.number} · {o.clientName}
                    </Anchor>
                    <Badge color="red" variant="light">
                      due {formatDate(o.dueDate)}
                    </Badge>
                  </Group>
                ))}
                {d.overdueOrders.total === 0 ? <Text size="sm">Nothing overdue.</Text> : null}
              </Stack>
            </Section>
            {d.overdueInvoices ? (
              <Section title={`Overdue invoices (${formatNumber(d.overdueInvoices.total)})`}>
                <Stack gap={6}>
                  {d.overdueInvoices.items.map((i) => (
                    <Group key={i.id} justify="space-between" wrap="nowrap">
                      <Anchor component={Link} to={`/invoices/${i.id}`} size="sm">
                        {i.number ?? 'Draft'} · {i.partyName}
                      </Anchor>
                      <Text size="sm">{formatAmount(i.balanceDue)}</Text>
                    </Group>
                  ))}
                  {d.overdueInvoices.total === 0 ? <Text size="sm">Nothing overdue.</Text> : null}
                </Stack>
              </Section>
            ) : null}
            <Section title={`My tasks (${formatNumber(d.myTasks.total)})`}>
              <Stack gap={6}>
                {d.myTasks.items.map((task) => (
                  <Group key={task.id} justify="space-between" wrap="nowrap">
                    <Text size="sm">
                      {task.title}
                      {task.orderNumber ? ` · ${task.orderNumber}` : ''}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {task.dueDate ? formatDate(task.dueDate) : 'No due date'}
                    </Text>
                  </Group>
                ))}
                {d.myTasks.total === 0 ? <Text size="sm">No open tasks.</Text> : null}
              </Stack>
            </Section>
            {d.pendingApprovals ? (
              <Section
                title={`Pending settlement approvals (${formatNumber(d.pendingApprovals.total)})`}
                action={
                  <Anchor component={Link} to="/settlements" size="sm">
                    All
                  </Anchor>
                }
              >
                <Stack gap={6}>
                  {d.pendingApprovals.items.map((a) => (
                    <Group key={a.id} justify="space-between" wrap="nowrap">
                      <Anchor component={Link} to={`/orders/${a.orderId}`} size="sm">
                        {a.orderNumber} · {a.kind}
                        {a.partnerName ? ` · ${a.partnerName}` : ''}
                      </Anchor>
                      {a.partnerShare !== null ? <Text size="sm">{formatAmount(a.partnerShare)}</Text> : null}
                    </Group>
                  ))}
                  {d.pendingApprovals.total === 0 ? <Text size="sm">Nothing waiting.</Text> : null}
                </Stack>
              </Section>
            ) : null}
            <Section title="Recent activity">
              <Stack gap={6}>
                {d.activity.map((e, i) => (
                  <Group key={`${e.orderId}-${i}`} justify="space-between" wrap="nowrap">
                    <Text size="sm">
                      <Anchor component={Link} to={`/orders/${e.orderId}`}>
                        {e.orderNumber}
                      </Anchor>{' '}
                      {e.kind.replace(/[._]/g, ' ')}
                      {e.actorName ? ` by ${e.actorName}` : ''}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatRelativeTime(e.at)}
                    </Text>
                  </Group>
                ))}
                {d.activity.length === 0 ? <Text size="sm">Nothing yet.</Text> : null}
              </Stack>
            </Section>
          </SimpleGrid>
        </Stack>
      ) : null}
    </>
  );
}
