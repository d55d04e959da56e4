import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import type { User } from '@bizdash/contracts/users';
import { useRetained } from '../../../lib/use-retained';
import { useUpdateUser } from '../api';
import { userErrorMessage } from '../user-errors';

/** Confirms disabling (or enabling) a user; disabling ends their sessions at once. */
export function ToggleActiveModal({ user: target, onClose }: { user: User | null; onClose: () => void }) {
  const update = useUpdateUser();
  const user = useRetained(target);
  const isDisabling = user?.isActive ?? true;

  function close() {
    update.reset();
    onClose();
  }

  async function confirm() {
    if (!user) return;
    try {
      await update.mutateAsync({ id: user.id, patch: { isActive: !user.isActive } });
      notifications.show({
        color: isDisabling ? 'orange' : 'teal',
        title: isDisabling ? 'User disabled' : 'User enabled',
        message: isDisabling
          ? `${user.name} has been logged out everywhere and can no longer log in.`
          : `${user.name} can log in again.`,
      });
      close();
    } catch {
      // shown below from update.error
    }
  }

  return (
    <Modal opened={target !== null} onClose={close} title={isDisabling ? 'Disable user?' : 'Enable user?'} size="md">
      {user ? (
        <Stack gap="md">
          {isDisabling ? (
            <Text size="sm">
              <b>{user.name}</b> will be logged out on every device straight away, and won't be able to log in until
              someone enables the account again. Their records and history stay as they are.
            </Text>
          ) : (
            <Text size="sm">
              <b>{user.name}</b> will be able to log in again with their current password, with the same role as before.
            </Text>
          )}
          {update.error ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {userErrorMessage(update.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color={isDisabling ? 'red' : undefined}
              onClick={() => void confirm()}
              loading={update.isPending}
              data-autofocus
            >
              {isDisabling ? 'Disable user' : 'Enable user'}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
