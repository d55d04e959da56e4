import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconLink, IconUpload } from '@tabler/icons-react';
import type { CreatedPublicLink, PublicLink } from '@bizdash/contracts/public';
import { DateTime } from '../../components/date-time';
import { QueryError } from '../../components/query-error';
import { errorMessage } from '../../lib/errors';
import { useCreatePublicLink, usePublicLinks, useRevokePublicLink, type LinkTarget } from './api';

const EXPIRY_OPTIONS = [
  { value: '1', label: '1 day' },
  { value: '3', label: '3 days' },
  { value: '7', label: '7 days' },
  { value: '14', label: '14 days' },
  { value: '30', label: '30 days' },
];

const STATE_COLORS: Record<PublicLink['state'], string> = {
  active: 'green',
  used: 'blue',
  expired: 'gray',
  revoked: 'red',
};

const TEXT = {
  upload: {
    button: 'Upload link',
    title: 'Upload link for the client',
    intro:
      'The client opens the link without logging in, sees only the names of the pending documents, and uploads them. ' +
      'Each document can be sent once; it then shows as received here.',
    create: 'Create upload link',
  },
  invoice_view: {
    button: 'View link',
    title: 'View link for the client',
    intro: 'The client opens the link without logging in to view and download this invoice as a PDF.',
    create: 'Create view link',
  },
} as const;

/** The address to hand out: the full URL when the server knows its public address, else the public path. */
function addressOf(link: CreatedPublicLink): string {
  return link.url ?? link.path;
}

/** A button that opens the links of an order (upload) or an invoice (view): create, copy once, revoke. */
export function PublicLinksButton({ target, canManage }: { target: LinkTarget; canManage: boolean }) {
  const [opened, setOpened] = useState(false);
  const text = TEXT[target.kind];
  return (
    <>
      <Button
        variant="default"
        leftSection={target.kind === 'upload' ? <IconUpload size={16} /> : <IconLink size={16} />}
        onClick={() => setOpened(true)}
      >
        {text.button}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={text.title} size="lg">
        {opened ? <LinksPanel target={target} canManage={canManage} /> : null}
      </Modal>
    </>
  );
}

function LinksPanel({ target, canManage }: { target: LinkTarget; canManage: boolean }) {
  const text = TEXT[target.kind];
  const links = usePublicLinks(target, true);
  const create = useCreatePublicLink(target);
  const revoke = useRevokePublicLink(target);
  const [days, setDays] = useState('7');
  const [created, setCreated] = useState<CreatedPublicLink | null>(null);

  async function onCreate() {
    try {
      setCreated(await create.mutateAsync(Number(days)));
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not create the link', message: errorMessage(error) });
    }
  }

  async function onRevoke(link: PublicLink) {
    try {
      await revoke.mutateAsync(link.id);
      if (created?.id === link.id) setCreated(null);
      notifications.show({ color: 'green', message: 'Link revoked; it no longer opens.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not revoke the link', message: errorMessage(error) });
    }
  }

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {text.intro}
      </Text>
      {canManage ? (
        <Group align="flex-end" gap="sm">
          <Select
            label="Works for"
            data={EXPIRY_OPTIONS}
            value={days}
            onChange={(v) => v && setDays(v)}
            allowDeselect={false}
            w={140}
          />
          <Button onClick={() => void onCreate()} loading={create.isPending}>
            {text.create}
          </Button>
        </Group>
      ) : null}
      {created ? (
        <Alert color="green" title="Link created: copy it now" icon={<IconCheck size={18} />}>
          <Stack gap="xs">
            <Text size="sm">It is shown only this once. Send it to the client by email or chat.</Text>
            <Group gap="xs" wrap="nowrap">
              <TextInput
                aria-label="New link"
                value={addressOf(created)}
                readOnly
                style={{ flex: 1 }}
                onFocus={(e) => e.currentTarget.select()}
                data-testid="created-link"
              />
              <CopyButton value={addressOf(created)}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy'}>
                    <ActionIcon variant="light" size="lg" onClick={copy} aria-label="Copy link">
                      {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            {created.url ? null : (
              <Text size="xs" c="dimmed">
                Put the public listener&apos;s address in front of this path (set PUBLIC_URL to have it filled in).
              </Text>
            )}
          </Stack>
        </Alert>
      ) : null}
      {links.isError ? (
        <QueryError error={links.error} what="links" onRetry={() => void links.refetch()} />
      ) : (
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Created</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Used</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(links.data?.items ?? []).length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text size="sm" c="dimmed" ta="center" py="xs">
                    {links.isPending ? 'Loading…' : 'No links yet.'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              links.data?.items.map((link) => (
                <Table.Tr key={link.id} data-testid={`link-row-${link.id}`}>
                  <Table.Td>
                    <Text size="sm">
                      <DateTime value={link.createdAt} />
                    </Text>
                    {link.createdBy ? (
                      <Text size="xs" c="dimmed">
                        by {link.createdBy}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATE_COLORS[link.state]} variant="light" style={{ minWidth: 'max-content' }}>
                      {link.state}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <DateTime value={link.expiresAt} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="num">
                      {link.useCount === 0 ? 'Not yet' : `${link.useCount}×`}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {canManage && link.state !== 'revoked' && link.state !== 'expired' ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => void onRevoke(link)}
                        loading={revoke.isPending && revoke.variables === link.id}
                      >
                        Revoke
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
