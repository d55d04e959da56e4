import type { ReactNode } from 'react';
import { Paper, Stack, useMantineTheme, type StackProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useNavigate } from 'react-router';

/**
 * True below the `sm` breakpoint, where list pages show cards instead of tables. The exact complement of Mantine's
 * `visibleFrom="sm"`, read on the first render so a phone never flashes the table.
 */
export function useIsPhone(): boolean {
  const theme = useMantineTheme();
  return (
    useMediaQuery(`not all and (min-width: ${theme.breakpoints.sm})`, false, { getInitialValueInEffect: false }) ??
    false
  );
}

/** The cards of a list on a phone: one per row, stacked. */
export function CardList({ children, ...rest }: StackProps & { children: ReactNode; 'data-testid'?: string }) {
  return (
    <Stack gap="xs" {...rest}>
      {children}
    </Stack>
  );
}

/**
 * One row of a list as a card. A tap anywhere opens the record (as a table row does); controls inside the card stop
 * the tap themselves, and the card keeps a real link inside for keyboards and screen readers.
 */
export function ListCard({
  to,
  onOpen,
  children,
  highlight,
  ...rest
}: {
  /** Where a tap goes, or what it does instead (a list that opens its records in a drawer). */
  to?: string;
  onOpen?: () => void;
  children: ReactNode;
  /** Tints the card, as overdue rows are tinted in the table. */
  highlight?: boolean;
  'data-testid'?: string;
}) {
  const navigate = useNavigate();
  return (
    <Paper
      withBorder
      p="sm"
      className={to || onOpen ? 'row-clickable' : undefined}
      bg={highlight ? 'var(--mantine-color-red-light)' : undefined}
      onClick={(e) => {
        // A tap on a link or button inside the card is that control's, not the card's; nor is one in a menu or modal
        // the card opened (React bubbles those through the portal, though they are not inside the card).
        const target = e.target as HTMLElement;
        if (!e.currentTarget.contains(target) || target.closest('a, button, input, textarea')) return;
        if (onOpen) onOpen();
        else if (to) void navigate(to);
      }}
      style={{ minWidth: 0 }}
      {...rest}
    >
      {children}
    </Paper>
  );
}
