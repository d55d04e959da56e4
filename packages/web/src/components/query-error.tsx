import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { isApiError } from '../lib/api';
import { errorMessage } from '../lib/errors';

interface QueryErrorProps {
  error: unknown;
  /** What failed to load, for the title: "users" → "Couldn't load users". */
  what?: string;
  onRetry?: () => void;
  isRetrying?: boolean;
}

/** The error state for a failed query: what went wrong, and a Retry button. */
export function QueryError({ error, what, onRetry, isRetrying }: QueryErrorProps) {
  const requestId = isApiError(error) ? error.requestId : undefined;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={20} />}
      title={what ? `Couldn't load ${what}` : "Couldn't load this"}
      role="alert"
    >
      <Text size="sm">{errorMessage(error)}</Text>
      {requestId ? (
        <Text size="xs" c="dimmed" mt={4}>
          Reference: <span className="mono">{requestId}</span>
        </Text>
      ) : null}
      {onRetry ? (
        <Group mt="sm">
          <Button
            size="xs"
            variant="white"
            color="red"
            leftSection={<IconRefresh size={14} />}
            onClick={onRetry}
            loading={isRetrying ?? false}
          >
            Retry
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}
