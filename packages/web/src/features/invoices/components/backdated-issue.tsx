import { useState } from 'react';
import { Alert, Button, Checkbox, Stack, Text } from '@mantine/core';
import { useAuth } from '../../../app/auth/auth-context';
import { isApiError } from '../../../lib/api';

/** True for the server's refusal to number a document after a later-dated one of its series (409). */
export function isBackdatedRefusal(error: unknown): boolean {
  return isApiError(error) && error.code === 'BACKDATED_ISSUE';
}

/**
 * Shown in an issue dialog after the server refused a back-dated issue: its message names the later document.
 * Owner, admin and accountant may still issue it, after ticking that they mean to; the audit log records it.
 */
export function BackdatedIssue({
  message,
  loading,
  onIssueAnyway,
}: {
  message: string;
  loading: boolean;
  onIssueAnyway: () => void;
}) {
  const { can } = useAuth();
  const [isSure, setSure] = useState(false);
  return (
    <Alert color="orange" title="Dated before the latest document of its series" data-testid="backdated-issue">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {can('invoices.backdate') ? (
          <>
            <Checkbox
              size="sm"
              checked={isSure}
              onChange={(e) => setSure(e.currentTarget.checked)}
              label="Number it after that document anyway. The audit log records the back-dated issue."
              data-testid="backdated-confirm"
            />
            <Button color="orange" disabled={!isSure} loading={loading} onClick={onIssueAnyway}>
              Issue anyway (back-dated)
            </Button>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Change its date, or ask an owner, admin or accountant to issue it back-dated.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
