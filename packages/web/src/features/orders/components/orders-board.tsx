import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Anchor,
  Badge,
  Box,
  Group,
  Paper,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarDue, IconUser } from '@tabler/icons-react';
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
import { useAuth } from '../../../app/auth/auth-context';
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
  const board = useBoard({ ...filterQuery(state), perStage: PER_STAGE });
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
        <ScrollArea type="auto" offsetScrollbars data-testid="orders-board">
          <Group align="flex-start" gap="sm" wrap="nowrap" pb="sm">
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
        </ScrollArea>
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
  isDragging,
  isSource,
  isReachable,
  moreLink,
  children,
}: {
  code: StageCode;
  label: string;
  total: number;
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
  return (
    <Box
      ref={setNodeRef}
      w={248}
      miw={248}
      p="xs"
      data-testid={`board-column-${code}`}
      aria-label={`${label}, ${total} orders`}
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        background: 'var(--mantine-color-default-hover)',
        border,
        opacity: dim ? 0.55 : 1,
        transition: 'opacity 120ms, border-color 120ms',
        minHeight: 240,
      }}
    >
      <Group justify="space-between" mb="xs" px={4} wrap="nowrap">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Box w={8} h={8} style={{ borderRadius: 8, flex: 'none' }} bg={`${STAGE_COLORS[code]}.6`} />
          <Text size="sm" fw={600} truncate>
            {label}
          </Text>
        </Group>
        <Badge size="sm" variant="default" className="num">
          {formatNumber(total)}
        </Badge>
      </Group>
      <Stack gap={8}>
        {children}
        {children.length === 0 ? (
          <Text size="xs" c="dimmed" ta="center" py="lg">
            No orders
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
      w={230}
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
