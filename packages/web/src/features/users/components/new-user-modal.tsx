import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { assignableRoles, type Role } from '@bizdash/domain/permissions';
import { useMe } from '../../../app/auth/auth-context';
import { TemporaryPasswordField } from '../../../components/temporary-password-field';
import { isApiError } from '../../../lib/api';
import { fieldErrorsOf } from '../../../lib/errors';
import { useCreateUser } from '../api';
import { userErrorMessage } from '../user-errors';
import { RoleSelect } from './role-select';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Field = 'name' | 'email' | 'role' | 'password';

export function NewUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const me = useMe();
  const roles = assignableRoles(me.role);
  const create = useCreateUser();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | null>(roles.includes('staff') ? 'staff' : (roles[0] ?? null));
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  function reset() {
    setName('');
    setEmail('');
    setPassword('');
    setErrors({});
    setFormError(null);
    create.reset();
  }

  function close() {
    reset();
    onClose();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!name.trim()) found.name = 'Enter their name';
    if (!email.trim()) found.email = 'Enter their email address';
    else if (!EMAIL_RE.test(email.trim())) found.email = 'Enter a valid email address';
    if (!role) found.role = 'Choose a role';
    if (password.length < 10) found.password = 'Use at least 10 characters';
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0 || !role) return;
    try {
      const user = await create.mutateAsync({ name: name.trim(), email: email.trim(), role, password });
      notifications.show({
        color: 'teal',
        title: 'User created',
        message: `${user.name} can now log in with the temporary password you set.`,
      });
      close();
    } catch (error) {
      if (isApiError(error) && error.code === 'EMAIL_TAKEN') {
        setErrors({ email: 'Another user already has this email address' });
        return;
      }
      if (isApiError(error) && error.code === 'PASSWORD_TOO_WEAK') {
        setErrors({ password: userErrorMessage(error) });
        return;
      }
      const fields = fieldErrorsOf(error);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setFormError(userErrorMessage(error));
    }
  }

  return (
    <Modal opened={opened} onClose={close} title="New user" size="md">
      <form onSubmit={(e) => void handleSubmit(e)} noValidate>
        <Stack gap="md">
          {formError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {formError}
            </Alert>
          ) : null}
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
            required
          />
          <TextInput
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            description="They log in with this address."
            autoComplete="off"
            required
          />
          <RoleSelect label="Role" roles={roles} value={role} onChange={setRole} error={errors.role} required />
          <TemporaryPasswordField
            label="Temporary password"
            value={password}
            onChange={setPassword}
            error={errors.password}
            description="Share it with them privately. They can change it under Account."
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
