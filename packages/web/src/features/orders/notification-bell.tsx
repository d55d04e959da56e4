import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconAt, IconBell, IconBellOff, IconChecklist, IconFileUpload, IconUserPlus } from '@tabler/icons-react';
import type { Notification, NotificationKind } from '@bizdash/contracts/notifications';
import { formatDateTime, formatNumber, formatRelativeTime } from '../../lib/format';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from './api';

const ICONS: Record<NotificationKind, typeof IconBell> = {
  mention: IconAt,
  order_assigned: IconUserPlus,
  task_assigned: IconChecklist,
  task_due: IconChecklist,
  document_received: IconFileUpload,
};

/** The header bell: unread count, the latest notifications, mark read, and a click opens the order. */
export function NotificationBell() {
  const [opened, setOpened] = useState(false);
  const unread = useUnreadCount();
  const list = useNotifications(opened);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const count = unread.data?.count ?? 0;

  function open(n: Notification) {
    if (!n.isRead) markRead.mutate(n.id);
    setOpened(false);
    if (n.orderId !== null) void navigate(`/orders/${n.orderId}${n.kind === 'mention' ? '?tab=comments' : ''}`);
    else if (n.taskId !== null) void navigate('/tasks');
  }

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal>
      <Popover.Target>
        <Tooltip label="Notifications" disabled={opened}>
          <ActionIcon
            variant="default"
            size={34}
            aria-label={count ? `Notifications, ${count} unread` : 'Notifications'}
            onClick={() => setOpened((o) => !o)}
            data-testid="notification-bell"
          >
            <Indicator
              disabled={count === 0}
              label={count > 99 ? '99+' : formatNumber(count)}
              size={16}
              offset={2}
              color="red"
            >
              <IconBell size={18} stroke={1.6} />
            </Indicator>
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px="md" py="sm">
          <Text fw={600} size="sm">
            Notifications
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={count === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            Mark all read
          </Button>
        </Group>
        <Divider />
        {list.isPending ? (
          <Stack p="md" gap="sm">
            <Skeleton height={32} />
            <Skeleton height={32} />
          </Stack>
        ) : list.isError || list.data.items.length === 0 ? (
          <Stack align="center" gap={6} py="lg" px="md">
            <ThemeIcon variant="light" color="gray" size={40} radius="xl">
              <IconBellOff size={20} />
            </ThemeIcon>
            <Text size="sm" fw={600}>
              {list.isError ? "Couldn't load notifications" : "You're all caught up"}
            </Text>
            <Text size="xs" c="dimmed" ta="center">
              Mentions, assignments, due tasks and new documents on your orders show up here.
            </Text>
          </Stack>
        ) : (
          <ScrollArea.Autosize mah={420}>
            {list.data.items.map((n) => {
              const Icon = ICONS[n.kind];
              return (
                <UnstyledButton
                  key={n.id}
                  onClick={() => open(n)}
                  w="100%"
                  px="md"
                  py="sm"
                  data-testid={`notification-${n.id}`}
                  style={{
                    display: 'block',
                    borderBottom: '1px solid var(--mantine-color-default-border)',
                    background: n.isRead ? undefined : 'var(--mantine-primary-color-light)',
                  }}
                >
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <ThemeIcon variant="light" size={28} radius="xl" color={n.isRead ? 'gray' : undefined}>
                      <Icon size={15} />
                    </ThemeIcon>
                    <div style={{ minWidth: 0, flex: 1 }}>
                      <Text size="sm" fw={n.isRead ? 400 : 600} lineClamp={2}>
                        {n.title}
                      </Text>
                      {n.body ? (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {n.body}
                        </Text>
                      ) : null}
                      <Tooltip label={`${formatDateTime(n.createdAt)} IST`}>
                        <Text size="xs" c="dimmed" className="num" span>
                          {formatRelativeTime(n.createdAt)}
                        </Text>
                      </Tooltip>
                    </div>
                  </Group>
                </UnstyledButton>
              );
            })}
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
