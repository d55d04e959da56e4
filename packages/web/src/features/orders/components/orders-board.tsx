import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarDue, IconChevronsLeft, IconChevronsRight, IconUser } from '@tabler/icons-react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  pointerWithin,
  rectIntersection,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type CollisionDetection,
  type DragStartEvent,
} from '@dnd-kit/core';
import type { Order, StageCode } from '@bizdash/contracts/orders';
import { STAGE_TRANSITIONS, isTerminalStage } from '@bizdash/domain/orders/lifecycle';
import { useAuth, useMe } from '../../../app/auth/auth-context';
import { QueryError } from '../../../components/query-error';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { formatDate, formatNumber } from '../../../lib/format';
import { useBoard, useTransition } from '../api';
import { STAGE_COLORS } from '../labels';
import { filterQuery, type OrderListState } from '../url-state';
import { Completeness, PriorityBadge } from './order-badges';
import { ReopenModal, type ReopenTarget } from './reopen-modal';

const PER_STAGE = 20;
/** Closed columns show this many days of closed orders unless the user asks for all of them (`allClosed=1`). */
export const CLOSED_WITHIN_DAYS = 30;
const COLUMN_WIDTH = 248;
const COLLAPSED_WIDTH = 44;

/**
 * The distance from the top of the page to the board, so the board can end at the bottom of the viewport (its
 * horizontal scrollbar always on screen) whatever the filters above it take.
 */
function useTopOffset() {
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(250);
  useLayoutEffect(() => {
    const measure = () => {
      if (ref.current) setTop(Math.round(ref.current.getBoundingClientRect().top + window.scrollY));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  return { ref, top };
}

/** Collapsed stage codes, remembered per user on this device. */
function useCollapsedStages(userId: number) {
  const key = `bizdash.board.collapsed.${userId}`;
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      return new Set(Array.isArray(saved) ? saved.filter((c): c is string => typeof c === 'string') : []);
    } catch {
      return new Set();
    }
  });
  const toggle = useCallback(
    (code: string) =>
      setCollapsed((prev) => {
        const next = new Set(prev);
        if (next.has(code)) next.delete(code);
        else next.add(code);
        try {
          localStorage.setItem(key, JSON.stringify([...next]));
        } catch {
          // Storage full or blocked (private mode): the choice lasts for this visit only.
        }
        return next;
      }),
    [key],
  );
  return { collapsed, toggle };
}

/** The column under the pointer; the overlay's overlap only when the pointer is between columns. */
const dropTarget: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

/**
 * Orders by stage. Dragging a card onto another column asks the server to move it; the card itself never moves
 * until the server agrees, so a refused move simply leaves it where it was, with a notice naming the allowed stages.
 */
export function OrdersBoard({ state }: { state: OrderListState }) {
  const { can } = useAuth();
  const canWrite = can('orders.write');
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const showAllClosed = searchParams.get('allClosed') === '1';
  const setShowAllClosed = (all: boolean) =>
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (all) next.set('allClosed', '1');
        else next.delete('allClosed');
        return next;
      },
      { replace: true },
    );
  const { collapsed, toggle } = useCollapsedStages(me.id);
  const { ref: boardRef, top } = useTopOffset();
  const board = useBoard({
    ...filterQuery(state),
    perStage: PER_STAGE,
    ...(showAllClosed ? {} : { closedWithinDays: CLOSED_WITHIN_DAYS }),
  });
  const transition = useTransition();
  const [dragging, setDragging] = useState<Order | null>(null);
  const [reopen, setReopen] = useState<ReopenTarget | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );
  const columns = board.data?.columns ?? [];
  const labelOf = (code: string) => columns.find((c) => c.stage.code === code)?.stage.label ?? code;

  function onDragStart(event: DragStartEvent) {
    setDragging((event.active.data.current as { order: Order } | undefined)?.order ?? null); // set by BoardCard
  }

  function onDragEnd(event: DragEndEvent) {
    const order = (event.active.data.current as { order: Order } | undefined)?.order; // set by BoardCard
    setDragging(null);
    const to = event.over?.id as StageCode | undefined; // droppable ids are stage codes
    if (!order || !to || to === order.stage.code) return;
    if (isTerminalStage(order.stage.code) && !isTerminalStage(to) && can('orders.reopen')) {
      setReopen({ orderId: order.id, number: order.number, options: [{ to, label: labelOf(to) }] });
      return;
    }
    transition.mutate(
      { id: order.id, to },
      {
        onSuccess: (moved) =>
          notifications.show({ color: 'green', message: `${moved.number} moved to ${moved.stage.label}` }),
        onError: (error) => {
          const allowed =
            isApiError(error) && Array.isArray(error.details.allowed)
              ? (error.details.allowed as string[]).map(labelOf) // the server lists stage codes
              : [];
          notifications.show({
            color: 'red',
            title: `Can't move ${order.number} to ${labelOf(to)}`,
            message:
              isApiError(error) && error.code === 'INVALID_TRANSITION'
                ? allowed.length
                  ? `From ${order.stage.label} it can move to: ${allowed.join(', ')}.`
                  : `${order.stage.label} orders cannot move anywhere from the board.`
                : errorMessage(error),
            autoClose: 8000,
          });
        },
      },
    );
  }

  if (board.isError && !board.data) {
    return (
      <QueryError
        error={board.error}
        what="the board"
        onRetry={() => void board.refetch()}
        isRetrying={board.isFetching}
      />
    );
  }

  // Where the dragged card may go, per the lifecycle (the server has the final word, settings may switch moves off).
  const reachable = new Set<string>(dragging ? STAGE_TRANSITIONS[dragging.stage.code] : []);

  return (
    <>
      <DndContext
        sensors={sensors}
        collisionDetection={dropTarget}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
      >
        {/* The board fills the viewport below the header and columns scroll inside it, so the horizontal
            scrollbar sits on screen instead of below every closed order ever. */}
        <Box
          ref={boardRef}
          data-testid="orders-board"
          style={{
            overflowX: 'auto',
            overflowY: 'hidden',
            height: `max(420px, calc(100dvh - ${top + 24}px))`,
          }}
        >
          <Group align="stretch" gap="sm" wrap="nowrap" pb={6} h="100%" style={{ width: 'max-content' }}>
            {board.isPending
              ? Array.from({ length: 5 }, (_, i) => (
                  <Paper key={i} withBorder p="sm" w={248} bg="var(--mantine-color-gray-light)">
                    <Skeleton height={14} width="60%" mb="md" />
                    <Skeleton height={90} mb="sm" />
                    <Skeleton height={90} />
                  </Paper>
                ))
              : columns.map((column) => (
                  <BoardColumn
                    key={column.stage.code}
                    code={column.stage.code}
                    label={column.stage.label}
                    total={column.total}
                    hiddenClosed={column.hiddenClosed}
                    onShowAllClosed={() => setShowAllClosed(true)}
                    onShowRecentClosed={showAllClosed ? () => setShowAllClosed(false) : undefined}
                    isCollapsed={collapsed.has(column.stage.code)}
                    onToggleCollapsed={() => toggle(column.stage.code)}
                    isDragging={dragging !== null}
                    isSource={dragging?.stage.code === column.stage.code}
                    isReachable={reachable.has(column.stage.code)}
                    moreLink={`/orders?stage=${column.stage.code}`}
                  >
                    {column.items.map((order) => (
                      <BoardCard key={order.id} order={order} canDrag={canWrite} />
                    ))}
                  </BoardColumn>
                ))}
          </Group>
        </Box>
        <DragOverlay>{dragging ? <CardBody order={dragging} isOverlay /> : null}</DragOverlay>
      </DndContext>
      <ReopenModal target={reopen} onClose={() => setReopen(null)} />
    </>
  );
}

function BoardColumn({
  code,
  label,
  total,
  hiddenClosed,
  onShowAllClosed,
  onShowRecentClosed,
  isCollapsed,
  onToggleCollapsed,
  isDragging,
  isSource,
  isReachable,
  moreLink,
  children,
}: {
  code: StageCode;
  label: string;
  total: number;
  hiddenClosed: number;
  onShowAllClosed: () => void;
  /** Set when every closed order is shown: goes back to the recent ones. */
  onShowRecentClosed: (() => void) | undefined;
  isCollapsed: boolean;
  onToggleCollapsed: () => void;
  isDragging: boolean;
  isSource: boolean;
  isReachable: boolean;
  moreLink: string;
  children: React.ReactNode[];
}) {
  const { setNodeRef, isOver } = useDroppable({ id: code });
  const dim = isDragging && !isSource && !isReachable;
  const border = isOver
    ? `2px solid var(--mantine-color-${isReachable ? STAGE_COLORS[code] : 'red'}-filled)`
    : isDragging && isReachable
      ? `2px dashed var(--mantine-color-${STAGE_COLORS[code]}-outline)`
      : '2px solid transparent';
  const isClosedStage = isTerminalStage(code);
  if (isCollapsed) {
    // Still a drop target, so a card can be dropped on a collapsed column.
    return (
      <Box
        ref={setNodeRef}
        w={COLLAPSED_WIDTH}
        miw={COLLAPSED_WIDTH}
        py="xs"
        data-testid={`board-column-${code}`}
        data-over={isOver || undefined}
        data-collapsed="true"
        aria-label={`${label}, ${total} orders, collapsed`}
        style={{
          borderRadius: 'var(--mantine-radius-md)',
          background: 'var(--mantine-color-default-hover)',
          border,
          opacity: dim ? 0.55 : 1,
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          gap: 8,
        }}
      >
        <Tooltip label={`Expand ${label}`}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={onToggleCollapsed}
            aria-label={`Expand ${label}`}
          >
            <IconChevronsRight size={14} />
          </ActionIcon>
        </Tooltip>
        <Badge size="sm" variant="default" className="num">
          {formatNumber(total)}
        </Badge>
        <Text
          size="sm"
          fw={600}
          style={{ writingMode: 'vertical-rl', whiteSpace: 'nowrap', cursor: 'pointer' }}
          onClick={onToggleCollapsed}
        >
          {label}
        </Text>
      </Box>
    );
  }
  return (
    <Box
      ref={setNodeRef}
      w={COLUMN_WIDTH}
      miw={COLUMN_WIDTH}
      p="xs"
      data-testid={`board-column-${code}`}
      data-over={isOver || undefined}
      aria-label={`${label}, ${total} orders`}
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        background: 'var(--mantine-color-default-hover)',
        border,
        opacity: dim ? 0.55 : 1,
        transition: 'opacity 120ms, border-color 120ms',
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
      }}
    >
      <Group justify="space-between" mb={isClosedStage ? 0 : 'xs'} px={4} wrap="nowrap">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Box w={8} h={8} style={{ borderRadius: 8, flex: 'none' }} bg={`${STAGE_COLORS[code]}.6`} />
          <Text size="sm" fw={600} truncate>
            {label}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Badge size="sm" variant="default" className="num">
            {formatNumber(total)}
          </Badge>
          <Tooltip label={`Collapse ${label}`}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              onClick={onToggleCollapsed}
              aria-label={`Collapse ${label}`}
            >
              <IconChevronsLeft size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {isClosedStage ? (
        <Text size="xs" c="dimmed" px={4} mb="xs" data-testid={`board-closed-window-${code}`}>
          {onShowRecentClosed ? (
            <>
              All closed ·{' '}
              <Anchor component="button" type="button" size="xs" onClick={onShowRecentClosed}>
                last {CLOSED_WITHIN_DAYS} days only
              </Anchor>
            </>
          ) : (
            <>
              Last {CLOSED_WITHIN_DAYS} days
              {hiddenClosed > 0 ? (
                <>
                  {' · '}
                  <Anchor component="button" type="button" size="xs" onClick={onShowAllClosed}>
                    show all ({formatNumber(total + hiddenClosed)})
                  </Anchor>
                </>
              ) : null}
            </>
          )}
        </Text>
      ) : null}
      <Stack gap={8} style={{ overflowY: 'auto', flex: 1, minHeight: 0 }} pb={4}>
        {children}
        {children.length === 0 ? (
          <Text size="xs" c="dimmed" ta="center" py="lg">
            {isClosedStage && hiddenClosed > 0 ? `None in the last ${CLOSED_WITHIN_DAYS} days` : 'No orders'}
          </Text>
        ) : null}
        {total > children.length ? (
          <Anchor component={Link} to={moreLink} size="xs" ta="center">
            {formatNumber(total - children.length)} more in the list
          </Anchor>
        ) : null}
      </Stack>
    </Box>
  );
}

function BoardCard({ order, canDrag }: { order: Order; canDrag: boolean }) {
  const navigate = useNavigate();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: order.id,
    data: { order },
    disabled: !canDrag,
  });
  return (
    <UnstyledButton
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      onClick={() => void navigate(`/orders/${order.id}`)}
      aria-label={`${order.number} ${order.title}`}
      data-testid={`board-card-${order.id}`}
      style={{ opacity: isDragging ? 0.35 : 1, cursor: canDrag ? 'grab' : 'pointer', touchAction: 'none' }}
    >
      <CardBody order={order} />
    </UnstyledButton>
  );
}

function CardBody({ order, isOverlay = false }: { order: Order; isOverlay?: boolean }) {
  return (
    <Paper
      withBorder
      p="sm"
      shadow={isOverlay ? 'lg' : 'xs'}
      w={isOverlay ? 228 : '100%'}
      style={{
        borderLeft: order.isOverdue ? '3px solid var(--mantine-color-red-filled)' : undefined,
        cursor: isOverlay ? 'grabbing' : undefined,
      }}
    >
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="xs" fw={600} className="mono" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {order.number}
        </Text>
        <div style={{ flex: 'none' }}>
          <PriorityBadge priority={order.priority} />
        </div>
      </Group>
      <Text size="sm" fw={600} lineClamp={2} mt={2}>
        {order.title}
      </Text>
      <Text size="xs" c="dimmed" truncate>
        {order.client.name} · {order.orderType.name}
      </Text>
      <Box mt={8}>
        <Completeness value={order.documents} compact />
      </Box>
      <Group justify="space-between" mt={8} gap={4} wrap="nowrap">
        <Tooltip label={order.isOverdue ? 'Overdue' : 'Due date'}>
          <Group gap={4} wrap="nowrap" c={order.isOverdue ? 'red' : 'dimmed'}>
            <IconCalendarDue size={13} />
            <Text size="xs" className="num" fw={order.isOverdue ? 600 : undefined}>
              {order.dueDate ? formatDate(order.dueDate) : 'No due date'}
            </Text>
          </Group>
        </Tooltip>
        <Group gap={4} wrap="nowrap" c="dimmed" style={{ minWidth: 0 }}>
          <IconUser size={13} />
          <Text size="xs" truncate maw={100}>
            {order.assignee?.name ?? 'Unassigned'}
          </Text>
        </Group>
      </Group>
    </Paper>
  );
}
