import { useState } from 'react';
import { Badge, Button, Group, Menu, Modal, Paper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  IconChevronDown,
  IconDownload,
  IconFileSpreadsheet,
  IconFileText,
  IconFileZip,
  IconMail,
  IconSend,
  IconX,
} from '@tabler/icons-react';
import type { InvoiceSummary } from '@bizdash/contracts/invoices';
import type { BulkResult } from '@bizdash/contracts/invoices-bulk';
import { useAuth } from '../../app/auth/auth-context';
import { api, downloadFile, downloadPosted } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { formatCount } from '../../lib/format';
import { invoiceKeys } from './api';

type BulkAction = 'issue' | 'email';

const ACTION_TITLES: Record<BulkAction, string> = { issue: 'Issue', email: 'Email' };

/**
 * What to do with the selected rows of the documents list (the bar shows while rows are selected; the results stay
 * open after a fully successful action clears the selection). Issue and email answer per row: the good ones go
 * through and the others say why, so the result is shown row by row rather than as one error.
 */
export function BulkActionBar({
  selected,
  onClear,
}: {
  /** The selected rows as last seen on screen (ids, numbers and status for labels and counts). */
  selected: InvoiceSummary[];
  onClear: () => void;
}) {
  const { can } = useAuth();
  const client = useQueryClient();
  const [result, setResult] = useState<{ action: BulkAction; result: BulkResult } | null>(null);
  const [isDownloading, setDownloading] = useState(false);
  const ids = selected.map((r) => r.id);
  const drafts = selected.filter((r) => r.status === 'draft');
  const emailable = selected.filter((r) => r.status === 'issued' && r.direction === 'receivable');
  const labelOf = new Map(selected.map((r) => [r.id, r.number ?? `Draft #${r.id}`]));

  const run = useMutation({
    mutationFn: ({ action, ids: chosen }: { action: BulkAction; ids: number[] }) =>
      api.post<BulkResult>(`/invoices/bulk/${action}`, { ids: chosen }),
    onSuccess: (answer, { action }) => {
      void client.invalidateQueries({ queryKey: invoiceKeys.all });
      setResult({ action, result: answer });
      if (answer.failed === 0) onClear();
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not done', message: errorMessage(error) }),
  });

  async function download(kind: 'zip' | 'csv' | 'xlsx') {
    setDownloading(true);
    try {
      if (kind === 'zip') await downloadPosted('/invoices/bulk/pdf', { ids }, 'invoices.zip');
      else await downloadFile('/invoices/export', { ids: ids.join(','), format: kind }, `invoices.${kind}`);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Download failed', message: errorMessage(error) });
    } finally {
      setDownloading(false);
    }
  }

  return (
    <>
      {selected.length > 0 ? (
        <Paper
          withBorder
          p="xs"
          px="md"
          bg="var(--mantine-primary-color-light)"
          data-testid="bulk-bar"
          style={{ position: 'sticky', top: 8, zIndex: 5 }}
        >
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" fw={600}>
              {formatCount(selected.length, 'document')} selected
            </Text>
            <Group gap="xs" wrap="wrap">
              {can('invoices.issue') ? (
                <>
                  <Button
                    size="xs"
                    leftSection={<IconSend size={14} />}
                    disabled={drafts.length === 0}
                    loading={run.isPending && run.variables.action === 'issue'}
                    onClick={() => run.mutate({ action: 'issue', ids: drafts.map((r) => r.id) })}
                  >
                    Issue {drafts.length > 0 ? formatCount(drafts.length, 'draft') : 'drafts'}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconMail size={14} />}
                    disabled={emailable.length === 0}
                    loading={run.isPending && run.variables.action === 'email'}
                    onClick={() => run.mutate({ action: 'email', ids: emailable.map((r) => r.id) })}
                  >
                    Email {emailable.length > 0 ? emailable.length : ''}
                  </Button>
                </>
              ) : null}
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconDownload size={14} />}
                    rightSection={<IconChevronDown size={12} />}
                    loading={isDownloading}
                  >
                    Download
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconFileZip size={16} />} onClick={() => void download('zip')}>
                    PDFs as one zip
                  </Menu.Item>
                  <Menu.Label>Export the selected rows</Menu.Label>
                  <Menu.Item leftSection={<IconFileText size={16} />} onClick={() => void download('csv')}>
                    CSV
                  </Menu.Item>
                  <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void download('xlsx')}>
                    Excel (XLSX)
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
              <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>
                Clear
              </Button>
            </Group>
          </Group>
        </Paper>
      ) : null}

      <Modal
        opened={result !== null}
        onClose={() => setResult(null)}
        title={
          result
            ? `${ACTION_TITLES[result.action]}: ${result.result.succeeded} done, ${result.result.failed} not done`
            : ''
        }
        size="lg"
      >
        {result ? (
          <>
            {result.result.failed > 0 ? (
              <Text size="sm" c="dimmed" mb="sm">
                Each document is done on its own: the ones below marked “Not done” were left as they were.
              </Text>
            ) : null}
            <Table verticalSpacing="xs" data-testid="bulk-results">
              <Table.Tbody>
                {result.result.results.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td className="mono" w={180}>
                      {r.number ?? labelOf.get(r.id) ?? `#${r.id}`}
                    </Table.Td>
                    <Table.Td w={90}>
                      <Badge size="sm" variant="light" color={r.ok ? 'green' : 'red'}>
                        {r.ok ? 'Done' : 'Not done'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={r.ok ? 'dimmed' : 'red'}>
                        {r.problem?.message ?? (r.to ? `Queued to ${r.to}` : '')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        ) : null}
      </Modal>
    </>
  );
}
