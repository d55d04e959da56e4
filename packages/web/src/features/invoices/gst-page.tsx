import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Badge, Button, Grid, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconCalendar, IconDownload, IconLock, IconLockOpen } from '@tabler/icons-react';
import { useAuth } from '../../app/auth/auth-context';
import { DateTime } from '../../components/date-time';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { errorMessage } from '../../lib/errors';
import { formatMonth, formatNumber, formatPaise, todayIsoDate } from '../../lib/format';
import { summarise } from './gst-summary';
import { Gstr3bPanel } from './gstr3b-panel';
import { downloadFile, saveBlob, useGstr1, useLockPeriod, usePeriodLocks, useUnlockPeriod } from './api';
import { DateField } from '../../components/date-field';
import { monthRange } from './url-state';

function currentPeriod(): string {
  return todayIsoDate().slice(0, 7);
}

/** GST returns: GSTR-1 and GSTR-3B for a month, the sales and purchase registers, and period locks. */
export function GstPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('period');
  const period = requested && /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : currentPeriod();
  const gstr1 = useGstr1(period);
  const [isDownloading, setDownloading] = useState<string | null>(null);

  async function run(key: string, fn: () => Promise<void>) {
    setDownloading(key);
    try {
      await fn();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not downloaded', message: errorMessage(error) });
    } finally {
      setDownloading(null);
    }
  }

  const sections = gstr1.data ? summarise(gstr1.data) : [];
  return (
    <>
      <PageHeader
        title="GST returns"
        description="GSTR-1 and GSTR-3B as the GST portal's offline tool imports them, the sales and purchase registers, and locked months."
        actions={
          <MonthPickerInput
            aria-label="Return period"
            value={`${period}-01`}
            onChange={(v) => v && setSearchParams({ period: String(v).slice(0, 7) })}
            valueFormat="MMMM YYYY"
            leftSection={<IconCalendar size={16} />}
            w={200}
            data-testid="gst-period"
          />
        }
      />
      <Stack gap="md">
        <Paper withBorder p={0}>
          <Group
            justify="space-between"
            p="md"
            style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
          >
            <Stack gap={0}>
              <Title order={4}>GSTR-1 · {formatMonth(period)}</Title>
              <Text size="sm" c="dimmed">
                {gstr1.data ? (
                  <>
                    GSTIN <span className="mono">{gstr1.data.gstin}</span> · filing period{' '}
                    <span className="mono">{gstr1.data.fp}</span>
                  </>
                ) : (
                  'Outward supplies of the month'
                )}
              </Text>
            </Stack>
            <Group gap="sm">
              <Button
                variant="default"
                leftSection={<IconDownload size={16} />}
                disabled={!gstr1.data}
                onClick={() =>
                  gstr1.data &&
                  saveBlob(
                    new Blob([JSON.stringify(gstr1.data, null, 2)], { type: 'application/json' }),
                    `GSTR1-${period}.json`,
                  )
                }
              >
                JSON
              </Button>
              <Button
                variant="default"
                leftSection={<IconDownload size={16} />}
                loading={isDownloading === 'gstr1-xlsx'}
                onClick={() =>
                  void run('gstr1-xlsx', () =>
                    downloadFile('/returns/gstr1', `GSTR1-${period}.xlsx`, { period, format: 'xlsx' }),
                  )
                }
              >
                XLSX
              </Button>
            </Group>
          </Group>
          {gstr1.isError ? (
            <div style={{ padding: 'var(--mantine-spacing-md)' }}>
              <QueryError error={gstr1.error} what="GSTR-1" onRetry={() => void gstr1.refetch()} />
            </div>
          ) : (
            <Table.ScrollContainer minWidth={760} type="native">
              <Table verticalSpacing="sm" data-testid="gstr1-sections">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Section</Table.Th>
                    <Table.Th className="num-cell">Count</Table.Th>
                    <Table.Th className="num-cell">Taxable value</Table.Th>
                    <Table.Th className="num-cell">Tax (incl. cess)</Table.Th>
                    <Table.Th className="num-cell">Invoice value</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {gstr1.isPending ? (
                    <TableSkeletonRows columns={5} />
                  ) : (
                    sections.map((s) => (
                      <Table.Tr key={s.key} data-testid={`gstr1-${s.key}`} style={{ opacity: s.count === 0 ? 0.5 : 1 }}>
                        <Table.Td>
                          <Group gap="xs">
                            <Text size="sm" fw={500}>
                              {s.title}
                            </Text>
                            {s.count > 0 ? (
                              <Badge size="xs" variant="light">
                                {s.key}
                              </Badge>
                            ) : null}
                          </Group>
                          <Text size="xs" c="dimmed">
                            {s.description}
                          </Text>
                        </Table.Td>
                        <Table.Td className="num-cell" data-testid={`gstr1-${s.key}-count`}>
                          {formatNumber(s.count)}
                        </Table.Td>
                        <Table.Td className="num-cell" data-testid={`gstr1-${s.key}-taxable`}>
                          {s.key === 'doc_issue' ? '' : formatPaise(s.taxable)}
                        </Table.Td>
                        <Table.Td className="num-cell">{s.key === 'doc_issue' ? '' : formatPaise(s.tax)}</Table.Td>
                        <Table.Td className="num-cell">{s.value === null ? '' : formatPaise(s.value)}</Table.Td>
                      </Table.Tr>
                    ))
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>

        <Gstr3bPanel period={period} isDownloading={isDownloading} run={run} />

        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Registers period={period} isDownloading={isDownloading} run={run} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <PeriodLocks period={period} />
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

function Registers({
  period,
  isDownloading,
  run,
}: {
  period: string;
  isDownloading: string | null;
  run: (key: string, fn: () => Promise<void>) => Promise<void>;
}) {
  const initial = monthRange(period);
  const [range, setRange] = useState(initial);
  const [seen, setSeen] = useState(period);
  if (seen !== period) {
    setSeen(period);
    setRange(monthRange(period));
  }
  const download = (type: 'sales' | 'purchase') =>
    void run(`register-${type}`, () =>
      downloadFile('/returns/registers', `${type}-register-${range.from}-to-${range.to}.xlsx`, {
        type,
        from: range.from,
        to: range.to,
      }),
    );
  return (
    <Paper withBorder p="md" h="100%">
      <Title order={4}>Registers</Title>
      <Text size="sm" c="dimmed" mb="sm">
        One row per document with its tax split and totals, for your accountant.
      </Text>
      <Group gap="sm" align="flex-end">
        <DateField
          label="From"
          value={range.from}
          onChange={(v) => v && setRange((r) => ({ ...r, from: v }))}
          w={160}
        />
        <DateField label="To" value={range.to} onChange={(v) => v && setRange((r) => ({ ...r, to: v }))} w={160} />
      </Group>
      <Group gap="sm" mt="md">
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          loading={isDownloading === 'register-sales'}
          onClick={() => download('sales')}
        >
          Sales register
        </Button>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          loading={isDownloading === 'register-purchase'}
          onClick={() => download('purchase')}
        >
          Purchase register
        </Button>
      </Group>
    </Paper>
  );
}

function PeriodLocks({ period }: { period: string }) {
  const { can, me } = useAuth();
  const locks = usePeriodLocks();
  const lock = useLockPeriod();
  const unlock = useUnlockPeriod();
  const [toLock, setToLock] = useState<string | null>(null);
  const [unlocking, setUnlocking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const canLock = can('invoices.issue');
  const canUnlock = canLock && (me?.role === 'owner' || me?.role === 'admin');
  const lockPeriod = toLock ?? period;
  const items = locks.data?.items ?? [];
  const isLocked = items.some((l) => l.period === lockPeriod);

  return (
    <Paper withBorder p="md" h="100%">
      <Title order={4}>Locked months</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Once a return is filed, lock its month: no document or payment dated in it can change.
      </Text>
      {canLock ? (
        <Group gap="sm" align="flex-end" mb="sm">
          <MonthPickerInput
            label="Month"
            value={`${lockPeriod}-01`}
            onChange={(v) => setToLock(v ? String(v).slice(0, 7) : null)}
            valueFormat="MMMM YYYY"
            w={180}
          />
          <Button
            leftSection={<IconLock size={16} />}
            disabled={isLocked}
            loading={lock.isPending}
            onClick={() =>
              lock.mutate(lockPeriod, {
                onSuccess: () => notifications.show({ color: 'teal', message: `${formatMonth(lockPeriod)} locked` }),
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
              })
            }
          >
            {isLocked ? 'Locked' : 'Lock month'}
          </Button>
        </Group>
      ) : null}
      {locks.isError ? (
        <QueryError error={locks.error} what="locks" />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {locks.isPending ? 'Loading…' : 'No month is locked.'}
        </Text>
      ) : (
        <Table verticalSpacing={4} data-testid="period-locks">
          <Table.Tbody>
            {items.map((l) => (
              <Table.Tr key={l.period}>
                <Table.Td>
                  <Group gap={6}>
                    <IconLock size={14} />
                    <Text size="sm" fw={500}>
                      {formatMonth(l.period)}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {l.lockedBy.name ?? 'Someone'} · <DateTime value={l.lockedAt} dateOnly />
                  </Text>
                </Table.Td>
                <Table.Td w={110}>
                  {canUnlock ? (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconLockOpen size={14} />}
                      onClick={() => {
                        setReason('');
                        setReasonError(null);
                        setUnlocking(l.period);
                      }}
                    >
                      Unlock…
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!canUnlock && items.length > 0 ? (
        <Text size="xs" c="dimmed" mt="xs">
          Only an owner or admin can unlock a month.
        </Text>
      ) : null}
      <Modal
        opened={unlocking !== null}
        onClose={() => setUnlocking(null)}
        title={`Unlock ${unlocking ? formatMonth(unlocking) : ''}?`}
        centered
      >
        <Stack gap="sm">
          <Alert color="yellow" variant="light">
            Documents of a month whose return is filed should not change. The reason is kept in the audit log.
          </Alert>
          <TextInput
            label="Reason"
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reasonError}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setUnlocking(null)}>
              Back
            </Button>
            <Button
              color="red"
              loading={unlock.isPending}
              onClick={() => {
                if (!unlocking) return;
                if (!reason.trim()) {
                  setReasonError('Say why the month is unlocked');
                  return;
                }
                unlock.mutate(
                  { period: unlocking, reason: reason.trim() },
                  { onSuccess: () => setUnlocking(null), onError: (e) => setReasonError(errorMessage(e)) },
                );
              }}
            >
              Unlock
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
