import { useState } from 'react';
import { Button, Group, Menu, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileText, IconSend } from '@tabler/icons-react';
import type { Party } from '@bizdash/contracts/parties';
import { useAuth } from '../../../app/auth/auth-context';
import { QueryError } from '../../../components/query-error';
import { TableSkeletonRows } from '../../../components/table-skeleton';
import { downloadFile } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { formatAmount, formatDate } from '../../../lib/format';
import type { PeriodValue } from '../../dashboard/period-picker';
import { usePartyStatement, useSendStatement, type Period } from '../../accounts/api';
import { BookPeriodPicker } from '../../accounts/components/period-bar';
import { SourceLink } from '../../accounts/components/source-link';
import { VOUCHER_LABELS, isZeroAmount } from '../../accounts/labels';
import { presetToDate } from '../../accounts/period';

const COLUMNS = 7;

const money = (value: string) => (isZeroAmount(value) ? '' : formatAmount(value));

/** A party balance in words: positive means the party owes the business. */
function dueText(balance: string): string {
  if (isZeroAmount(balance)) return `${formatAmount('0.00')} (settled)`;
  return balance.trim().startsWith('-')
    ? `${formatAmount(balance.trim().slice(1))} payable to them`
    : `${formatAmount(balance)} receivable`;
}

/** Balance due, and the party's statement from the book for a period, with PDF/XLSX download and email. */
export function PartyStatementSection({ party }: { party: Party }) {
  const { can } = useAuth();
  const [value, setValue] = useState<PeriodValue>(() => presetToDate('year'));
  const period: Period = { from: value.from, to: value.to };
  const toDate = presetToDate('year');
  // The balance due is the closing balance of the year to date, whatever period the statement shows.
  const due = usePartyStatement(party.id, { from: toDate.from, to: toDate.to });
  const query = usePartyStatement(party.id, period, period.from <= period.to);
  const statement = query.data;

  return (
    <Paper withBorder p="md" data-testid="party-statement">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="sm">
        <Stack gap={2}>
          <Title order={4} fz="md">
            Statement
          </Title>
          <Text size="sm">
            Balance due:{' '}
            <Text span fw={700} className="num" data-testid="party-balance-due">
              {due.data ? dueText(due.data.closing) : '…'}
            </Text>
          </Text>
        </Stack>
        <Group gap="sm" wrap="wrap">
          <StatementDownload partyId={party.id} period={period} />
          {can('money.write') ? <SendStatementButton party={party} period={period} /> : null}
        </Group>
      </Group>
      <Group mb="sm">
        <BookPeriodPicker
          value={value}
          onChange={(next) => setValue(next.preset === 'custom' ? next : presetToDate(next.preset))}
        />
      </Group>
      {query.isError ? (
        <QueryError error={query.error} what="the statement" onRetry={() => void query.refetch()} />
      ) : null}
      <Table.ScrollContainer minWidth={760}>
        <Table fz="sm" verticalSpacing={6} striped data-testid="party-statement-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={100}>Date</Table.Th>
              <Table.Th>Voucher</Table.Th>
              <Table.Th>Reference</Table.Th>
              <Table.Th>Narration</Table.Th>
              <Table.Th className="num-cell">Debit</Table.Th>
              <Table.Th className="num-cell">Credit</Table.Th>
              <Table.Th className="num-cell">Balance</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.isPending ? <TableSkeletonRows columns={COLUMNS} rows={3} /> : null}
            {statement ? (
              <Table.Tr>
                <Table.Td className="num">{formatDate(statement.from)}</Table.Td>
                <Table.Td colSpan={5} fw={600}>
                  Opening balance
                </Table.Td>
                <Table.Td className="num-cell">{formatAmount(statement.opening)}</Table.Td>
              </Table.Tr>
            ) : null}
            {statement?.lines.map((line, i) => (
              <Table.Tr key={`${line.entryId}-${i}`}>
                <Table.Td className="num" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(line.date)}
                </Table.Td>
                <Table.Td>{VOUCHER_LABELS[line.voucherType]}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <SourceLink source={{ ...line, partyId: party.id }} />
                </Table.Td>
                <Table.Td style={{ minWidth: 180 }}>{line.narration}</Table.Td>
                <Table.Td className="num-cell">{money(line.debit)}</Table.Td>
                <Table.Td className="num-cell">{money(line.credit)}</Table.Td>
                <Table.Td className="num-cell">{formatAmount(line.balance)}</Table.Td>
              </Table.Tr>
            ))}
            {statement ? (
              <Table.Tr>
                <Table.Td className="num">{formatDate(statement.to)}</Table.Td>
                <Table.Td colSpan={3} fw={600}>
                  Closing balance
                </Table.Td>
                <Table.Td className="num-cell" fw={600}>
                  {formatAmount(statement.totalDebit)}
                </Table.Td>
                <Table.Td className="num-cell" fw={600}>
                  {formatAmount(statement.totalCredit)}
                </Table.Td>
                <Table.Td className="num-cell" fw={700} data-testid="party-statement-closing">
                  {formatAmount(statement.closing)}
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt="xs">
        A positive balance is owed to you; a negative one is owed by you.
      </Text>
    </Paper>
  );
}

function StatementDownload({ partyId, period }: { partyId: number; period: Period }) {
  const [isBusy, setBusy] = useState(false);
  async function run(format: 'pdf' | 'xlsx') {
    setBusy(true);
    try {
      await downloadFile(
        `/parties/${partyId}/statement`,
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
          loading={isBusy}
          disabled={period.from > period.to}
          data-testid="party-statement-download"
        >
          Download
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconFileText size={16} />} onClick={() => void run('pdf')}>
          PDF
        </Menu.Item>
        <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void run('xlsx')}>
          XLSX
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function SendStatementButton({ party, period }: { party: Party; period: Period }) {
  const send = useSendStatement(party.id);
  return (
    <Button
      variant="default"
      leftSection={<IconSend size={16} />}
      loading={send.isPending}
      disabled={period.from > period.to}
      onClick={() =>
        send.mutate(period, {
          onSuccess: () =>
            notifications.show({
              color: 'green',
              message: `Statement for ${formatDate(period.from)} to ${formatDate(period.to)} queued to ${party.emails[0] ?? party.name}`,
            }),
          onError: (error) =>
            notifications.show({ color: 'red', title: 'Statement not sent', message: errorMessage(error) }),
        })
      }
      data-testid="party-statement-send"
    >
      Send statement
    </Button>
  );
}
