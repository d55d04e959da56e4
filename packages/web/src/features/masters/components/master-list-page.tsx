import { useCallback, useState, type ComponentType, type ReactNode } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  CloseButton,
  Divider,
  Group,
  Menu,
  Modal,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconArchive,
  IconDots,
  IconDatabase,
  IconFilterOff,
  IconPencil,
  IconPlus,
  IconSearch,
  IconUpload,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { useAuth } from '../../../app/auth/auth-context';
import { ExportMenu } from '../../../components/export-menu';
import { CardList, ListCard, useIsPhone } from '../../../components/list-cards';
import { HistoryPanel } from '../../../components/history-panel';
import { ListPagination, useClampPage } from '../../../components/list-pagination';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { SortableTh } from '../../../components/sortable-th';
import { TableSkeletonRows } from '../../../components/table-skeleton';
import { useRetained } from '../../../lib/use-retained';
import { useUrlText } from '../../../lib/use-url-text';
import { useMasterList, type MasterListParams, type MasterResource } from '../api';
import { PAGE_SIZES, useMasterListParams, type ListChange } from '../url-state';
import { ArchiveModal } from './archive-modal';

export interface MasterRecord {
  id: number;
  name: string;
  archivedAt: string | null;
}

export interface MasterColumn<T> {
  label: string;
  /** The API sort field, when the column sorts. */
  sort?: string;
  align?: 'left' | 'right';
  w?: number;
  render: (row: T) => ReactNode;
}

/** The form inside the create/edit modal; `record` is null for a new one. */
export type MasterForm<T> = ComponentType<{ record: T | null; onDone: () => void }>;

interface MasterListPageProps<T extends MasterRecord> {
  resource: MasterResource;
  title: string;
  description: string;
  /** Singular noun, lower case: "document type". */
  noun: string;
  nounPlural: string;
  /** "New document type" */
  newLabel: string;
  /** Audit entity name for the history in the edit modal. */
  entity: string;
  columns: MasterColumn<T>[];
  sortFields: readonly string[];
  /** Filters beyond search and archived, kept in the URL under these keys. */
  extraKeys?: readonly string[];
  renderFilters?: (params: MasterListParams, update: (changes: ListChange) => void) => ReactNode;
  Form: MasterForm<T>;
  searchPlaceholder?: string;
  modalSize?: string;
  /** Where the CSV/XLSX import of this resource lives, when it has one. */
  importPath?: string;
}

const ARCHIVED_DATA = [
  { value: 'false', label: 'Live' },
  { value: 'true', label: 'Archived' },
  { value: 'all', label: 'All' },
];

/** A master-data list: search, archived toggle, sortable columns and paging in the URL; create/edit/archive. */
export function MasterListPage<T extends MasterRecord>(props: MasterListPageProps<T>) {
  const { resource, columns, Form, noun } = props;
  const { can } = useAuth();
  const canWrite = can('masters.write');
  const { params, update } = useMasterListParams(props.sortFields, props.extraKeys);
  const query = useMasterList<T>(resource, params);
  const isPhone = useIsPhone();
  const [search, setSearch] = useUrlText(params.q ?? '', (q) => update({ q: q || null }, { replace: true }));
  // `n` re-keys the form on every open, so it always starts from the record as it is now.
  const [editing, setEditing] = useState<{ record: T | null; n: number } | null>(null);
  const shownEditing = useRetained(editing);
  const [archiveTarget, setArchiveTarget] = useState<T | null>(null);

  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const columnCount = columns.length + 1;
  const hasFilters = Boolean(params.q || params.archived !== 'false' || Object.keys(params.extra ?? {}).length > 0);

  const clampTo = useCallback((page: number) => update({ page }, { replace: true }), [update]);
  useClampPage(query.data, params.page, params.pageSize, clampTo);

  function sortBy(field: string) {
    if (params.sort === field) update({ sort: field, order: params.order === 'asc' ? 'desc' : 'asc' });
    else update({ sort: field, order: field === 'createdAt' ? 'desc' : 'asc' });
  }

  const open = (record: T | null) => setEditing((prev) => ({ record, n: (prev?.n ?? shownEditing?.n ?? 0) + 1 }));
  const testId = resource;

  return (
    <>
      <PageHeader
        title={props.title}
        description={props.description}
        actions={
          <Group gap="sm">
            <ExportMenu
              path={`/${resource}/export`}
              query={{
                q: params.q,
                archived: params.archived,
                sort: params.sort,
                order: params.order,
                ...params.extra,
              }}
              fileName={resource}
            />
            {canWrite && props.importPath ? (
              <Button component={Link} to={props.importPath} variant="default" leftSection={<IconUpload size={16} />}>
                Import
              </Button>
            ) : null}
            {canWrite ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => open(null)} data-testid={`new-${testId}`}>
                {props.newLabel}
              </Button>
            ) : null}
          </Group>
        }
      />

      <Paper withBorder p={0}>
        <Group gap="sm" p="md" wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <TextInput
            aria-label={`Search ${props.nounPlural}`}
            placeholder={props.searchPlaceholder ?? 'Search by name'}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            rightSection={
              search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setSearch('')} /> : null
            }
            style={{ flex: '1 1 220px' }}
            maw={320}
          />
          {props.renderFilters?.(params, update)}
          <SegmentedControl
            aria-label="Show archived"
            data={ARCHIVED_DATA}
            value={params.archived}
            onChange={(value) => update({ archived: value })}
            size="sm"
          />
          {hasFilters ? (
            <Button
              variant="subtle"
              color="gray"
              leftSection={<IconFilterOff size={16} />}
              onClick={() => {
                setSearch('');
                const cleared: ListChange = { q: null, archived: null };
                for (const key of props.extraKeys ?? []) cleared[key] = null;
                update(cleared);
              }}
            >
              Clear filters
            </Button>
          ) : null}
        </Group>

        {query.isError && !query.data ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError
              error={query.error}
              what={props.nounPlural}
              onRetry={() => void query.refetch()}
              isRetrying={query.isFetching}
            />
          </div>
        ) : isPhone ? (
          <MasterCards
            items={items}
            isPending={query.isPending}
            columns={columns}
            emptyText={hasFilters ? `No ${props.nounPlural} match these filters.` : `No ${props.nounPlural} yet.`}
            testId={testId}
            onOpen={canWrite ? open : undefined}
            onArchive={canWrite ? setArchiveTarget : undefined}
          />
        ) : (
          <Table.ScrollContainer minWidth={720} type="native">
            <Table
              highlightOnHover={items.length > 0}
              verticalSpacing="sm"
              style={{ opacity: query.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
              data-testid={`${testId}-table`}
            >
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) =>
                    column.sort ? (
                      <SortableTh
                        key={column.label}
                        isSorted={params.sort === column.sort}
                        order={params.order}
                        onSort={() => sortBy(column.sort ?? 'name')}
                        align={column.align}
                        w={column.w}
                      >
                        {column.label}
                      </SortableTh>
                    ) : (
                      <Table.Th key={column.label} w={column.w} style={{ textAlign: column.align ?? 'left' }}>
                        {column.label}
                      </Table.Th>
                    ),
                  )}
                  <Table.Th w={56}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={columnCount} />
                ) : items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={columnCount}>
                      <Group justify="center" py={40} gap="xs" c="dimmed">
                        <IconDatabase size={20} />
                        <Text size="sm" inherit>
                          {hasFilters ? `No ${props.nounPlural} match these filters.` : `No ${props.nounPlural} yet.`}
                        </Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((row) => (
                    <Table.Tr
                      key={row.id}
                      className={canWrite ? 'row-clickable' : undefined}
                      onClick={canWrite ? () => open(row) : undefined}
                      onKeyDown={(e) => {
                        if (canWrite && e.key === 'Enter' && e.target === e.currentTarget) open(row);
                      }}
                      tabIndex={canWrite ? 0 : undefined}
                      data-testid={`${testId}-row-${row.id}`}
                      style={{ opacity: row.archivedAt ? 0.65 : 1 }}
                    >
                      {columns.map((column, index) => (
                        <Table.Td key={column.label} style={{ textAlign: column.align ?? 'left' }}>
                          {index === 0 ? (
                            <Group gap="xs" wrap="nowrap">
                              {column.render(row)}
                              {row.archivedAt ? (
                                <Badge size="xs" variant="outline" color="gray">
                                  Archived
                                </Badge>
                              ) : null}
                            </Group>
                          ) : (
                            column.render(row)
                          )}
                        </Table.Td>
                      ))}
                      <Table.Td onClick={(e) => e.stopPropagation()}>
                        {canWrite ? (
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${row.name}`}>
                                <IconDots size={16} />
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => open(row)}>
                                Edit
                              </Menu.Item>
                              {row.archivedAt ? null : (
                                <Menu.Item
                                  color="red"
                                  leftSection={<IconArchive size={14} />}
                                  onClick={() => setArchiveTarget(row)}
                                >
                                  Archive
                                </Menu.Item>
                              )}
                            </Menu.Dropdown>
                          </Menu>
                        ) : null}
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
          page={params.page}
          pageSize={params.pageSize}
          total={total}
          pageSizes={PAGE_SIZES}
          noun={total === 1 ? noun : props.nounPlural}
          onPageChange={(page) => update({ page })}
          onPageSizeChange={(pageSize) => update({ pageSize })}
        />
      ) : null}

      {canWrite ? (
        <Modal
          opened={editing !== null}
          onClose={() => setEditing(null)}
          title={shownEditing?.record ? `Edit ${noun}` : props.newLabel}
          size={props.modalSize ?? 'lg'}
        >
          {shownEditing ? (
            <Stack gap="lg">
              <Form key={shownEditing.n} record={shownEditing.record} onDone={() => setEditing(null)} />
              {shownEditing.record && can('audit.read') ? (
                <>
                  <Divider label="History" labelPosition="left" />
                  <HistoryPanel entity={props.entity} entityId={shownEditing.record.id} pageSize={5} />
                </>
              ) : null}
            </Stack>
          ) : null}
        </Modal>
      ) : null}
      <ArchiveModal resource={resource} noun={noun} target={archiveTarget} onClose={() => setArchiveTarget(null)} />
    </>
  );
}

/**
 * A master-data list on a phone: a card per record, its first column as the title beside the actions menu and the
 * other columns as label and value, so the columns' own renderers serve both layouts.
 */
function MasterCards<T extends MasterRecord>({
  items,
  isPending,
  columns,
  emptyText,
  testId,
  onOpen,
  onArchive,
}: {
  items: T[];
  isPending: boolean;
  columns: MasterColumn<T>[];
  emptyText: string;
  testId: string;
  onOpen: ((record: T) => void) | undefined;
  onArchive: ((record: T) => void) | undefined;
}) {
  if (isPending) {
    return (
      <CardList p="sm">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={88} radius="md" />
        ))}
      </CardList>
    );
  }
  if (items.length === 0) {
    return (
      <Group justify="center" py={40} gap="xs" c="dimmed">
        <IconDatabase size={20} />
        <Text size="sm" inherit>
          {emptyText}
        </Text>
      </Group>
    );
  }
  const [first, ...rest] = columns;
  return (
    <CardList p="sm" data-testid={`${testId}-cards`}>
      {items.map((row) => (
        <ListCard key={row.id} onOpen={onOpen ? () => onOpen(row) : undefined} data-testid={`${testId}-card-${row.id}`}>
          <div style={{ opacity: row.archivedAt ? 0.65 : 1 }}>
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
                {first?.render(row)}
                {row.archivedAt ? (
                  <Badge size="xs" variant="outline" color="gray">
                    Archived
                  </Badge>
                ) : null}
              </Group>
              {onOpen && onArchive ? (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${row.name}`}>
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onOpen(row)}>
                      Edit
                    </Menu.Item>
                    {row.archivedAt ? null : (
                      <Menu.Item color="red" leftSection={<IconArchive size={14} />} onClick={() => onArchive(row)}>
                        Archive
                      </Menu.Item>
                    )}
                  </Menu.Dropdown>
                </Menu>
              ) : null}
            </Group>
            <Stack gap={2} mt={6}>
              {rest.map((column) => (
                <Group key={column.label} justify="space-between" gap="sm" wrap="nowrap" align="flex-start">
                  <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                    {column.label}
                  </Text>
                  <Text size="sm" component="div" ta="right" style={{ minWidth: 0 }}>
                    {column.render(row)}
                  </Text>
                </Group>
              ))}
            </Stack>
          </div>
        </ListCard>
      ))}
    </CardList>
  );
}
