import { Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { formatMonth, formatPaise } from '../../lib/format';
import { downloadFile, saveBlob, useGstr3b } from './api';
import { GSTR3B_HEADS, gstr3bOutwardRows, gstr3bPaymentRows, rupeesToPaise } from './gstr3b-summary';

/** GSTR-3B for the month: JSON and XLSX downloads with a short summary of 3.1 and 6.1 to check before filing. */
export function Gstr3bPanel({
  period,
  isDownloading,
  run,
}: {
  period: string;
  isDownloading: string | null;
  run: (key: string, fn: () => Promise<void>) => Promise<void>;
}) {
  const gstr3b = useGstr3b(period);
  const ret = gstr3b.data;
  return (
    <Paper withBorder p={0} data-testid="gstr3b">
      <Group justify="space-between" p="md" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Stack gap={0}>
          <Title order={4}>GSTR-3B · {formatMonth(period)}</Title>
          <Text size="sm" c="dimmed">
            {ret ? (
              <>
                GSTIN <span className="mono">{ret.gstin}</span> · return period{' '}
                <span className="mono">{ret.ret_period}</span>
              </>
            ) : (
              'Summary return: supplies, input tax credit and tax to pay'
            )}
          </Text>
        </Stack>
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            disabled={!ret}
            onClick={() =>
              ret &&
              saveBlob(new Blob([JSON.stringify(ret, null, 2)], { type: 'application/json' }), `GSTR3B-${period}.json`)
            }
          >
            JSON
          </Button>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            loading={isDownloading === 'gstr3b-xlsx'}
            onClick={() =>
              void run('gstr3b-xlsx', () =>
                downloadFile('/returns/gstr3b', `GSTR3B-${period}.xlsx`, { period, format: 'xlsx' }),
              )
            }
          >
            XLSX
          </Button>
        </Group>
      </Group>
      {gstr3b.isError ? (
        <div style={{ padding: 'var(--mantine-spacing-md)' }}>
          <QueryError error={gstr3b.error} what="GSTR-3B" onRetry={() => void gstr3b.refetch()} />
        </div>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing={0}>
          <Table.ScrollContainer minWidth={620} type="native">
            <Table verticalSpacing="xs" data-testid="gstr3b-31">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>3.1 Supplies</Table.Th>
                  <Table.Th className="num-cell">Taxable value</Table.Th>
                  <Table.Th className="num-cell">IGST</Table.Th>
                  <Table.Th className="num-cell">CGST</Table.Th>
                  <Table.Th className="num-cell">SGST/UTGST</Table.Th>
                  <Table.Th className="num-cell">Cess</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {!ret ? (
                  <TableSkeletonRows columns={6} />
                ) : (
                  gstr3bOutwardRows(ret).map((r) => (
                    <Table.Tr key={r.key} data-testid={`gstr3b-${r.key}`}>
                      <Table.Td>
                        <Text size="sm">{r.label}</Text>
                      </Table.Td>
                      <Table.Td className="num-cell">{formatPaise(rupeesToPaise(r.txval))}</Table.Td>
                      {GSTR3B_HEADS.map((h) => (
                        <Table.Td key={h.key} className="num-cell">
                          {r.tax[h.key] === undefined ? '' : formatPaise(rupeesToPaise(r.tax[h.key]))}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Table.ScrollContainer minWidth={420} type="native">
            <Table verticalSpacing="xs" data-testid="gstr3b-61">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>6.1 Payment of tax</Table.Th>
                  <Table.Th className="num-cell">Payable</Table.Th>
                  <Table.Th className="num-cell">From credit</Table.Th>
                  <Table.Th className="num-cell">In cash</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {!ret ? (
                  <TableSkeletonRows columns={4} />
                ) : (
                  gstr3bPaymentRows(ret).map((r) => (
                    <Table.Tr key={r.key} data-testid={`gstr3b-pay-${r.key}`}>
                      <Table.Td>
                        <Text size="sm">{r.label}</Text>
                      </Table.Td>
                      <Table.Td className="num-cell">{formatPaise(r.payable)}</Table.Td>
                      <Table.Td className="num-cell">{formatPaise(r.credit)}</Table.Td>
                      <Table.Td className="num-cell" fw={600}>
                        {formatPaise(r.cash)}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </SimpleGrid>
      )}
    </Paper>
  );
}
