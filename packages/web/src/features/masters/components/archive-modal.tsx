import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage } from '../../../lib/errors';
import { useRetained } from '../../../lib/use-retained';
import { useArchiveMaster, type MasterResource } from '../api';

interface ArchiveModalProps {
  resource: MasterResource;
  /** "document type" */
  noun: string;
  target: { id: number; name: string } | null;
  onClose: () => void;
}

/** Confirms archiving a master record; a 409 IN_USE answer (what still uses it) is shown in the modal. */
export function ArchiveModal({ resource, noun, target, onClose }: ArchiveModalProps) {
  const archive = useArchiveMaster(resource);
  const record = useRetained(target);

  function close() {
    archive.reset();
    onClose();
  }

  async function confirm() {
    if (!record) return;
    try {
      await archive.mutateAsync(record.id);
      notifications.show({ color: 'orange', title: 'Archived', message: `${record.name} is archived.` });
      close();
    } catch {
      // shown below from archive.error
    }
  }

  return (
    <Modal opened={target !== null} onClose={close} title={`Archive ${noun}?`} size="md">
      {record ? (
        <Stack gap="md">
          <Text size="sm">
            <b>{record.name}</b> will no longer be offered for new records. Existing records keep it, and you can still
            find it under “Archived”.
          </Text>
          {archive.error ? (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle size={18} />}
              role="alert"
              data-testid="archive-error"
            >
              {errorMessage(archive.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" onClick={() => void confirm()} loading={archive.isPending} data-autofocus>
              Archive
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
