import { Link } from 'react-router';
import { Anchor, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { JournalEntry } from '@bizdash/contracts/accounts';
import { tryParseMoney } from '@bizdash/domain/money';
import { formatAmount, formatDate, formatPaise } from '../../../lib/format';
import { VOUCHER_LABELS, isZeroAmount as isZero } from '../labels';
import { SourceLink } from './source-link';

/** An entry's lines: account, party, debit and credit, with the two totals (which always agree). */
export function EntryLinesTable({ entry, totals = true }: { entry: JournalEntry; totals?: boolean }) {
  const total = (side: 'debit' | 'credit') => sumMoney(entry.lines.map((l) => l[side]));
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table fz="sm" verticalSpacing={6} data-testid="entry-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Account</Table.Th>
            <Table.Th>Party</Table.Th>
            <Table.Th className="num-cell">Debit</Table.Th>
            <Table.Th className="num-cell">Credit</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entry.lines.map((line, i) => (
            <Table.Tr key={`${line.accountCode}-${line.partyId ?? 0}-${i}`}>
              <Table.Td>
                <Anchor component={Link} to={`/accounts/ledger/${line.accountCode}`} size="sm">
                  <span className="mono">{line.accountCode}</span> {line.accountName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {line.partyId !== null ? (
                  <Anchor component={Link} to={`/parties/${line.partyId}`} size="sm">
                    {line.partyName}
                  </Anchor>
                ) : null}
              </Table.Td>
              <Table.Td className="num-cell">{isZero(line.debit) ? '' : formatAmount(line.debit)}</Table.Td>
              <Table.Td className="num-cell">{isZero(line.credit) ? '' : formatAmount(line.credit)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {totals ? (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={2}>Total</Table.Th>
              <Table.Th className="num-cell">{total('debit')}</Table.Th>
              <Table.Th className="num-cell">{total('credit')}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        ) : null}
      </Table>
    </Table.ScrollContainer>
  );
}

/** One entry as a card: date, voucher, reference, narration, the document and the lines. */
export function EntryCard({ entry }: { entry: JournalEntry }) {
  return (
    <Paper withBorder p="sm" data-testid="journal-entry">
      <Group justify="space-between" gap="xs" wrap="wrap" mb={4}>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" className="num" fw={600}>
            {formatDate(entry.date)}
          </Text>
          <Badge variant="light" size="sm">
            {VOUCHER_LABELS[entry.voucherType]}
          </Badge>
          {entry.reversesId !== null ? (
            <Badge color="orange" variant="light" size="sm">
              Reversal
            </Badge>
          ) : null}
          {entry.reversedById !== null ? (
            <Badge color="gray" variant="outline" size="sm">
              Reversed
            </Badge>
          ) : null}
          <SourceLink source={{ ...entry, partyId: entry.lines.find((l) => l.partyId !== null)?.partyId ?? null }} />
        </Group>
        <Anchor component={Link} to={`/accounts/entries/${entry.id}`} size="sm" data-testid="entry-link">
          Entry #{entry.id}
        </Anchor>
      </Group>
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {entry.narration}
        </Text>
        <EntryLinesTable entry={entry} totals={false} />
      </Stack>
    </Paper>
  );
}

/** Adds decimal money strings as integer paise (never floats). */
function sumMoney(values: readonly string[]): string {
  return formatPaise(values.reduce((sum, value) => sum + (tryParseMoney(value) ?? 0), 0));
}
