import { useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsRightLeft } from '@tabler/icons-react';
import { STAGE_TRANSITIONS, isTerminalStage } from '@bizdash/domain/orders/lifecycle';
import type { Order, StageCode, TransitionOption } from '@bizdash/contracts/orders';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useTransition } from '../api';
import { CloseModal } from '../order-detail-page';
import { useStages } from '../use-stages';

/**
 * "Move stage" on a list card: the next stages by the lifecycle, one tap from the list on a phone. Closing (completed,
 * failed) is confirmed as on the order page; the server has the final word (settings may switch a move off). Closed
 * orders are reopened from their page, with a reason.
 */
export function MoveStageMenu({ order }: { order: Order }) {
  const { labelOf } = useStages();
  const transition = useTransition();
  const [confirm, setConfirm] = useState<TransitionOption | null>(null);
  if (isTerminalStage(order.stage.code)) return null;
  const options = STAGE_TRANSITIONS[order.stage.code];

  function move(to: StageCode, note?: string) {
    transition.mutate(
      { id: order.id, to, ...(note ? { note } : {}) },
      {
        onSuccess: (moved) => {
          setConfirm(null);
          notifications.show({ color: 'green', message: `${moved.number} moved to ${moved.stage.label}` });
        },
        onError: (error) => {
          const allowed =
            isApiError(error) && Array.isArray(error.details.allowed)
              ? (error.details.allowed as StageCode[]).map(labelOf) // the server lists stage codes
              : [];
          notifications.show({
            color: 'red',
            title: `Can't move ${order.number} to ${labelOf(to)}`,
            message: allowed.length ? `It can move to: ${allowed.join(', ')}.` : errorMessage(error),
          });
        },
      },
    );
  }

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconArrowsRightLeft size={14} />}
            loading={transition.isPending}
          >
            Move stage
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>From {order.stage.label} to</Menu.Label>
          {options.map((to) => (
            <Menu.Item
              key={to}
              color={to === 'failed' ? 'red' : undefined}
              onClick={() => (isTerminalStage(to) ? setConfirm({ to, label: labelOf(to), isReopen: false }) : move(to))}
            >
              {labelOf(to)}
              {isTerminalStage(to) ? '…' : ''}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {/* Mounted only when asked: it loads the order's documents, which a list of cards must not do per card. */}
      {confirm ? (
        <CloseModal
          orderId={order.id}
          option={confirm}
          onClose={() => setConfirm(null)}
          onConfirm={(note) => move(confirm.to, note)}
          isPending={transition.isPending}
        />
      ) : null}
    </>
  );
}
