import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import type { Party } from '@bizdash/contracts/parties';
import { useArchiveParty } from '../api';
import { partyErrorMessage } from '../labels';

/** Confirms archiving; the server refuses (409 IN_USE) while orders or invoices name the party. */
export function ArchivePartyModal({ party, opened, onClose }: { party: Party; opened: boolean; onClose: () => void }) {
  const archive = useArchiveParty();

  function close() {
    archive.reset();
    onClose();
  }

  async function confirm() {
    try {
      await archive.mutateAsync(party.id);
      notifications.show({
        color: 'orange',
        title: 'Party archived',
        message: `${party.name} no longer appears in pickers. Its history stays.`,
      });
      close();
    } catch {
      // shown below from archive.error
    }
  }

  return (
    <Modal opened={opened} onClose={close} title="Archive party?" size="md">
      <Stack gap="md">
        <Text size="sm">
          <b>{party.name}</b> will be hidden from the parties list and from pickers on new orders and invoices. Nothing
          is deleted: its details and history stay, and you can still find it under “Archived only”.
        </Text>
        {archive.error ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle size={18} />}
            role="alert"
            data-testid="archive-error"
          >
            {partyErrorMessage(archive.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={archive.isPending} data-autofocus>
            Archive party
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
