import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { PasswordField } from '../../../components/password-field';
import { isApiError } from '../../../lib/api';
import { errorMessage, fieldErrorsOf } from '../../../lib/errors';
import { useChangePassword } from '../api';
import { SectionCard } from './section-card';

type Field = 'currentPassword' | 'newPassword' | 'confirm';

export function PasswordSection() {
  const change = useChangePassword();
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const set = (field: Field) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((er) => ({ ...er, [field]: undefined }));
  };

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) found.currentPassword = 'Enter your current password';
    if (values.newPassword.length < 10) found.newPassword = 'Use at least 10 characters';
    else if (values.newPassword === values.currentPassword)
      found.newPassword = 'Choose a password different from the current one';
    if (values.confirm !== values.newPassword) found.confirm = "The passwords don't match";
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      setValues({ currentPassword: '', newPassword: '', confirm: '' });
      notifications.show({
        color: 'teal',
        title: 'Password changed',
        message: 'Use your new password next time you log in.',
      });
    } catch (error) {
      if (isApiError(error) && (error.code === 'INVALID_CREDENTIALS' || error.code === 'UNAUTHENTICATED')) {
        setErrors({ currentPassword: 'Your current password is not right' });
      } else if (isApiError(error) && error.code === 'PASSWORD_TOO_WEAK') {
        setErrors({ newPassword: error.detail || 'This password is too easy to guess. Use a longer one.' });
      } else {
        const fields = fieldErrorsOf(error);
        if (Object.keys(fields).length > 0) setErrors(fields);
        else setFormError(errorMessage(error));
      }
    }
  }

  return (
    <SectionCard
      title="Password"
      description="Use at least 10 characters. A few unrelated words make a strong, memorable password."
      testId="account-password"
    >
      <form onSubmit={(e) => void handleSubmit(e)} noValidate>
        <Stack gap="md" maw={720}>
          {formError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {formError}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <PasswordField
              label="Current password"
              autoComplete="current-password"
              value={values.currentPassword}
              onChange={set('currentPassword')}
              error={errors.currentPassword}
              required
            />
            <PasswordField
              label="New password"
              autoComplete="new-password"
              value={values.newPassword}
              onChange={set('newPassword')}
              error={errors.newPassword}
              required
            />
            <PasswordField
              label="Confirm new password"
              autoComplete="new-password"
              value={values.confirm}
              onChange={set('confirm')}
              error={errors.confirm}
              required
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
