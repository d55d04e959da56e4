import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMail } from '@tabler/icons-react';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { useEmailSettings, useSendInvoiceEmail } from './api';

interface EmailInvoiceButtonProps {
  invoiceId: number;
  invoiceNumber: string | null;
  /** The party's addresses on the invoice; the first is suggested. */
  emails: readonly string[];
}

/** "Email invoice": asks for the recipient, then queues the message with the PDF attached (sent by a job). */
export function EmailInvoiceButton({ invoiceId, invoiceNumber, emails }: EmailInvoiceButtonProps) {
  const [opened, setOpened] = useState(false);
  const [to, setTo] = useState(emails[0] ?? '');
  const send = useSendInvoiceEmail(invoiceId);
  const settings = useEmailSettings();
  const isConfigured = settings.data?.isConfigured ?? true;
  const errors = fieldErrorsOf(send.error);

  return (
    <>
      <Button variant="default" leftSection={<IconMail size={16} />} onClick={() => setOpened(true)}>
        Email invoice
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Email ${invoiceNumber ?? 'invoice'}`} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate(
              { to: to.trim() || undefined },
              {
                onSuccess: (r) => {
                  setOpened(false);
                  notifications.show({ color: 'teal', message: `Queued for ${r.to}; the PDF is attached` });
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            {isConfigured ? null : (
              <Text size="sm" c="red">
                Email is not set up yet: an owner or admin can add the SMTP server in Settings → Email.
              </Text>
            )}
            <TextInput
              label="To"
              type="email"
              required
              data-autofocus
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={errors.to}
            />
            <Text size="xs" c="dimmed">
              Uses the invoice template from Settings → Email, with the invoice PDF attached.
            </Text>
            {send.isError && !errors.to ? (
              <Text size="sm" c="red">
                {errorMessage(send.error)}
              </Text>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={send.isPending} leftSection={<IconMail size={16} />}>
                Send
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
