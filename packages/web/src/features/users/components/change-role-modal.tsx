import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconAlertTriangle } from '@tabler/icons-react';
import type { User } from '@bizdash/contracts/users';
import { assignableRoles, type Role } from '@bizdash/domain/permissions';
import { useMe } from '../../../app/auth/auth-context';
import { ROLE_LABELS } from '../../../lib/roles';
import { useRetained } from '../../../lib/use-retained';
import { useUpdateUser } from '../api';
import { userErrorMessage } from '../user-errors';
import { RoleSelect } from './role-select';

export function ChangeRoleModal({ user: target, onClose }: { user: User | null; onClose: () => void }) {
  const user = useRetained(target);
  return (
    <Modal opened={target !== null} onClose={onClose} title="Change role" size="md">
      {user ? <ChangeRoleForm key={user.id} user={user} onClose={onClose} /> : null}
    </Modal>
  );
}

function ChangeRoleForm({ user, onClose }: { user: User; onClose: () => void }) {
  const me = useMe();
  const update = useUpdateUser();
  const [role, setRole] = useState<Role | null>(user.role);
  const roles = assignableRoles(me.role);
  const isUnchanged = role === user.role;

  async function save() {
    if (!role || isUnchanged) return;
    try {
      await update.mutateAsync({ id: user.id, patch: { role } });
      notifications.show({
        color: 'teal',
        title: 'Role changed',
        message: `${user.name} is now ${/^[aeiou]/i.test(ROLE_LABELS[role]) ? 'an' : 'a'} ${ROLE_LABELS[role]}.`,
      });
      onClose();
    } catch {
      // shown below from update.error
    }
  }

  return (
    <Stack gap="md">
      <Text size="sm">
        Choose what <b>{user.name}</b> can see and do. They will be logged out on their devices and see the new role
        when they log in again.
      </Text>
      {update.error ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {userErrorMessage(update.error)}
        </Alert>
      ) : null}
      <RoleSelect
        label="Role"
        roles={roles.includes(user.role) ? roles : [user.role, ...roles]}
        value={role}
        onChange={setRole}
        data-autofocus
      />
      {role === 'owner' && user.role !== 'owner' ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          Owners can do everything, including changing or disabling other owners.
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={() => void save()} loading={update.isPending} disabled={isUnchanged}>
          Change role
        </Button>
      </Group>
    </Stack>
  );
}
