import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { assignableRoles, type Role } from '@bizdash/domain/permissions';
import { useMe } from '../../../app/auth/auth-context';
import { TemporaryPasswordField } from '../../../components/temporary-password-field';
import { isApiError } from '../../../lib/api';
import { formErrorsOf } from '../../../lib/errors';
import { PartySelect } from '../../orders/components/pickers';
import { useCreateUser } from '../api';
import { userErrorMessage } from '../user-errors';
import { RoleSelect } from './role-select';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Field = 'name' | 'email' | 'role' | 'password' | 'partnerPartyId';
const FIELDS: readonly Field[] = ['name', 'email', 'role', 'password', 'partnerPartyId'];

/** What the form starts with: "Invite to the portal" on a partner's page passes the role, the party and its email. */
export interface NewUserPrefill {
  role?: Role;
  partnerPartyId?: number;
  name?: string;
  email?: string;
}

export function NewUserModal({
  opened,
  onClose,
  prefill,
}: {
  opened: boolean;
  onClose: () => void;
  prefill?: NewUserPrefill | undefined;
}) {
  const me = useMe();
  const roles = assignableRoles(me.role);
  const create = useCreateUser();
  const defaultRole: Role | null = roles.includes('staff') ? 'staff' : (roles[0] ?? null);
  // The prefill is read when the modal mounts: the users page mounts it afresh for each invite (it arrives by route).
  const [name, setName] = useState(prefill?.name ?? '');
  const [email, setEmail] = useState(prefill?.email ?? '');
  const [role, setRole] = useState<Role | null>(
    prefill?.role && roles.includes(prefill.role) ? prefill.role : defaultRole,
  );
  const [partnerPartyId, setPartnerPartyId] = useState<number | null>(prefill?.partnerPartyId ?? null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  function reset() {
    setName('');
    setEmail('');
    setRole(defaultRole);
    setPartnerPartyId(null);
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
    // A partner without a party is left to the server: its message shows next to the Partner field.
    if (password.length < 10) found.password = 'Use at least 10 characters';
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0 || !role) return;
    try {
      const user = await create.mutateAsync({
        name: name.trim(),
        email: email.trim(),
        role,
        password,
        ...(role === 'partner' ? { partnerPartyId } : {}),
      });
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
      const { fields, form } = formErrorsOf(error, FIELDS);
      setErrors(fields);
      setFormError(form === null ? null : Object.keys(fields).length > 0 ? form : userErrorMessage(error));
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
          {role === 'partner' ? (
            <PartySelect
              role="partner"
              label="Partner"
              description="The portal shows this partner's orders and statement to this login."
              placeholder="Search partners"
              value={partnerPartyId}
              onChange={setPartnerPartyId}
              error={errors.partnerPartyId}
              data-testid="new-user-partner"
              required
            />
          ) : null}
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
