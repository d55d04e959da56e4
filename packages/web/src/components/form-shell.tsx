import type { FormEvent, ReactNode } from 'react';
import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

interface FormShellProps {
  onSubmit: () => void;
  onCancel?: () => void;
  error: string | null;
  saving: boolean;
  children: ReactNode;
  submitLabel?: string;
  testId?: string;
}

/** A form with a whole-form error above the fields and Cancel / Save below. */
export function FormShell({
  onSubmit,
  onCancel,
  error,
  saving,
  children,
  submitLabel = 'Save',
  testId,
}: FormShellProps) {
  return (
    <form
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        onSubmit();
      }}
      noValidate
      data-testid={testId}
    >
      <Stack gap="md">
        {error ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {error}
          </Alert>
        ) : null}
        {children}
        <Group justify="flex-end" mt="xs">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={saving}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
