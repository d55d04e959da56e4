import { Avatar, Button, Divider, Drawer, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconKey, IconUserCheck, IconUserCog, IconUserOff } from '@tabler/icons-react';
import type { User } from '@bizdash/contracts/users';
import { useAuth, useMe } from '../../../app/auth/auth-context';
import { initials } from '../../../app/layout/user-menu';
import { DateTime } from '../../../components/date-time';
import { HistoryPanel } from '../../../components/history-panel';
import { RoleBadge } from '../../../components/role-badge';
import { useRetained } from '../../../lib/use-retained';
import { manageBlockReason, type UserAction } from './user-actions';
import { StatusBadge, TwoFactorState } from './user-status';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

interface UserDrawerProps {
  user: User | null;
  onClose: () => void;
  onAction: (action: UserAction, user: User) => void;
}

/** One user's details, what can be done to them, and their history from the audit log. */
export function UserDrawer({ user: target, onClose, onAction }: UserDrawerProps) {
  const user = useRetained(target);
  const me = useMe();
  const { can } = useAuth();
  const blocked = user ? manageBlockReason(me, user) : null;
  const canManage = can('users.manage') && user !== null && blocked === null;

  return (
    <Drawer opened={target !== null} onClose={onClose} position="right" size="lg" title="User details" padding="lg">
      {user ? (
        <Stack gap="lg" data-testid="user-drawer">
          <Group gap="md" wrap="nowrap">
            <Avatar size={52} radius="xl" color="indigo" variant="light">
              {initials(user.name)}
            </Avatar>
            <div style={{ minWidth: 0 }}>
              <Title order={3} fz="h4">
                {user.name}
              </Title>
              <Text size="sm" c="dimmed" truncate>
                {user.email}
              </Text>
            </div>
          </Group>
          <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="md">
            <Fact label="Role">
              <RoleBadge role={user.role} />
            </Fact>
            <Fact label="Status">
              <StatusBadge isActive={user.isActive} />
            </Fact>
            <Fact label="Two-factor">
              <TwoFactorState enabled={user.totpEnabled} />
            </Fact>
            <Fact label="Last login">
              {user.lastLoginAt ? (
                <DateTime value={user.lastLoginAt} />
              ) : (
                <Text span c="dimmed" size="sm">
                  Never
                </Text>
              )}
            </Fact>
            <Fact label="Created">
              <DateTime value={user.createdAt} dateOnly />
            </Fact>
            <Fact label="User ID">
              <span className="num">#{user.id}</span>
            </Fact>
          </SimpleGrid>
          {canManage ? (
            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                leftSection={<IconUserCog size={14} />}
                onClick={() => onAction('role', user)}
              >
                Change role
              </Button>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconKey size={14} />}
                onClick={() => onAction('password', user)}
              >
                Reset password
              </Button>
              {user.isActive ? (
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  leftSection={<IconUserOff size={14} />}
                  onClick={() => onAction('toggle', user)}
                >
                  Disable
                </Button>
              ) : (
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconUserCheck size={14} />}
                  onClick={() => onAction('toggle', user)}
                >
                  Enable
                </Button>
              )}
            </Group>
          ) : blocked && can('users.manage') ? (
            <Text size="sm" c="dimmed">
              {blocked}
            </Text>
          ) : null}
          <Divider />
          <Stack gap="sm">
            <Title order={4} fz="md">
              History
            </Title>
            {can('audit.read') ? (
              <HistoryPanel entity="user" entityId={user.id} />
            ) : (
              <Text size="sm" c="dimmed">
                The history of changes is visible to roles that can read the audit log.
              </Text>
            )}
          </Stack>
        </Stack>
      ) : null}
    </Drawer>
  );
}
