import { ActionIcon, Menu, Tooltip } from '@mantine/core';
import { IconDots, IconKey, IconUserCheck, IconUserCog, IconUserOff } from '@tabler/icons-react';
import type { User } from '@bizdash/contracts/users';
import type { SessionUser } from '../../../app/auth/auth-context';

export type UserAction = 'role' | 'toggle' | 'password';

/** Why `me` may not manage `user` from here, or null when they may. Mirrors the server's rules for a clear hint. */
export function manageBlockReason(me: SessionUser, user: User): string | null {
  if (me.id === user.id) return 'This is you. Change your own password under Account.';
  if (user.role === 'owner' && me.role !== 'owner') return 'Only an owner can change an owner.';
  return null;
}

interface UserActionsMenuProps {
  user: User;
  me: SessionUser;
  onAction: (action: UserAction, user: User) => void;
}

export function UserActionsMenu({ user, me, onAction }: UserActionsMenuProps) {
  const blocked = manageBlockReason(me, user);
  if (blocked) {
    return (
      <Tooltip label={blocked} withinPortal>
        <span>
          <ActionIcon variant="subtle" color="gray" disabled aria-label={`Actions for ${user.name}`}>
            <IconDots size={16} />
          </ActionIcon>
        </span>
      </Tooltip>
    );
  }
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={200}>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Actions for ${user.name}`}
          onClick={(e) => e.stopPropagation()}
        >
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
        <Menu.Item leftSection={<IconUserCog size={16} />} onClick={() => onAction('role', user)}>
          Change role
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => onAction('password', user)}>
          Reset password
        </Menu.Item>
        <Menu.Divider />
        {user.isActive ? (
          <Menu.Item color="red" leftSection={<IconUserOff size={16} />} onClick={() => onAction('toggle', user)}>
            Disable
          </Menu.Item>
        ) : (
          <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => onAction('toggle', user)}>
            Enable
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
