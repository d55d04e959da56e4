import { useState, type FormEvent } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconAlertTriangle,
  IconCheck,
  IconCopy,
  IconKey,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import type { ApiKey, CreateApiKeyResult } from '@bizdash/contracts/users';
import { assignableRoles, type Role } from '@bizdash/domain/permissions';
import { useMe } from '../../../app/auth/auth-context';
import { DateTime } from '../../../components/date-time';
import { QueryError } from '../../../components/query-error';
import { RoleBadge } from '../../../components/role-badge';
import { TableSkeletonRows } from '../../../components/table-skeleton';
import { errorMessage, fieldErrorsOf } from '../../../lib/errors';
import { useRetained } from '../../../lib/use-retained';
import { RoleSelect } from '../../users/components/role-select';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api';
import { SectionCard } from './section-card';

function CreateKeyModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (r: CreateApiKeyResult) => void;
}) {
  const me = useMe();
  // A key acts without a person; it never gets owner rights.
  const roles = assignableRoles(me.role).filter((r) => r !== 'owner');
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | null>(roles.includes('accountant') ? 'accountant' : (roles[0] ?? null));
  const [errors, setErrors] = useState<{ name?: string; role?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);

  function close() {
    setName('');
    setErrors({});
    setFormError(null);
    create.reset();
    onClose();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: typeof errors = {};
    if (!name.trim()) found.name = 'Name the key after what will use it';
    if (!role) found.role = 'Choose a role';
    setErrors(found);
    setFormError(null);
    if (found.name || found.role || !role) return;
    try {
      const result = await create.mutateAsync({ name: name.trim(), role });
      setName('');
      onCreated(result);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields.name || fields.role) setErrors(fields);
      else setFormError(errorMessage(error));
    }
  }

  return (
    <Modal opened={opened} onClose={close} title="New API key">
      <form onSubmit={(e) => void handleSubmit(e)} noValidate>
        <Stack gap="md">
          {formError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {formError}
            </Alert>
          ) : null}
          <TextInput
            label="Name"
            placeholder="e.g. Tally sync"
            description="So you can tell keys apart later."
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
            required
          />
          <RoleSelect
            label="Role"
            description="The key can do what this role can, and nothing more."
            roles={roles}
            value={role}
            onChange={setRole}
            error={errors.role}
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function TokenModal({ result: target, onClose }: { result: CreateApiKeyResult | null; onClose: () => void }) {
  const result = useRetained(target);
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title="Copy your new API key"
      closeOnClickOutside={false}
      size="lg"
    >
      {result ? (
        <Stack gap="md">
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="This is the only time the key is shown"
          >
            Copy it now and store it somewhere safe, such as the settings of the program that will use it. If you lose
            it, revoke this key and create a new one.
          </Alert>
          <Group gap="xs" wrap="nowrap" align="stretch">
            <Code
              block
              style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
              fz="sm"
              data-testid="api-key-token"
            >
              {result.token}
            </Code>
            <CopyButton value={result.token} timeout={2000}>
              {({ copied, copy }) => (
                <Button
                  onClick={copy}
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  miw={110}
                >
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            Send it as <Code>Authorization: Bearer &lt;key&gt;</Code> with each API request.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              I have stored it
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

function RevokeModal({ apiKey: target, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const apiKey = useRetained(target);
  const revoke = useRevokeApiKey();
  function close() {
    revoke.reset();
    onClose();
  }
  async function confirm() {
    if (!apiKey) return;
    try {
      await revoke.mutateAsync(apiKey.id);
      notifications.show({ color: 'orange', title: 'API key revoked', message: `"${apiKey.name}" no longer works.` });
      close();
    } catch {
      // shown below
    }
  }
  return (
    <Modal opened={target !== null} onClose={close} title="Revoke API key?">
      {apiKey ? (
        <Stack gap="md">
          <Text size="sm">
            Anything using <b>{apiKey.name}</b> (<span className="mono">{apiKey.prefix}…</span>) will stop working at
            once. This can't be undone.
          </Text>
          {revoke.error ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {errorMessage(revoke.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" onClick={() => void confirm()} loading={revoke.isPending} data-autofocus>
              Revoke key
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

export function ApiKeysSection() {
  const keys = useApiKeys(true);
  const [isCreating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreateApiKeyResult | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const items = keys.data?.items ?? [];

  return (
    <SectionCard
      title="API keys"
      description="Let other programs (accounting software, scripts) use the BizDash API. Each key acts with the role you give it."
      testId="account-api-keys"
      actions={
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          New API key
        </Button>
      }
    >
      {keys.isError ? (
        <QueryError
          error={keys.error}
          what="API keys"
          onRetry={() => void keys.refetch()}
          isRetrying={keys.isFetching}
        />
      ) : (
        <Table.ScrollContainer minWidth={760} type="native">
          <Table verticalSpacing="sm" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th w={50} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.isPending ? (
                <TableSkeletonRows columns={7} rows={2} />
              ) : items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Group justify="center" py="lg" gap="xs" c="dimmed">
                      <IconKey size={18} />
                      <Text size="sm" inherit>
                        No API keys yet.
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ) : (
                items.map((key) => {
                  const isRevoked = key.revokedAt !== null;
                  return (
                    <Table.Tr key={key.id} c={isRevoked ? 'dimmed' : undefined}>
                      <Table.Td>
                        <Text size="sm" fw={500} inherit>
                          {key.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          by {key.createdBy.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Code>{key.prefix}…</Code>
                      </Table.Td>
                      <Table.Td>
                        <RoleBadge role={key.role} />
                      </Table.Td>
                      <Table.Td>
                        <DateTime value={key.createdAt} dateOnly />
                      </Table.Td>
                      <Table.Td>
                        {key.lastUsedAt ? (
                          <DateTime value={key.lastUsedAt} relative />
                        ) : (
                          <Text size="sm" c="dimmed">
                            Never
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {isRevoked ? (
                          <Tooltip label={<DateTime value={key.revokedAt} />}>
                            <Badge color="gray" variant="dot">
                              Revoked
                            </Badge>
                          </Tooltip>
                        ) : (
                          <Badge color="teal" variant="dot">
                            Active
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {isRevoked ? null : (
                          <Tooltip label="Revoke">
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              onClick={() => setRevoking(key)}
                              aria-label={`Revoke ${key.name}`}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateKeyModal
        opened={isCreating}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setCreated(result);
        }}
      />
      <TokenModal result={created} onClose={() => setCreated(null)} />
      <RevokeModal apiKey={revoking} onClose={() => setRevoking(null)} />
    </SectionCard>
  );
}
