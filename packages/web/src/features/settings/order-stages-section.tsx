import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowRight } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrderStageSettings, StageCode, UpdateOrderStageSettingsInput } from '@bizdash/contracts/orders';
import { useAuth } from '../../app/auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { api } from '../../lib/api';
import { formErrorsOf } from '../../lib/errors';

const KEY = ['settings', 'order-stages'] as const;

/**
 * Order stages: rename a stage's label (logic keeps using its code) and switch off moves the business does not
 * allow. Moves can only be taken away here, never added: the lifecycle in packages/domain is the ceiling.
 */
export function OrderStagesSection() {
  const query = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<OrderStageSettings>('/settings/order-stages', undefined, signal),
  });
  return (
    <>
      <PageHeader
        title="Order stages"
        description="Rename stages as your team says them, and switch off moves you don't allow."
      />
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} what="order stages" onRetry={() => void query.refetch()} />
      ) : (
        <StagesForm key={query.data.updatedAt ?? 'default'} settings={query.data} />
      )}
    </>
  );
}

function StagesForm({ settings }: { settings: OrderStageSettings }) {
  const { can } = useAuth();
  const canManage = can('settings.manage');
  const queryClient = useQueryClient();
  const [labels, setLabels] = useState<Record<string, string>>(() =>
    Object.fromEntries(settings.stages.map((s) => [s.code, s.label === s.defaultLabel ? '' : s.label])),
  );
  const [disabled, setDisabled] = useState<Set<string>>(
    () => new Set(settings.transitions.filter((t) => !t.isEnabled).map((t) => `${t.from}>${t.to}`)),
  );
  const save = useMutation({
    mutationFn: (input: UpdateOrderStageSettingsInput) => api.put<OrderStageSettings>('/settings/order-stages', input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['settings'] });
      await queryClient.invalidateQueries({ queryKey: ['orders'] });
      notifications.show({ color: 'green', message: 'Order stages saved' });
    },
  });
  const labelOf = (code: StageCode) =>
    labels[code] || settings.stages.find((s) => s.code === code)?.defaultLabel || code;

  function submit() {
    save.mutate({
      labels: Object.fromEntries(Object.entries(labels).filter(([, v]) => v.trim() !== '')),
      disabledTransitions: [...disabled].map((pair) => {
        const [from, to] = pair.split('>') as [StageCode, StageCode]; // built from the server's own pairs above
        return { from, to };
      }),
    });
  }

  return (
    <Stack gap="lg">
      <Paper withBorder p="lg">
        <Title order={4} mb="xs">
          Labels
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Leave a label empty to use the standard one.
        </Text>
        <Table verticalSpacing={6} data-testid="stage-labels">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>Stage code</Table.Th>
              <Table.Th>Label</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {settings.stages.map((stage) => (
              <Table.Tr key={stage.code}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {stage.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Label for ${stage.code}`}
                    placeholder={stage.defaultLabel}
                    value={labels[stage.code] ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setLabels((l) => ({ ...l, [stage.code]: value }));
                    }}
                    readOnly={!canManage}
                    maxLength={60}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      <Paper withBorder p="lg">
        <Title order={4} mb="xs">
          Allowed moves
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Untick a move to stop orders taking it. Reopening a finished order always needs a manager and a reason.
        </Text>
        <Table verticalSpacing={4} data-testid="stage-transitions">
          <Table.Tbody>
            {settings.transitions.map((t) => {
              const key = `${t.from}>${t.to}`;
              return (
                <Table.Tr key={key}>
                  <Table.Td w={48}>
                    <Checkbox
                      aria-label={`Allow ${labelOf(t.from)} to ${labelOf(t.to)}`}
                      checked={!disabled.has(key)}
                      disabled={!canManage}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setDisabled((d) => {
                          const next = new Set(d);
                          if (on) next.delete(key);
                          else next.add(key);
                          return next;
                        });
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm">{labelOf(t.from)}</Text>
                      <IconArrowRight size={14} />
                      <Text size="sm">{labelOf(t.to)}</Text>
                      {t.isReopen ? (
                        <Badge size="xs" variant="light" color="orange">
                          reopen
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>

      {/* The table has no per-field slots: every field message the server sends is named here. */}
      {save.isError ? <Alert color="red">{formErrorsOf(save.error, []).form}</Alert> : null}
      {canManage ? (
        <Group>
          <Button onClick={submit} loading={save.isPending} data-testid="save-order-stages">
            Save
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
