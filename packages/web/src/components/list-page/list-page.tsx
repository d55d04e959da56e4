import { useCallback, type CSSProperties, type ReactNode } from 'react';
import { Box, Button, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconDatabase, IconFilterOff } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { CardList, ListCard, useIsPhone } from '../list-cards';
import { ListPagination, useClampPage } from '../list-pagination';
import { PageHeader } from '../page-header';
import { QueryError } from '../query-error';
import { SortableTh } from '../sortable-th';
import { TableSkeletonRows } from '../table-skeleton';

/** One column of a list: its header, how a row shows in it, and the API sort key when it sorts. */
export interface ListColumn<T> {
  /** Unique within the list; the header text when `label` is not a string. */
  key: string;
  label: ReactNode;
  sort?: string;
  align?: 'left' | 'right';
  w?: number | string;
  /** The widest a cell gets (long titles truncate within it). */
  maw?: number;
  /** Class of the header and cells ("num-cell" right-aligns figures in tabular digits). */
  className?: string;
  render: (row: T) => ReactNode;
  /** Clicks in this cell are its controls' (a checkbox, an actions menu), not the row's. */
  isControl?: boolean;
  /** Left out of the default phone card (actions menus, figures the card's title already shows). */
  hideOnCard?: boolean;
  /** The label beside the value on the default phone card, when the header's text does not suit. */
  cardLabel?: string;
}

/** How a row behaves: where a click goes, its test id and accessible name, and a tint. */
export interface ListRowProps {
  onOpen?: () => void;
  /** Where a click on the row or a tap on its card goes, when it opens a page. */
  to?: string;
  testId?: string;
  cardTestId?: string;
  ariaLabel?: string;
  highlight?: boolean;
  style?: CSSProperties;
  /** Extra data-* attributes on the table row. */
  data?: Record<`data-${string}`, string>;
}

/** The part of a TanStack query result the shell reads; an infinite query can be adapted to it. */
export interface ListQueryState<T> {
  data: { items: T[]; total: number } | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  isPlaceholderData?: boolean;
  refetch: () => unknown;
}

export interface ListPaging {
  page: number;
  pageSize: number;
  pageSizes: readonly number[];
  /** The count line's noun for the current total ("user" or "users"). */
  noun: string;
  onChange: (changes: { page: number } | { pageSize: number }, options?: { replace?: boolean }) => void;
}

export interface ListPageProps<T> {
  /** The page header: a title and description, or `header` for a page that draws its own. */
  title?: string;
  description?: ReactNode;
  header?: ReactNode;
  /** Buttons beside the title; the export menu goes first. */
  actions?: ReactNode;
  exportMenu?: ReactNode;
  /** Above the filter row (role tabs). */
  filtersTop?: ReactNode;
  /** The filter controls; they wrap on narrow screens. */
  filters?: ReactNode;
  /**
   * `row` lays the controls out in a wrapping row; `grid` leaves the layout to `filters` (labelled fields in a grid
   * that is one column on phones, the orders' "More filters").
   */
  filtersLayout?: 'row' | 'grid';
  activeFilterCount: number;
  onClearFilters: () => void;
  /** Between the header and the list (a bulk-action bar for the selected rows). */
  beforeList?: ReactNode;
  /** Between the filters and the rows (a count, an order switch). */
  toolbar?: ReactNode;
  /** The list's query; a page whose `body` loads its own data (the orders board) leaves it out. */
  query?: ListQueryState<T>;
  /** What failed to load, for the error title: "users". */
  what: string;
  columns: ListColumn<T>[];
  rowKey: (row: T) => string | number;
  rowProps?: (row: T) => ListRowProps;
  sort?: { key: string; order: 'asc' | 'desc'; onSort: (key: string) => void };
  /** A page's own phone card; the default shows the first column as a title and the rest as label and value. */
  renderCard?: (row: T) => ReactNode;
  /** The table and cards container test ids ("users-table", "users-cards"). */
  tableTestId?: string;
  cardsTestId?: string;
  /** The narrowest the table gets before it scrolls sideways. */
  minWidth?: number;
  emptyIcon?: ReactNode;
  /** Shown when the list has no records at all. */
  emptyText: ReactNode;
  /** Shown instead when active filters hide every record. */
  noMatchText?: ReactNode;
  /** Beside the "no records yet" text: a "New …" button. */
  emptyAction?: ReactNode;
  paging?: ListPaging;
  /** Totals under the rows: the table's footer row, and a card of its own after the phone cards. */
  tableFooter?: ReactNode;
  cardsFooter?: ReactNode;
  /** Below the list (a "load more" button for a list that is not paged). */
  footer?: ReactNode;
  /** Replaces the table and cards (the orders board). */
  body?: ReactNode;
}

const NO_QUERY: ListQueryState<never> = {
  data: undefined,
  isPending: false,
  isError: false,
  error: null,
  isFetching: false,
  refetch: () => undefined,
};

/**
 * The shell every list page shares: header, filters with "Clear filters", a table on wide screens and cards on
 * phones, sortable headers, paging, and loading, error and empty states. Pages bring their columns and filters;
 * their URL state comes from `useListUrlState`.
 */
export function ListPage<T>(props: ListPageProps<T>) {
  const { columns, paging } = props;
  const query = props.query ?? NO_QUERY;
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const items = query.data?.items ?? [];
  const hasFilters = props.activeFilterCount > 0;
  const onPagingChange = paging?.onChange;

  // A page past the end (rows archived, a narrower filter, an old link) moves back to the last page with rows.
  const clampTo = useCallback((page: number) => onPagingChange?.({ page }, { replace: true }), [onPagingChange]);
  useClampPage(paging ? query.data : undefined, paging?.page ?? 1, paging?.pageSize ?? 1, clampTo);

  const empty = (
    <Stack align="center" py={40} gap="xs" c="dimmed" data-testid="list-empty">
      {props.emptyIcon ?? <IconDatabase size={24} />}
      <Text size="sm" inherit ta="center">
        {hasFilters ? (props.noMatchText ?? 'Nothing matches these filters.') : props.emptyText}
      </Text>
      {hasFilters ? (
        <Button variant="subtle" size="xs" color="gray" onClick={props.onClearFilters}>
          Clear filters
        </Button>
      ) : (
        props.emptyAction
      )}
    </Stack>
  );

  let body: ReactNode;
  if (props.body) {
    body = null;
  } else if (query.isError && !query.data) {
    body = (
      <Box p="md">
        <QueryError
          error={query.error}
          what={props.what}
          onRetry={() => void query.refetch()}
          isRetrying={query.isFetching}
        />
      </Box>
    );
  } else if (isPhone) {
    body = query.isPending ? (
      <CardList p="sm" aria-busy>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={88} radius="md" />
        ))}
      </CardList>
    ) : items.length === 0 ? (
      empty
    ) : (
      <CardList p="sm" data-testid={props.cardsTestId}>
        {items.map((row) => {
          const rowProps = props.rowProps?.(row) ?? {};
          return (
            <ListCard
              key={props.rowKey(row)}
              to={rowProps.to}
              onOpen={rowProps.to ? undefined : rowProps.onOpen}
              highlight={rowProps.highlight}
              data-testid={rowProps.cardTestId}
            >
              {props.renderCard ? props.renderCard(row) : <DefaultCard row={row} columns={columns} />}
            </ListCard>
          );
        })}
        {props.cardsFooter}
      </CardList>
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={props.minWidth ?? 720} type="native">
        <Table
          highlightOnHover={items.length > 0}
          verticalSpacing="sm"
          style={{ opacity: query.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
          data-testid={props.tableTestId}
        >
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) =>
                column.sort && props.sort ? (
                  <SortableTh
                    key={column.key}
                    isSorted={props.sort.key === column.sort}
                    order={props.sort.order}
                    onSort={() => props.sort?.onSort(column.sort ?? '')}
                    align={column.align}
                    w={column.w}
                  >
                    {column.label}
                  </SortableTh>
                ) : (
                  <Table.Th
                    key={column.key}
                    w={column.w}
                    className={column.className}
                    style={column.align === 'right' ? { textAlign: 'right' } : undefined}
                  >
                    {column.label}
                  </Table.Th>
                ),
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.isPending ? (
              <TableSkeletonRows columns={columns.length} />
            ) : items.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>{empty}</Table.Td>
              </Table.Tr>
            ) : (
              items.map((row) => {
                const rowProps = props.rowProps?.(row) ?? {};
                const { to } = rowProps;
                const onOpen = rowProps.onOpen ?? (to ? () => void navigate(to) : undefined);
                return (
                  <Table.Tr
                    key={props.rowKey(row)}
                    className={onOpen ? 'row-clickable' : undefined}
                    onClick={onOpen}
                    onKeyDown={(e) => {
                      if (onOpen && e.key === 'Enter' && e.target === e.currentTarget) onOpen();
                    }}
                    tabIndex={onOpen ? 0 : undefined}
                    aria-label={rowProps.ariaLabel}
                    data-testid={rowProps.testId}
                    bg={rowProps.highlight ? 'var(--mantine-color-red-light)' : undefined}
                    style={rowProps.style}
                    {...rowProps.data}
                  >
                    {columns.map((column) => (
                      <Table.Td
                        key={column.key}
                        onClick={column.isControl ? (e) => e.stopPropagation() : undefined}
                        maw={column.maw}
                        className={column.className}
                        style={column.align === 'right' ? { textAlign: 'right' } : undefined}
                      >
                        {column.render(row)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                );
              })
            )}
          </Table.Tbody>
          {props.tableFooter && items.length > 0 ? <Table.Tfoot>{props.tableFooter}</Table.Tfoot> : null}
        </Table>
      </Table.ScrollContainer>
    );
  }

  const filterBar =
    props.filters || props.filtersTop ? (
      <Stack
        gap="sm"
        p="md"
        style={props.body ? undefined : { borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        {props.filtersTop}
        {props.filters ? (
          props.filtersLayout === 'grid' ? (
            <>
              {props.filters}
              {hasFilters ? (
                <ClearFiltersButton count={props.activeFilterCount} onClick={props.onClearFilters} />
              ) : null}
            </>
          ) : (
            <Group gap="sm" wrap="wrap" data-testid="list-filters">
              {props.filters}
              {hasFilters ? (
                <ClearFiltersButton count={props.activeFilterCount} onClick={props.onClearFilters} />
              ) : null}
            </Group>
          )
        ) : null}
      </Stack>
    ) : null;

  return (
    <>
      {props.header ?? (
        <PageHeader
          title={props.title ?? ''}
          description={props.description}
          actions={
            props.exportMenu || props.actions ? (
              <Group gap="sm">
                {props.exportMenu}
                {props.actions}
              </Group>
            ) : undefined
          }
        />
      )}

      {props.beforeList}
      {props.body ? (
        // A body of its own (the orders board) sits below the filters' card rather than inside it.
        <>
          {filterBar ? (
            <Paper withBorder p={0} mb="md">
              {filterBar}
            </Paper>
          ) : null}
          {props.toolbar}
          {props.body}
        </>
      ) : (
        <Paper withBorder p={0}>
          {filterBar}
          {props.toolbar}
          {body}
        </Paper>
      )}

      {paging && query.data && !props.body ? (
        <ListPagination
          page={paging.page}
          pageSize={paging.pageSize}
          total={query.data.total}
          pageSizes={paging.pageSizes}
          noun={paging.noun}
          onPageChange={(page) => paging.onChange({ page })}
          onPageSizeChange={paging.pageSizes.length > 1 ? (pageSize) => paging.onChange({ pageSize }) : undefined}
        />
      ) : null}
      {props.footer}
    </>
  );
}

function ClearFiltersButton({ count, onClick }: { count: number; onClick: () => void }) {
  return (
    <Button
      variant="subtle"
      color="gray"
      leftSection={<IconFilterOff size={16} />}
      onClick={onClick}
      style={{ alignSelf: 'flex-start' }}
    >
      {count > 1 ? `Clear ${count} filters` : 'Clear filters'}
    </Button>
  );
}

/** The phone card built from the columns: the first as the title, the rest as label and value. */
function DefaultCard<T>({ row, columns }: { row: T; columns: ListColumn<T>[] }) {
  const shown = columns.filter((c) => !c.hideOnCard);
  const [first, ...rest] = shown;
  return (
    <>
      <Box style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{first?.render(row)}</Box>
      <Stack gap={2} mt={6}>
        {rest.map((column) => (
          <Group key={column.key} justify="space-between" gap="sm" wrap="nowrap" align="flex-start">
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {column.cardLabel ?? column.label}
            </Text>
            <Text size="sm" component="div" ta="right" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {column.render(row)}
            </Text>
          </Group>
        ))}
      </Stack>
    </>
  );
}
