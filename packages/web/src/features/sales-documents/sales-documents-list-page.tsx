import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconFileDescription, IconPlus, IconSearch } from '@tabler/icons-react';
import type { SalesDocumentKind, SalesDocumentStatus } from '@bizdash/contracts/sales-documents';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { PLACEHOLDER, formatDate } from '../../lib/format';
import { useSalesDocuments } from './api';
import { KINDS, STATUS_LABELS } from './kinds';

const COLUMNS = 6;

/** One kind's list, newest first; status filter and paging are done by the server. */
export function SalesDocumentsListPage({ kind }: { kind: SalesDocumentKind }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const meta = KINDS[kind];
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [status, setStatus] = useState<SalesDocumentStatus | undefined>(undefined);
  const [q, setQ] = useState('');
  const query = useSalesDocuments({ kind, status, q: q.trim(), page, pageSize });
  const items = query.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={meta.title}
        description={meta.description}
        actions={
          can('invoices.write') ? (
            <Button component={Link} to={`${meta.path}/new`} leftSection={<IconPlus size={16} />}>
              New {meta.singular.toLowerCase()}
            </Button>
          ) : null
        }
      />
      <Paper withBorder p={0}>
        <Group p="md" gap="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <TextInput
            aria-label="Search"
            placeholder="Number or party"
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setPage(1);
            }}
            w={240}
          />
          <Select
            aria-label="Status"
            placeholder="Any status"
            clearable
            data={meta.statuses.map((s) => ({ value: s, label: STATUS_LABELS[s].label }))}
            value={status ?? null}
            onChange={(v) => {
              setStatus((v as SalesDocumentStatus | null) ?? undefined);
              setPage(1);
            }}
            w={180}
            data-testid="status-filter"
          />
        </Group>
        {query.isError && !query.data ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError error={query.error} what={meta.title.toLowerCase()} onRetry={() => void query.refetch()} />
          </div>
        ) : (
          <Table.ScrollContainer minWidth={760} type="native">
            <Table highlightOnHover={items.length > 0} verticalSpacing="sm" data-testid="sales-documents-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={170}>Number</Table.Th>
                  <Table.Th w={110}>Date</Table.Th>
                  <Table.Th>Party</Table.Th>
                  <Table.Th w={120}>{kind === 'delivery_challan' ? '' : 'Valid until'}</Table.Th>
                  <Table.Th w={110}>Status</Table.Th>
                  <Table.Th w={140} className="num-cell">
                    Total
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={COLUMNS} />
                ) : items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={COLUMNS}>
                      <Stack align="center" py={40} gap="xs" c="dimmed">
                        <IconFileDescription size={24} />
                        <Text size="sm" inherit>
                          {q || status ? 'Nothing matches.' : `No ${meta.title.toLowerCase()} yet.`}
                        </Text>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((d) => (
                    <Table.Tr
                      key={d.id}
                      className="row-clickable"
                      tabIndex={0}
                      onClick={() => void navigate(`${meta.path}/${d.id}`)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && e.target === e.currentTarget) void navigate(`${meta.path}/${d.id}`);
                      }}
                      data-testid={`sales-document-row-${d.id}`}
                    >
                      <Table.Td>
                        <Text
                          size="sm"
                          fw={500}
                          className="num"
                          component={Link}
                          to={`${meta.path}/${d.id}`}
                          onClick={(e) => e.stopPropagation()}
                        >
                          {d.number}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" className="num">
                          {formatDate(d.date)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{d.party.name}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" className="num" c="dimmed">
                          {kind === 'delivery_challan' ? '' : d.validUntil ? formatDate(d.validUntil) : PLACEHOLDER}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={STATUS_LABELS[d.status].color} size="sm">
                          {STATUS_LABELS[d.status].label}
                        </Badge>
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={d.grandTotal} size="sm" />
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
          noun={meta.title.toLowerCase()}
          onPageChange={setPage}
          onPageSizeChange={(size) => {
            setPageSize(size);
            setPage(1);
          }}
        />
      ) : null}
    </>
  );
}
