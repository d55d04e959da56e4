import '@mantine/charts/styles.css';
import { useState, type ReactNode } from 'react';
import { BarChart } from '@mantine/charts';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  IconArrowDownRight,
  IconArrowUpRight,
  IconFileInvoice,
  IconPlus,
  IconRocket,
  IconUsers,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Dashboard, Kpi } from '@bizdash/contracts/dashboard';
import { tryParseMoney } from '@bizdash/domain/money';
import { useAuth, useMe } from '../../app/auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { api } from '../../lib/api';
import {
  formatAmount,
  formatDate,
  formatMonth,
  formatNumber,
  formatRelativeTime,
  rupeeAxisFormatter,
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

/**
 * The KPIs in three groups people read separately, after the three that matter most. A role that may not see money
 * gets no money KPIs from the server; its headline falls back to the order figures.
 */
const HEADLINE: readonly Kpi['key'][] = ['bookedRevenue', 'collected', 'receivables'];
const HEADLINE_WITHOUT_MONEY: readonly Kpi['key'][] = ['ordersCreated', 'ordersClosed', 'onTimeRate'];
export const KPI_GROUPS: readonly { id: string; title: string; keys: readonly Kpi['key'][] }[] = [
  {
    id: 'service',
    title: 'Service orders',
    keys: [
      'ordersCreated',
      'ordersClosed',
      'onTimeRate',
      'averageCompletionDays',
      'pipeline',
      'averageOrderValue',
      'realizedRevenue',
      'unrealizedRevenue',
      'partnerShare',
      'bookedRevenue',
    ],
  },
  {
    id: 'trading',
    title: 'Trading and GST',
    keys: ['sales', 'purchases', 'outputTax', 'inputTaxCredit', 'netGstPayable'],
  },
  { id: 'cash', title: 'Cash', keys: ['collected', 'receivables', 'payables'] },
];

function groupKpis(kpis: readonly Kpi[]) {
  const byKey = new Map(kpis.map((k) => [k.key, k]));
  const pick = (keys: readonly Kpi['key'][]) => keys.flatMap((key) => byKey.get(key) ?? []);
  const withMoney = pick(HEADLINE);
  const headline = withMoney.length > 0 ? withMoney : pick(HEADLINE_WITHOUT_MONEY);
  const shown = new Set(headline.map((k) => k.key));
  const groups = KPI_GROUPS.map((g) => ({ ...g, kpis: pick(g.keys).filter((k) => !shown.has(k.key)) })).filter(
    (g) => g.kpis.length > 0,
  );
  return { headline, groups };
}

const isZero = (value: string | null) => value === null || /^-?0*(\.0*)?$/.test(value);

/** Nothing recorded yet: no figure, no order, no activity. A quiet period in a busy firm still shows its zeros. */
function isEmptyFirm(d: Dashboard): boolean {
  return (
    d.kpis.every((k) => isZero(k.value) && isZero(k.previous)) &&
    d.activity.length === 0 &&
    d.overdueOrders.total === 0 &&
    (d.overdueInvoices?.total ?? 0) === 0 &&
    d.myTasks.total === 0
  );
}

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

function KpiCard({ kpi, size = 'md' }: { kpi: Kpi; size?: 'md' | 'lg' }) {
  const d = direction(kpi.kind, kpi.value, kpi.previous);
  // Growth is good except where a lower figure is better: completion time and GST to pay.
  const lowerIsBetter = kpi.key === 'averageCompletionDays' || kpi.key === 'netGstPayable' || kpi.key === 'payables';
  const good = d === null || d === 0 ? null : d > 0 !== lowerIsBetter;
  return (
    <Card withBorder padding="md" data-testid={`kpi-${kpi.key}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {LABELS[kpi.key]}
      </Text>
      <Text fz={size === 'lg' ? 28 : 'xl'} fw={700} mt={4} data-testid="kpi-value" className="num">
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

/** First steps for a firm with nothing recorded, by what the user may do. */
function GettingStarted() {
  const { can } = useAuth();
  const steps = [
    can('orders.write')
      ? { to: '/orders/new', icon: IconPlus, label: 'Create your first order', hint: 'Track a service job by stage' }
      : null,
    can('invoices.write')
      ? {
          to: '/invoices/new?type=sales',
          icon: IconFileInvoice,
          label: 'Raise your first invoice',
          hint: 'A GST invoice your client can pay',
        }
      : null,
    can('users.manage')
      ? { to: '/users', icon: IconUsers, label: 'Invite your team', hint: 'Staff, managers and your accountant' }
      : null,
  ].filter((step) => step !== null);
  return (
    <Paper withBorder p="xl" data-testid="dashboard-empty">
      <Stack align="center" gap="sm" ta="center">
        <ThemeIcon size={48} radius="xl" variant="light">
          <IconRocket size={26} />
        </ThemeIcon>
        <Title order={3}>Welcome to BizDash: nothing to show yet</Title>
        <Text c="dimmed" maw={520}>
          Charts and figures appear here once the business records its first orders and invoices.
          {steps.length > 0 ? ' Start with one of these:' : ' Ask an owner or manager to add the first order.'}
        </Text>
        {steps.length > 0 ? (
          <Group justify="center" gap="sm" mt="xs">
            {steps.map((step, i) => (
              <Button
                key={step.to}
                component={Link}
                to={step.to}
                variant={i === 0 ? 'filled' : 'default'}
                leftSection={<step.icon size={16} />}
                title={step.hint}
              >
                {step.label}
              </Button>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** A chart's place when the period has nothing to plot: what would show, and why it is empty. */
function EmptyChart({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" size="sm" py="xl" ta="center">
      {children}
    </Text>
  );
}

function Kpis({ kpis }: { kpis: readonly Kpi[] }) {
  const { headline, groups } = groupKpis(kpis);
  return (
    <Stack gap="md" data-testid="kpis">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" data-testid="kpi-headline">
        {headline.map((kpi) => (
          <KpiCard key={kpi.key} kpi={kpi} size="lg" />
        ))}
      </SimpleGrid>
      {/* Each group as wide as its cards need (two per row), wrapping on narrow screens. */}
      <Group align="flex-start" gap="md" wrap="wrap">
        {groups.map((group) => {
          const columns = group.kpis.length > 1 ? 2 : 1;
          return (
            <Paper
              key={group.id}
              withBorder
              p="sm"
              data-testid={`kpi-group-${group.id}`}
              style={{ flex: `${columns} 1 ${columns * 220}px`, minWidth: 0 }}
            >
              <Title order={5} mb="xs" c="dimmed" fw={600}>
                {group.title}
              </Title>
              <SimpleGrid cols={{ base: 1, xs: columns }} spacing="xs">
                {group.kpis.map((kpi) => (
                  <KpiCard key={kpi.key} kpi={kpi} />
                ))}
              </SimpleGrid>
            </Paper>
          );
        })}
      </Group>
    </Stack>
  );
}

function Charts({ d }: { d: Dashboard }) {
  const monthly = d.charts.monthly ?? [];
  const monthlyValues = monthly.flatMap((p) => [rupees(p.booked), rupees(p.collected)]);
  const gst = d.charts.gstByMonth ?? [];
  const gstValues = gst.flatMap((g) => [rupees(g.outputTax), rupees(g.inputTaxCredit), rupees(g.netPayable)]);
  const hasTopRows = (d.charts.topClients?.length ?? 0) + (d.charts.topPartners?.length ?? 0) > 0;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {d.charts.monthly ? (
        <Section title="Booked vs collected">
          {monthlyValues.every((v) => v === 0) ? (
            <EmptyChart>No orders closed and no money collected in this period.</EmptyChart>
          ) : (
            <BarChart
              h={260}
              data={monthly.map((p) => ({
                month: formatMonth(p.month),
                Booked: rupees(p.booked),
                Collected: rupees(p.collected),
              }))}
              dataKey="month"
              series={[
                { name: 'Booked', color: 'blue.6' },
                { name: 'Collected', color: 'teal.6' },
              ]}
              withLegend
              legendProps={{ verticalAlign: 'top', height: 36 }}
              valueFormatter={(v) => formatAmount(v.toFixed(2))}
              yAxisProps={{ width: 72, tickFormatter: rupeeAxisFormatter(monthlyValues) }}
            />
          )}
        </Section>
      ) : null}
      <Section title="Orders by stage">
        {d.charts.ordersByStage.length === 0 ? (
          <EmptyChart>No orders received in this period.</EmptyChart>
        ) : (
          <BarChart
            h={260}
            data={d.charts.ordersByStage.map((s) => ({ stage: s.label, Orders: s.count }))}
            dataKey="stage"
            series={[{ name: 'Orders', color: 'indigo.6' }]}
            valueFormatter={(v) => formatNumber(v)}
            yAxisProps={{ allowDecimals: false }}
            xAxisProps={{ interval: 0, angle: -25, textAnchor: 'end', height: 64 }}
            data-testid="orders-by-stage"
          />
        )}
      </Section>
      {d.charts.gstByMonth ? (
        <Section title="GST payable by month">
          {gstValues.every((v) => v === 0) ? (
            <EmptyChart>No GST on sales or purchases in this period.</EmptyChart>
          ) : (
            <BarChart
              h={260}
              data={gst.map((g) => ({
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
              withLegend
              legendProps={{ verticalAlign: 'top', height: 36 }}
              valueFormatter={(v) => formatAmount(v.toFixed(2))}
              yAxisProps={{ width: 72, tickFormatter: rupeeAxisFormatter(gstValues) }}
              data-testid="gst-chart"
            />
          )}
        </Section>
      ) : null}
      {d.charts.topClients || d.charts.topPartners ? (
        <Section title="Top clients and partners">
          {hasTopRows ? (
            <Stack gap="md">
              {[
                { title: 'Clients', rows: d.charts.topClients },
                { title: 'Partners', rows: d.charts.topPartners },
              ].map((block) =>
                block.rows && block.rows.length > 0 ? (
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
                          <Table.Td ta="right" className="num">
                            {formatNumber(r.orders)}
                          </Table.Td>
                          <Table.Td ta="right" className="num">
                            {formatAmount(r.amount)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ) : null,
              )}
            </Stack>
          ) : (
            <EmptyChart>No orders closed in this period, so no clients or partners to rank yet.</EmptyChart>
          )}
        </Section>
      ) : null}
    </SimpleGrid>
  );
}

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
          {isEmptyFirm(d) ? (
            <GettingStarted />
          ) : (
            <>
              <Kpis kpis={d.kpis} />
              <Charts d={d} />
            </>
          )}

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
