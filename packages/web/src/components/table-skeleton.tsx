import { Skeleton, Table } from '@mantine/core';

/** Placeholder rows with the table's real column count, so the layout doesn't jump when data arrives. */
export function TableSkeletonRows({ columns, rows = 6 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <Table.Tr key={r} aria-hidden>
          {Array.from({ length: columns }, (_, c) => (
            <Table.Td key={c}>
              <Skeleton height={14} radius="sm" width={c === 0 ? '70%' : `${45 + ((r * 7 + c * 13) % 40)}%`} />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </>
  );
}
