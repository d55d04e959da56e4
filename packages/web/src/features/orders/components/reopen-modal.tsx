import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { StageCode } from '@bizdash/contracts/orders';
import { errorMessage, fieldErrorsOf } from '../../../lib/errors';
import { useTransition } from '../api';

export interface ReopenTarget {
  orderId: number;
  number: string;
  /** Stages it may reopen into, with labels. */
  options: { to: StageCode; label: string }[];
}

/** Reopening a completed or failed order: managers only, always with a reason kept in the history. */
export function ReopenModal({ target, onClose }: { target: ReopenTarget | null; onClose: () => void }) {
  const transition = useTransition();
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const chosen = to ?? target?.options[0]?.to ?? null;

  const close = () => {
    setTo(null);
    setReason('');
    setError(null);
    setFormError(null);
    onClose();
  };

  const submit = () => {
    if (!target || !chosen) return;
    if (!reason.trim()) {
      setError('Say why the order is reopened');
      return;
    }
    transition.mutate(
      { id: target.orderId, to: chosen as StageCode, note: reason.trim() }, // a code from the options above
      {
        onSuccess: (order) => {
          notifications.show({ color: 'green', message: `${order.number} reopened (${order.stage.label})` });
          close();
        },
        onError: (e) => {
          const fields = fieldErrorsOf(e);
          if (fields.note) setError(fields.note);
          else setFormError(errorMessage(e));
        },
      },
    );
  };

  return (
    <Modal opened={target !== null} onClose={close} title={target ? `Reopen ${target.number}` : 'Reopen'} centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            The order is closed. Reopening puts it back into active work; the reason is kept in its timeline.
          </Text>
          {formError ? (
            <Alert color="red" variant="light">
              {formError}
            </Alert>
          ) : null}
          {target && target.options.length > 1 ? (
            <Select
              label="Reopen into"
              data={target.options.map((o) => ({ value: o.to, label: o.label }))}
              value={chosen}
              onChange={setTo}
              allowDeselect={false}
            />
          ) : null}
          <Textarea
            label="Reason"
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={transition.isPending}>
              Reopen order
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
