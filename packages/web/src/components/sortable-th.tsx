import type { ReactNode } from 'react';
import { Center, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';

interface SortableThProps {
  children: ReactNode;
  /** This column is the current sort. */
  isSorted: boolean;
  order: 'asc' | 'desc';
  onSort: () => void;
  align?: 'left' | 'right';
  w?: number | string;
}

/** A table header that sorts by its column on click, announcing the sort to screen readers via aria-sort. */
export function SortableTh({ children, isSorted, order, onSort, align = 'left', w }: SortableThProps) {
  const Icon = isSorted ? (order === 'asc' ? IconChevronUp : IconChevronDown) : IconSelector;
  return (
    <Table.Th
      aria-sort={isSorted ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
      style={{ padding: 0, whiteSpace: 'nowrap' }}
      w={w}
    >
      <UnstyledButton onClick={onSort} w="100%" px="md" py="xs" style={{ borderRadius: 0 }}>
        <Group justify={align === 'right' ? 'flex-end' : 'space-between'} gap={4} wrap="nowrap">
          <Text fw={600} fz="sm" c={isSorted ? undefined : 'dimmed'}>
            {children}
          </Text>
          <Center c={isSorted ? 'var(--mantine-primary-color-filled)' : 'dimmed'}>
            <Icon size={14} stroke={1.8} />
          </Center>
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
