import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { Anchor, CloseButton, Group, Paper, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { DateTime } from '../../components/date-time';
import { ListPagination, useClampPage } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { useUrlText } from '../../lib/use-url-text';
import { useLeads } from './api';

const PAGE_SIZES = [20, 50, 100] as const;
const COLUMN_COUNT = 4;

function numberParam(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Contact requests from the public site, newest first. */
export function LeadsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const page = numberParam(searchParams.get('page'), 1);
  const pageSizeParam = numberParam(searchParams.get('pageSize'), 20);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(pageSizeParam) ? pageSizeParam : 20;

  const update = useCallback(
    (changes: Record<string, string | number | null>, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setSearchParams],
  );

  const query = useLeads({ q: q || undefined, page, pageSize });
  const [search, setSearch] = useUrlText(q, (value) => update({ q: value || null }, { replace: true }));
  const clampTo = useCallback((p: number) => update({ page: p }, { replace: true }), [update]);
  useClampPage(query.data, page, pageSize, clampTo);

  const items = query.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Leads"
        description="Contact requests sent through the public contact form. Reply by email or phone."
      />
      <Paper withBorder p={0}>
        <Group gap="sm" p="md" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <TextInput
            aria-label="Search leads"
            placeholder="Search name, email or phone"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            rightSection={search ? <CloseButton aria-label="Clear search" onClick={() => setSearch('')} /> : null}
            w={320}
          />
        </Group>
        {query.isError ? (
          <div style={{ padding: 16 }}>
            <QueryError error={query.error} what="leads" onRetry={() => void query.refetch()} />
          </div>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={170}>Received</Table.Th>
                  <Table.Th w={200}>Name</Table.Th>
                  <Table.Th w={240}>Contact</Table.Th>
                  <Table.Th>Message</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={COLUMN_COUNT} />
                ) : items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={COLUMN_COUNT}>
                      <Text c="dimmed" ta="center" py="lg">
                        {q
                          ? 'No leads match this search.'
                          : 'No leads yet. They appear here when someone uses the contact form.'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((lead) => (
                    <Table.Tr key={lead.id}>
                      <Table.Td>
                        <DateTime value={lead.createdAt} />
                      </Table.Td>
                      <Table.Td>
                        <Text fw={600} size="sm">
                          {lead.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {lead.email ? (
                          <Anchor href={`mailto:${lead.email}`} size="sm" display="block">
                            {lead.email}
                          </Anchor>
                        ) : null}
                        {lead.phone ? (
                          <Anchor href={`tel:${lead.phone.replace(/\s+/g, '')}`} size="sm" display="block">
                            {lead.phone}
                          </Anchor>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                          {lead.message}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <ListPagination
        page={page}
        pageSize={pageSize}
        total={query.data?.total ?? 0}
        pageSizes={PAGE_SIZES}
        onPageChange={(p) => update({ page: p })}
        onPageSizeChange={(size) => update({ pageSize: size })}
        noun="leads"
      />
    </>
  );
}
