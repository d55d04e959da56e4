import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Button, CloseButton, Group, Paper, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconCash, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import type { PartnerBalance } from '@bizdash/contracts/order-money';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { useUrlText } from '../../lib/use-url-text';
import { usePartnerBalances } from '../orders/money-api';
import { RecordPayoutModal } from './record-payout-modal';
import { SettlementsTabs } from './settlements-routes';

const COLUMNS = 6;

/** What the business owes each partner: approved shares less payouts, and what still waits for approval. */
export function BalancesPage() {
  const { can } = useAuth();
  const [search, setSearch] = useSearchParams();
  const page = Math.max(1, Number(search.get('page')) || 1);
  const pageSize = [20, 50, 100].includes(Number(search.get('pageSize'))) ? Number(search.get('pageSize')) : 20;
  const owed = search.get('owed') === 'true' ? 'true' : null;
  const q = search.get('q') ?? '';
  const query = usePartnerBalances({ q, owed, page, pageSize });
  const [paying, setPaying] = useState<PartnerBalance | null | undefined>(undefined);
  const items = query.data?.items ?? [];

  function update(changes: Record<string, string | null>, options?: { replace?: boolean }) {
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
      }
      if (!('page' in changes)) next.delete('page');
      return next;
    }, options);
  }
  const [text, setText] = useUrlText(q, (value) => update({ q: value || null }, { replace: true }));

  return (
    <>
      <PageHeader
        title="Partner balances"
        description="Approved partner shares, what has been paid out, and the balance owed to each partner."
        actions={
          can('payouts.manage') ? (
            <Button leftSection={<IconCash size={16} />} onClick={() => setPaying(null)}>
              Record payout
            </Button>
          ) : null
        }
      />
      <SettlementsTabs />
      <Paper withBorder p={0}>
        <Group gap="sm" p="md" wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <TextInput
            aria-label="Search partners"
            placeholder="Partner name"
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            rightSection={text ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setText('')} /> : null}
            w={260}
          />
          <Switch
            label="Only partners owed money"
            checked={owed === 'true'}
            onChange={(e) => update({ owed: e.currentTarget.checked ? 'true' : null })}
          />
        </Group>
        {query.isError && !query.data ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError error={query.error} what="partner balances" onRetry={() => void query.refetch()} />
          </div>
        ) : (
          <Table.ScrollContainer minWidth={760} type="native">
            <Table highlightOnHover={items.length > 0} verticalSpacing="sm" data-testid="balances-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Partner</Table.Th>
                  <Table.Th className="num-cell">Approved</Table.Th>
                  <Table.Th className="num-cell">Paid out</Table.Th>
                  <Table.Th className="num-cell">Balance owed</Table.Th>
                  <Table.Th className="num-cell">Awaiting approval</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={COLUMNS} />
                ) : items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={COLUMNS}>
                      <Stack align="center" py={40} gap="xs" c="dimmed">
                        <IconUsersGroup size={24} />
                        <Text size="sm" inherit>
                          No partner balances here.
                        </Text>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((b) => (
                    <Table.Tr key={b.partner.id} data-testid="balance-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/settlements/partners/${b.partner.id}/statement`} size="sm">
                          {b.partner.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={b.approved} />
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={b.paidOut} />
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={b.balanceOwed} fw={700} data-testid="balance-owed" />
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={b.pending} c="dimmed" />
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            component={Link}
                            to={`/settlements/partners/${b.partner.id}/statement`}
                          >
                            Statement
                          </Button>
                          {can('payouts.manage') && !/^-?0+(\.0+)?$/.test(b.balanceOwed) ? (
                            <Button size="compact-sm" variant="light" onClick={() => setPaying(b)}>
                              Pay
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {query.data ? (
        <ListPagination
          page={page}
          pageSize={pageSize}
          total={query.data.total}
          noun="partners"
          onPageChange={(p) => update({ page: String(p) })}
          onPageSizeChange={(size) => update({ pageSize: String(size) })}
        />
      ) : null}
      <RecordPayoutModal
        opened={paying !== undefined}
        partner={paying ?? undefined}
        onClose={() => setPaying(undefined)}
      />
    </>
  );
}
