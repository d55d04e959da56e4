import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconTrash } from '@tabler/icons-react';
import type { RecurringRunStatus } from '@bizdash/contracts/recurring';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { PLACEHOLDER, formatDate } from '../../lib/format';
import { errorMessage } from '../../lib/errors';
import { StatusBadge } from '../../components/badges';
import { useDeleteRecurringProfile, useRecurringProfile } from './api';
import { scheduleText } from './schedule-text';

const RUN_LABELS: Record<RecurringRunStatus, { label: string; color: string }> = {
  issued: { label: 'Issued', color: 'green' },
  draft: { label: 'Draft', color: 'gray' },
  failed: { label: 'Failed', color: 'red' },
};

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** One profile: its schedule, next run, and every run with the invoice it made. */
export function RecurringDetailPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useRecurringProfile(id);
  const remove = useDeleteRecurringProfile();
  const [isConfirming, setConfirming] = useState(false);
  if (query.isError) return <QueryError error={query.error} what="the profile" onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageLoader />;
  const p = query.data;

  function deleteProfile() {
    remove.mutate(p.id, {
      onSuccess: () => void navigate('/recurring'),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });
  }

  return (
    <>
      <Modal opened={isConfirming} onClose={() => setConfirming(false)} title={`Delete ${p.name}?`}>
        <Text size="sm">No more invoices are made from it. The invoices it made stay.</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            Keep
          </Button>
          <Button color="red" onClick={deleteProfile} loading={remove.isPending}>
            Delete profile
          </Button>
        </Group>
      </Modal>
      <PageHeader
        title={p.name}
        description={`${p.party.name} · ${scheduleText(p.frequency, p.dayOfMonth)}`}
        actions={
          can('invoices.write') ? (
            <>
              <Button
                variant="default"
                leftSection={<IconTrash size={16} />}
                color="red"
                onClick={() => setConfirming(true)}
              >
                Delete
              </Button>
              <Button component={Link} to={`/recurring/${p.id}/edit`} leftSection={<IconEdit size={16} />}>
                Edit
              </Button>
            </>
          ) : null
        }
      />
      <Stack gap="md">
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Fact label="Next run">
              {!p.isActive ? (
                <Badge color="gray" variant="light">
                  Paused
                </Badge>
              ) : p.nextRunDate ? (
                <span className="num" data-testid="detail-next-run">
                  {formatDate(p.nextRunDate)}
                </span>
              ) : (
                'Finished'
              )}
            </Fact>
            <Fact label="Runs">{p.maxRuns ? `${p.runCount} of ${p.maxRuns}` : p.runCount}</Fact>
            <Fact label="Period">
              <span className="num">
                from {formatDate(p.startDate)}
                {p.endDate ? ` to ${formatDate(p.endDate)}` : ''}
              </span>
            </Fact>
            <Fact label="Each run">
              {p.autoIssue
                ? p.autoEmail
                  ? `Issue and email to ${p.party.email ?? '(no email on the party)'}`
                  : 'Issue'
                : 'Draft for review'}
            </Fact>
          </SimpleGrid>
          <Text size="sm" c="dimmed" mt="md">
            {p.invoice.lines.map((l) => l.description).join(' · ')}
          </Text>
        </Paper>

        <Paper withBorder p={0}>
          <Title order={4} p="md">
            History
          </Title>
          <Table.ScrollContainer minWidth={700} type="native">
            <Table verticalSpacing="sm" data-testid="recurring-runs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={130}>Run date</Table.Th>
                  <Table.Th>Invoice</Table.Th>
                  <Table.Th className="num-cell">Total</Table.Th>
                  <Table.Th>Run</Table.Th>
                  <Table.Th>Note</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.runs.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text size="sm" c="dimmed" ta="center" py="md">
                        No runs yet.
                        {p.nextRunDate ? ` The first is on ${formatDate(p.nextRunDate)}.` : ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  p.runs.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td className="num">{formatDate(r.runDate)}</Table.Td>
                      <Table.Td>
                        {r.invoice ? (
                          <Group gap="xs">
                            <Text size="sm" component={Link} to={`/invoices/${r.invoice.id}`} className="mono" fw={500}>
                              {r.invoice.number ?? `Draft #${r.invoice.id}`}
                            </Text>
                            <StatusBadge status={r.invoice.status} />
                          </Group>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {PLACEHOLDER}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td className="num-cell">
                        {r.invoice ? <Amount value={r.invoice.grandTotal} size="sm" /> : PLACEHOLDER}
                      </Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={RUN_LABELS[r.status].color}>
                          {RUN_LABELS[r.status].label}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c={r.error ? 'red' : 'dimmed'}>
                          {r.error ?? (r.emailedTo ? `Emailed to ${r.emailedTo}` : '')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </Stack>
    </>
  );
}
