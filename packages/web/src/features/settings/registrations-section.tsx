import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingBank, IconPlus, IconTrash } from '@tabler/icons-react';
import type { BusinessRegistration } from '@bizdash/contracts/settings';
import { findState } from '@bizdash/domain/states';
import { useAuth } from '../../app/auth/auth-context';
import { DateTime } from '../../components/date-time';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { errorMessage } from '../../lib/errors';
import { useRetained } from '../../lib/use-retained';
import { FormShell } from '../../components/form-shell';
import { orNull, saveErrors } from '../../lib/form-errors';
import { useAddRegistration, useRegistrations, useRemoveRegistration } from './api';

function AddRegistrationForm({ onDone }: { onDone: () => void }) {
  const add = useAddRegistration();
  const [gstin, setGstin] = useState('');
  const [tradeName, setTradeName] = useState('');
  const [address, setAddress] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function submit() {
    setFormError(null);
    const code = gstin.trim().toUpperCase();
    if (code.length !== 15) {
      setErrors({ gstin: 'A GSTIN has 15 characters' });
      return;
    }
    setErrors({});
    try {
      const saved = await add.mutateAsync({ gstin: code, tradeName: orNull(tradeName), address: orNull(address) });
      notifications.show({
        color: 'teal',
        title: 'Registration added',
        message: `${saved.gstin} (${findState(saved.stateCode)?.name ?? saved.stateCode}) is on your business.`,
      });
      onDone();
    } catch (error) {
      const result = saveErrors(error, ['gstin', 'tradeName', 'address']);
      setErrors(result.fields);
      setFormError(result.form);
    }
  }

  return (
    <FormShell
      onSubmit={() => void submit()}
      onCancel={onDone}
      error={formError}
      saving={add.isPending}
      submitLabel="Add registration"
      testId="registration-form"
    >
      <TextInput
        label="GSTIN"
        description="The state comes from its first two digits."
        placeholder="29AAAAA0000A1Z5"
        maxLength={15}
        value={gstin}
        onChange={(e) => setGstin(e.currentTarget.value.toUpperCase())}
        error={errors.gstin}
        classNames={{ input: 'mono' }}
        required
        data-autofocus
      />
      <TextInput
        label="Trade name"
        value={tradeName}
        onChange={(e) => setTradeName(e.currentTarget.value)}
        error={errors.tradeName}
      />
      <Textarea
        label="Address"
        autosize
        minRows={2}
        value={address}
        onChange={(e) => setAddress(e.currentTarget.value)}
        error={errors.address}
      />
    </FormShell>
  );
}

export function RegistrationsSection() {
  const { can } = useAuth();
  const canManage = can('settings.manage');
  const query = useRegistrations();
  const remove = useRemoveRegistration();
  const [adding, setAdding] = useState(false);
  const [n, setN] = useState(0);
  const [removing, setRemoving] = useState<BusinessRegistration | null>(null);
  const shownRemoving = useRetained(removing);
  const items = (query.data?.items ?? []).filter((r) => r.archivedAt === null);

  async function removeRegistration(reg: BusinessRegistration) {
    try {
      await remove.mutateAsync(reg.id);
      notifications.show({
        color: 'orange',
        title: 'Registration removed',
        message: `${reg.gstin} is no longer used.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: "Couldn't remove the registration", message: errorMessage(error) });
    }
  }

  return (
    <>
      <PageHeader
        title="GST registrations"
        description="Your GSTINs. The primary one is on the Business page; add one for each further state you are registered in."
        actions={
          canManage ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => {
                setN((v) => v + 1);
                setAdding(true);
              }}
            >
              Add registration
            </Button>
          ) : null
        }
      />
      {query.isError && !query.data ? (
        <QueryError
          error={query.error}
          what="registrations"
          onRetry={() => void query.refetch()}
          isRetrying={query.isFetching}
        />
      ) : (
        <Paper withBorder p={0}>
          <Table.ScrollContainer minWidth={640} type="native">
            <Table verticalSpacing="sm" data-testid="registrations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>GSTIN</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Trade name</Table.Th>
                  <Table.Th>Added</Table.Th>
                  <Table.Th w={56} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={5} rows={3} />
                ) : items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Group justify="center" py={40} gap="xs" c="dimmed">
                        <IconBuildingBank size={20} />
                        <Text size="sm" inherit>
                          No GST registrations yet. Set your GSTIN on the Business page first.
                        </Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((reg) => (
                    <Table.Tr key={reg.id} data-testid={`registration-row-${reg.id}`}>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Text size="sm" className="mono" fw={500}>
                            {reg.gstin}
                          </Text>
                          {reg.isPrimary ? (
                            <Badge size="xs" variant="light">
                              Primary
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {reg.stateCode} · {findState(reg.stateCode)?.name ?? 'Unknown state'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{reg.tradeName ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <DateTime value={reg.createdAt} dateOnly />
                      </Table.Td>
                      <Table.Td>
                        {canManage && !reg.isPrimary ? (
                          <Tooltip label="Remove">
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Remove ${reg.gstin}`}
                              loading={remove.isPending && remove.variables === reg.id}
                              onClick={() => setRemoving(reg)}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {canManage ? (
        <Modal opened={adding} onClose={() => setAdding(false)} title="Add GST registration" size="md">
          <AddRegistrationForm key={n} onDone={() => setAdding(false)} />
        </Modal>
      ) : null}
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title="Remove GST registration?" size="md">
        {shownRemoving ? (
          <Stack gap="md">
            <Text size="sm">
              <b className="mono">{shownRemoving.gstin}</b> will no longer be offered on new invoices. Invoices already
              issued under it keep it.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                Cancel
              </Button>
              <Button
                color="red"
                loading={remove.isPending}
                onClick={() => void removeRegistration(shownRemoving)}
                data-autofocus
              >
                Remove
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
