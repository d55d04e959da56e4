import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import type { User } from '@bizdash/contracts/users';
import { TemporaryPasswordField } from '../../../components/temporary-password-field';
import { isApiError } from '../../../lib/api';
import { fieldErrorsOf } from '../../../lib/errors';
import { useRetained } from '../../../lib/use-retained';
import { useResetPassword } from '../api';
import { userErrorMessage } from '../user-errors';

export function ResetPasswordModal({ user: target, onClose }: { user: User | null; onClose: () => void }) {
  const user = useRetained(target);
  return (
    <Modal opened={target !== null} onClose={onClose} title="Reset password" size="md">
      {user ? <ResetPasswordForm key={user.id} user={user} onClose={onClose} /> : null}
    </Modal>
  );
}

function ResetPasswordForm({ user, onClose }: { user: User; onClose: () => void }) {
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    if (password.length < 10) {
      setError('Use at least 10 characters');
      return;
    }
    setError(undefined);
    try {
      await reset.mutateAsync({ id: user.id, password });
      notifications.show({
        color: 'teal',
        title: 'Password reset',
        message: `Give ${user.name} the new password privately.`,
      });
      onClose();
    } catch (err) {
      if (isApiError(err) && err.code === 'PASSWORD_TOO_WEAK') setError(userErrorMessage(err));
      else {
        const fields = fieldErrorsOf(err);
        if (fields.password) setError(fields.password);
        else setFormError(userErrorMessage(err));
      }
    }
  }

  return (
    <form onSubmit={(e) => void handleSubmit(e)} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Set a new password for <b>{user.name}</b> ({user.email}). Their current password stops working straight away.
        </Text>
        {formError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {formError}
          </Alert>
        ) : null}
        <TemporaryPasswordField
          label="New password"
          value={password}
          onChange={setPassword}
          error={error}
          description="At least 10 characters. Share it privately."
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={reset.isPending}>
            Reset password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
