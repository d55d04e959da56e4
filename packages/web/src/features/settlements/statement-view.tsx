import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Group, Menu, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import type { PartnerStatement } from '@bizdash/contracts/order-money';
import { Amount } from '../../components/amount';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { downloadFile } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { formatDate, todayIsoDate } from '../../lib/format';
import { DateField } from '../../components/date-field';
import { statementPath, usePartnerStatement } from '../orders/money-api';
import { presetPeriod, type Period, type PeriodPreset } from './statement-period';

type Preset = PeriodPreset | 'custom';

/** The period picker and the statement: opening balance, settlements and payouts with a running balance, closing. */
export function StatementView({
  partnerId,
  linkOrders,
}: {
  /** A partner's id, or 'portal' for the signed-in partner's own statement. */
  partnerId: number | 'portal';
  /** Order numbers link to the order page (staff); the portal links nowhere. */
  linkOrders: boolean;
}) {
  const today = todayIsoDate();
  const [preset, setPreset] = useState<Preset>('fy');
  const [period, setPeriod] = useState<Period>(presetPeriod('fy', today));
  const query = usePartnerStatement(partnerId, period.from, period.to);

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label="Period"
            data={[
              { value: 'fy', label: 'This financial year' },
              { value: 'last-fy', label: 'Last financial year' },
              { value: 'month', label: 'This month' },
              { value: 'custom', label: 'Custom' },
            ]}
            value={preset}
            onChange={(v) => {
              const next = v === 'last-fy' || v === 'month' || v === 'fy' ? v : 'custom';
              setPreset(next);
              if (next !== 'custom') setPeriod(presetPeriod(next, today));
            }}
          />
          <DateField
            label="From"
            w={150}
            value={period.from}
            onChange={(v) => {
              if (!v) return;
              setPreset('custom');
              setPeriod((p) => ({ ...p, from: v }));
            }}
          />
          <DateField
            label="To"
            w={150}
            value={period.to}
            onChange={(v) => {
              if (!v) return;
              setPreset('custom');
              setPeriod((p) => ({ ...p, to: v }));
            }}
            error={period.from > period.to ? 'Before the start' : undefined}
          />
          <div style={{ marginLeft: 'auto' }}>
            <StatementDownload partnerId={partnerId} period={period} />
          </div>
        </Group>
      </Paper>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} what="the statement" onRetry={() => void query.refetch()} />
      ) : (
        <StatementTable statement={query.data} linkOrders={linkOrders} />
      )}
    </Stack>
  );
}

function StatementDownload({ partnerId, period }: { partnerId: number | 'portal'; period: Period }) {
  const [busy, setBusy] = useState(false);
  async function run(format: 'pdf' | 'xlsx') {
    setBusy(true);
    try {
      await downloadFile(
        statementPath(partnerId),
        { ...period, format },
        `statement-${period.from}-${period.to}.${format}`,
      );
    } catch (error) {
      notifications.show({ color: 'red', title: 'Download failed', message: errorMessage(error) });
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
          disabled={period.from > period.to}
          data-testid="statement-download"
        >
          Download
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconFileText size={16} />} onClick={() => void run('pdf')}>
          PDF
        </Menu.Item>
        <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void run('xlsx')}>
          Excel (XLSX)
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function Total({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={700} data-testid={testId}>
        <Amount value={value} />
      </Text>
    </Paper>
  );
}

const KIND_LABELS = { settlement: 'Settlement', adjustment: 'Adjustment', payout: 'Payout' } as const;

export function StatementTable({ statement: s, linkOrders }: { statement: PartnerStatement; linkOrders: boolean }) {
  return (
    <Stack gap="md" data-testid="statement">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Total label={`Opening balance on ${formatDate(s.from)}`} value={s.openingBalance} testId="statement-opening" />
        <Total label="Settlements and adjustments" value={s.totalCredit} testId="statement-credit" />
        <Total label="Paid out" value={s.totalDebit} testId="statement-debit" />
        <Total label={`Balance owed on ${formatDate(s.to)}`} value={s.closingBalance} testId="statement-closing" />
      </SimpleGrid>
      <Paper withBorder p={0}>
        <Table.ScrollContainer minWidth={760} type="native">
          <Table verticalSpacing="xs" striped data-testid="statement-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>Date</Table.Th>
                <Table.Th>Particulars</Table.Th>
                <Table.Th className="num-cell">Credit</Table.Th>
                <Table.Th className="num-cell">Paid</Table.Th>
                <Table.Th className="num-cell">Balance</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td className="num">{formatDate(s.from)}</Table.Td>
                <Table.Td fw={500}>Opening balance</Table.Td>
                <Table.Td />
                <Table.Td />
                <Table.Td className="num-cell" fw={500}>
                  <Amount value={s.openingBalance} />
                </Table.Td>
              </Table.Tr>
              {s.lines.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={5} c="dimmed" ta="center">
                    Nothing approved or paid in this period.
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {s.lines.map((line) => (
                <Table.Tr key={`${line.kind}-${line.id}`} data-testid="statement-line">
                  <Table.Td className="num">{formatDate(line.date)}</Table.Td>
                  <Table.Td>
                    {line.order ? (
                      <Text size="sm" span fw={500}>
                        {KIND_LABELS[line.kind]}
                      </Text>
                    ) : null}
                    {line.order ? (
                      <>
                        {' · '}
                        {linkOrders ? (
                          <Anchor component={Link} to={`/orders/${line.order.id}`} size="sm" className="mono">
                            {line.order.number}
                          </Anchor>
                        ) : (
                          <Text span size="sm" className="mono">
                            {line.order.number}
                          </Text>
                        )}{' '}
                        <Text span size="sm" c="dimmed">
                          {line.order.title}
                        </Text>
                      </>
                    ) : (
                      <Text span size="sm" fw={500}>
                        {line.description || KIND_LABELS[line.kind]}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="num-cell">
                    {line.credit === '0.00' ? '' : <Amount value={line.credit} />}
                  </Table.Td>
                  <Table.Td className="num-cell">{line.debit === '0.00' ? '' : <Amount value={line.debit} />}</Table.Td>
                  <Table.Td className="num-cell">
                    <Amount value={line.balance} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={2}>Closing balance owed</Table.Th>
                <Table.Th className="num-cell">
                  <Amount value={s.totalCredit} />
                </Table.Th>
                <Table.Th className="num-cell">
                  <Amount value={s.totalDebit} />
                </Table.Th>
                <Table.Th className="num-cell">
                  <Amount value={s.closingBalance} />
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
