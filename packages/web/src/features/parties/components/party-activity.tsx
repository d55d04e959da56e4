import { Anchor, Badge, Group, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconFileInvoice, IconPackage } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { InvoicePage } from '@bizdash/contracts/invoices';
import type { OrderPage } from '@bizdash/contracts/orders';
import type { Party } from '@bizdash/contracts/parties';
import { useAuth } from '../../../app/auth/auth-context';
import { Amount } from '../../../components/amount';
import { QueryError } from '../../../components/query-error';
import { api } from '../../../lib/api';
import { formatCount, formatDate } from '../../../lib/format';

const SHOWN = 8;

function Empty({ icon: Icon, text }: { icon: typeof IconPackage; text: string }) {
  return (
    <Stack align="center" gap={6} py="xl" c="dimmed">
      <Icon size={28} stroke={1.5} />
      <Text size="sm" inherit>
        {text}
      </Text>
    </Stack>
  );
}

function PartyOrders({ party }: { party: Party }) {
  // A partner's orders are those it brought in; a client's, those placed for it.
  const filter = party.roles.includes('client') ? { clientId: party.id } : { partnerId: party.id };
  const query = useQuery({
    queryKey: ['orders', 'list', { ...filter, pageSize: SHOWN }],
    queryFn: ({ signal }) => api.get<OrderPage>('/orders', { ...filter, pageSize: SHOWN }, signal),
  });
  if (query.isError) return <QueryError error={query.error} what="orders" onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  if (query.data && items.length === 0) return <Empty icon={IconPackage} text="No orders yet" />;
  const listUrl = `/orders?${new URLSearchParams(Object.entries(filter).map(([k, v]) => [k, String(v)])).toString()}`;
  return (
    <Stack gap="xs">
      {/* Scrolls inside the card on a phone instead of widening the page. */}
      <Table.ScrollContainer minWidth={360} type="native">
        <Table verticalSpacing={6} fz="sm" data-testid="party-orders">
          <Table.Tbody>
            {items.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/orders/${o.id}`} size="sm" className="mono">
                    {o.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={220}>
                    {o.title}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" size="sm">
                    {o.stage.label}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{formatDate(o.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {query.data && query.data.total > items.length ? (
        <Anchor component={Link} to={listUrl} size="sm">
          All {formatCount(query.data.total, 'order')}
        </Anchor>
      ) : null}
    </Stack>
  );
}

function PartyInvoices({ party }: { party: Party }) {
  const query = useQuery({
    queryKey: ['invoices', 'list', { partyId: party.id, pageSize: SHOWN }],
    queryFn: ({ signal }) => api.get<InvoicePage>('/invoices', { partyId: party.id, pageSize: SHOWN }, signal),
  });
  if (query.isError) return <QueryError error={query.error} what="invoices" onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  if (query.data && items.length === 0) return <Empty icon={IconFileInvoice} text="No invoices or bills yet" />;
  return (
    <Stack gap="xs">
      {/* Scrolls inside the card on a phone instead of widening the page. */}
      <Table.ScrollContainer minWidth={360} type="native">
        <Table verticalSpacing={6} fz="sm" data-testid="party-invoices">
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/invoices/${i.id}`} size="sm" className="mono">
                    {i.number ?? 'Draft'}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatDate(i.date)}</Table.Td>
                <Table.Td ta="right">
                  <Amount value={i.grandTotal} />
                </Table.Td>
                <Table.Td ta="right">
                  {i.paymentStatus ? (
                    <Badge variant="light" size="sm" color={i.paymentStatus === 'paid' ? 'green' : 'orange'}>
                      {i.paymentStatus}
                    </Badge>
                  ) : (
                    <Badge variant="light" size="sm" color="gray">
                      {i.status}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {query.data && query.data.total > items.length ? (
        <Anchor component={Link} to={`/invoices?partyId=${party.id}`} size="sm">
          All {formatCount(query.data.total, 'document')}
        </Anchor>
      ) : null}
    </Stack>
  );
}

/** A party's orders and invoices, newest first, each area shown only to roles that may read it. */
export function PartyActivity({ party }: { party: Party }) {
  const { can } = useAuth();
  const showOrders = can('orders.read') && (party.roles.includes('client') || party.roles.includes('partner'));
  const showInvoices = can('invoices.read');
  if (!showOrders && !showInvoices) return <Empty icon={IconFileInvoice} text="Nothing here for your role" />;
  return (
    <Tabs defaultValue={showOrders ? 'orders' : 'invoices'} keepMounted={false}>
      <Tabs.List mb="sm">
        {showOrders ? (
          <Tabs.Tab value="orders" leftSection={<IconPackage size={16} />}>
            Orders
          </Tabs.Tab>
        ) : null}
        {showInvoices ? (
          <Tabs.Tab value="invoices" leftSection={<IconFileInvoice size={16} />}>
            <Group gap={4}>Invoices and bills</Group>
          </Tabs.Tab>
        ) : null}
      </Tabs.List>
      {showOrders ? (
        <Tabs.Panel value="orders">
          <PartyOrders party={party} />
        </Tabs.Panel>
      ) : null}
      {showInvoices ? (
        <Tabs.Panel value="invoices">
          <PartyInvoices party={party} />
        </Tabs.Panel>
      ) : null}
    </Tabs>
  );
}
