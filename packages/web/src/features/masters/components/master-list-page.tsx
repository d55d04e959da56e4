import { useMemo, useState, type ComponentType, type ReactNode } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Divider,
  Group,
  Menu,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconArchive, IconDots, IconPencil, IconPlus, IconUpload } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useAuth } from '../../../app/auth/auth-context';
import { ExportMenu } from '../../../components/export-menu';
import { HistoryPanel } from '../../../components/history-panel';
import { ListPage, type ListColumn } from '../../../components/list-page/list-page';
import { ListSearch } from '../../../components/list-page/list-search';
import { useListUrlState } from '../../../components/list-page/use-list-url-state';
import { useRetained } from '../../../lib/use-retained';
import { useMasterList, type MasterListParams, type MasterResource } from '../api';
import { defineMasterList, type ListChange } from '../url-state';
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
  const { resource, columns, Form, noun, sortFields, extraKeys } = props;
  const { can } = useAuth();
  const canWrite = can('masters.write');
  // The sort fields and extra keys are module constants of each page, so this is declared once per page.
  const schema = useMemo(() => defineMasterList(sortFields, extraKeys), [sortFields, extraKeys]);
  const list = useListUrlState(schema);
  const { state, update } = list;
  const params = useMemo<MasterListParams>(() => {
    const extra: Record<string, string> = {};
    for (const key of extraKeys ?? []) {
      const value = (state as Record<string, unknown>)[key];
      if (typeof value === 'string') extra[key] = value;
    }
    return {
      ...(state.q ? { q: state.q } : {}),
      archived: state.archived,
      sort: state.sort,
      order: state.order,
      page: state.page,
      pageSize: state.pageSize,
      extra,
    };
  }, [state, extraKeys]);
  const query = useMasterList<T>(resource, params);
  // `n` re-keys the form on every open, so it always starts from the record as it is now.
  const [editing, setEditing] = useState<{ record: T | null; n: number } | null>(null);
  const shownEditing = useRetained(editing);
  const [archiveTarget, setArchiveTarget] = useState<T | null>(null);

  const total = query.data?.total ?? 0;
  const open = (record: T | null) => setEditing((prev) => ({ record, n: (prev?.n ?? shownEditing?.n ?? 0) + 1 }));
  const testId = resource;

  const actionsMenu = (row: T) =>
    canWrite ? (
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
            <Menu.Item color="red" leftSection={<IconArchive size={14} />} onClick={() => setArchiveTarget(row)}>
              Archive
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    ) : null;

  const archivedBadge = (row: T) =>
    row.archivedAt ? (
      <Badge size="xs" variant="outline" color="gray">
        Archived
      </Badge>
    ) : null;

  const listColumns: ListColumn<T>[] = [
    ...columns.map((column, index) => ({
      key: column.label,
      label: column.label,
      sort: column.sort,
      align: column.align,
      w: column.w,
      render:
        index === 0
          ? (row: T) => (
              <Group gap="xs" wrap="nowrap">
                {column.render(row)}
                {archivedBadge(row)}
              </Group>
            )
          : column.render,
    })),
    {
      key: 'actions',
      label: <VisuallyHidden>Actions</VisuallyHidden>,
      w: 56,
      isControl: true,
      render: actionsMenu,
    },
  ];

  return (
    <>
      <ListPage
        title={props.title}
        description={props.description}
        exportMenu={
          <ExportMenu
            path={`/${resource}/export`}
            query={{ q: params.q, archived: params.archived, sort: params.sort, order: params.order, ...params.extra }}
            fileName={resource}
          />
        }
        actions={
          <>
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
          </>
        }
        filters={
          <>
            <ListSearch
              aria-label={`Search ${props.nounPlural}`}
              placeholder={props.searchPlaceholder ?? 'Search by name'}
              value={params.q}
              onCommit={(q) => update({ q }, { replace: true })}
              style={{ flex: '1 1 220px' }}
              maw={320}
            />
            {props.renderFilters?.(params, update as (changes: ListChange) => void)}
            <SegmentedControl
              aria-label="Show archived"
              data={ARCHIVED_DATA}
              value={params.archived}
              onChange={(value) => update({ archived: value })}
              size="sm"
            />
          </>
        }
        activeFilterCount={list.activeFilterCount}
        onClearFilters={list.clearFilters}
        query={query}
        what={props.nounPlural}
        columns={listColumns}
        rowKey={(row) => row.id}
        rowProps={(row) => ({
          onOpen: canWrite ? () => open(row) : undefined,
          testId: `${testId}-row-${row.id}`,
          cardTestId: `${testId}-card-${row.id}`,
          style: { opacity: row.archivedAt ? 0.65 : 1 },
        })}
        sort={{ key: params.sort, order: params.order, onSort: list.sortBy }}
        renderCard={(row) => <MasterCard row={row} columns={columns} actions={actionsMenu(row)} />}
        tableTestId={`${testId}-table`}
        cardsTestId={`${testId}-cards`}
        emptyText={`No ${props.nounPlural} yet.`}
        noMatchText={`No ${props.nounPlural} match these filters.`}
        paging={{
          page: params.page,
          pageSize: params.pageSize,
          pageSizes: schema.pageSizes,
          noun: total === 1 ? noun : props.nounPlural,
          onChange: update,
        }}
      />

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
 * A master-data record on a phone: its first column as the title beside the actions menu and the other columns as
 * label and value, so the columns' own renderers serve both layouts.
 */
function MasterCard<T extends MasterRecord>({
  row,
  columns,
  actions,
}: {
  row: T;
  columns: MasterColumn<T>[];
  actions: ReactNode;
}) {
  const [first, ...rest] = columns;
  return (
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
        {actions}
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
  );
}
