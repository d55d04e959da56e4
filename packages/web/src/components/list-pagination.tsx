import { useEffect } from 'react';
import { Group, Pagination, Select, Text } from '@mantine/core';
import { formatNumber } from '../lib/format';

interface ListPaginationProps {
  page: number;
  pageSize: number;
  total: number;
  pageSizes?: readonly number[];
  onPageChange: (page: number) => void;
  onPageSizeChange?: (size: number) => void;
  /** Plural noun for the count line: "users". */
  noun?: string;
}

/** "1–20 of 45 users", page-size picker and page buttons. */
export function ListPagination({
  page,
  pageSize,
  total,
  pageSizes = [20, 50, 100],
  onPageChange,
  onPageSizeChange,
  noun = 'rows',
}: ListPaginationProps) {
  // An empty list already says so in its body ("No users yet."); a footer reading "No users" beside a page-size
  // picker for nothing would only repeat it.
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" gap="sm" mt="md" wrap="wrap">
      <Text size="sm" c="dimmed" className="num" data-testid="list-range">
        {`${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)} ${noun}`}
      </Text>
      <Group gap="md" wrap="wrap">
        {onPageSizeChange ? (
          <Group gap={8} wrap="nowrap">
            <Text size="sm" c="dimmed" component="label" htmlFor="page-size-select">
              Rows per page
            </Text>
            <Select
              id="page-size-select"
              size="xs"
              w={76}
              data={pageSizes.map(String)}
              value={String(pageSize)}
              onChange={(value) => value && onPageSizeChange(Number(value))}
              allowDeselect={false}
            />
          </Group>
        ) : null}
        {pages > 1 ? (
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={onPageChange}
            size="sm"
            siblings={1}
            boundaries={1}
            getControlProps={(control) => ({ 'aria-label': `${control} page` })}
          />
        ) : null}
      </Group>
    </Group>
  );
}

/**
 * When a page past the end comes back empty (rows were archived, a filter narrowed the list, an old link), move to
 * the last page that has rows instead of showing an empty table.
 */
export function useClampPage(
  data: { items: readonly unknown[]; total: number } | undefined,
  page: number,
  pageSize: number,
  goTo: (page: number) => void,
): void {
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && page > 1) {
      goTo(Math.max(1, Math.ceil(data.total / pageSize)));
    }
  }, [data, page, pageSize, goTo]);
}
