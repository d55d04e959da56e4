import { useState } from 'react';
import { Button, Code, Modal, NumberInput, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import type { NumberSeries, SeriesDocumentType } from '@bizdash/contracts/settings';
import { renderSeries } from '@bizdash/domain/invoice-number';
import { useAuth } from '../../app/auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { PLACEHOLDER, formatNumber, todayIsoDate } from '../../lib/format';
import { useRetained } from '../../lib/use-retained';
import { FormShell } from '../masters/components/form-shell';
import { saveErrors } from '../masters/form-errors';
import { useNumberSeries, useSetNumberSeries } from './api';

export const DOCUMENT_LABELS: Record<SeriesDocumentType, string> = {
  invoice: 'Tax invoice',
  bill_of_supply: 'Bill of supply',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
  receipt: 'Receipt',
  proforma: 'Proforma invoice',
  delivery_challan: 'Delivery challan',
};

const SERIES_TYPES = Object.keys(DOCUMENT_LABELS) as SeriesDocumentType[]; // the keys of a Record<SeriesDocumentType>

/** What the template would give for `seq`, or why it cannot be used. */
function livePreview(template: string, fy: string, seq: number): { number: string | null; problem: string | null } {
  try {
    return { number: renderSeries(template.trim(), { fy, seq }), problem: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'This template cannot be used';
    return { number: null, problem: message.charAt(0).toUpperCase() + message.slice(1) };
  }
}

/** The current financial year's label ("2026-27"), assuming an April start, for series not set up yet. */
function currentFinancialYear(): string {
  const [y = '2026', m = '04'] = todayIsoDate().split('-');
  const start = Number(m) >= 4 ? Number(y) : Number(y) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

const SUGGESTED_PREFIX: Record<SeriesDocumentType, string> = {
  invoice: 'INV',
  bill_of_supply: 'BOS',
  credit_note: 'CN',
  debit_note: 'DN',
  receipt: 'RCT',
  proforma: 'PI',
  delivery_challan: 'DC',
};

/** A series as the form edits it: an existing one, or a blank one for a document type not set up yet. */
interface SeriesDraft {
  documentType: SeriesDocumentType;
  financialYear: string;
  template: string;
  nextSequence: number;
  isNew: boolean;
}

function SeriesForm({ series, onDone }: { series: SeriesDraft; onDone: () => void }) {
  const save = useSetNumberSeries();
  const [template, setTemplate] = useState(series.template);
  const [next, setNext] = useState<string | number>(series.nextSequence);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const seq = typeof next === 'number' && next >= 1 ? next : series.nextSequence;
  const preview = livePreview(template, series.financialYear, seq);

  async function submit() {
    setFormError(null);
    setErrors({});
    try {
      const saved = await save.mutateAsync({
        documentType: series.documentType,
        ...(series.isNew ? {} : { financialYear: series.financialYear }),
        template: template.trim(),
        ...(typeof next === 'number' && (series.isNew || next !== series.nextSequence) ? { nextSequence: next } : {}),
      });
      notifications.show({
        color: 'teal',
        title: 'Numbering saved',
        message: `The next ${DOCUMENT_LABELS[saved.documentType].toLowerCase()} will be ${saved.preview}.`,
      });
      onDone();
    } catch (error) {
      const result = saveErrors(error, { nextSequence: 'nextSequence' });
      setErrors(result.fields);
      setFormError(result.form);
    }
  }

  return (
    <FormShell
      onSubmit={() => void submit()}
      onCancel={onDone}
      error={formError}
      saving={save.isPending}
      testId="series-form"
    >
      <TextInput
        label="Template"
        description={
          <>
            Tokens: <Code>{'{FY}'}</Code> 2026-27, <Code>{'{FY:SHORT}'}</Code> 26-27, <Code>{'{SEQ}'}</Code>,{' '}
            <Code>{'{SEQ:4}'}</Code> 0001. At most 16 characters in all.
          </>
        }
        value={template}
        onChange={(e) => setTemplate(e.currentTarget.value)}
        error={errors.template}
        classNames={{ input: 'mono' }}
        data-testid="series-template"
        required
        data-autofocus
      />
      <NumberInput
        label="Next number"
        description="The sequence the next document gets. It cannot go back below numbers already used."
        min={1}
        allowDecimal={false}
        allowNegative={false}
        thousandSeparator=","
        value={next}
        onChange={setNext}
        error={errors.nextSequence}
      />
      <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)">
        <Text size="xs" c="dimmed">
          Next {DOCUMENT_LABELS[series.documentType].toLowerCase()} will be numbered
        </Text>
        {preview.number ? (
          <Text fw={600} className="mono" data-testid="series-live-preview">
            {preview.number}
          </Text>
        ) : (
          <Text size="sm" c="orange" data-testid="series-live-preview">
            {preview.problem}
          </Text>
        )}
      </Paper>
    </FormShell>
  );
}

export function NumberSeriesSection() {
  const { can } = useAuth();
  const canManage = can('settings.manage');
  const query = useNumberSeries();
  const [editing, setEditing] = useState<{ series: SeriesDraft; n: number } | null>(null);
  const shown = useRetained(editing);
  const items = query.data?.items ?? [];
  const fy = items[0]?.financialYear ?? currentFinancialYear();
  // One row per document type; the ones without a series yet can be set up from here.
  const rows = SERIES_TYPES.map((documentType) => ({
    documentType,
    series: items.find((s) => s.documentType === documentType) ?? null,
  }));
  const edit = (documentType: SeriesDocumentType, series: NumberSeries | null) =>
    setEditing({
      series: series
        ? { ...series, isNew: false }
        : {
            documentType,
            financialYear: fy,
            template: `${SUGGESTED_PREFIX[documentType]}/{FY:SHORT}/{SEQ:4}`,
            nextSequence: 1,
            isNew: true,
          },
      n: (shown?.n ?? 0) + 1,
    });

  return (
    <>
      <PageHeader
        title="Number series"
        description="How each kind of document is numbered in a financial year. GST allows at most 16 characters, letters, digits, “/” and “-”."
      />
      {query.isError && !query.data ? (
        <QueryError
          error={query.error}
          what="number series"
          onRetry={() => void query.refetch()}
          isRetrying={query.isFetching}
        />
      ) : (
        <Paper withBorder p={0}>
          <Table.ScrollContainer minWidth={720} type="native">
            <Table verticalSpacing="sm" highlightOnHover data-testid="number-series-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Document</Table.Th>
                  <Table.Th>Financial year</Table.Th>
                  <Table.Th>Template</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Next number</Table.Th>
                  <Table.Th>Next document</Table.Th>
                  <Table.Th w={110} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={6} rows={4} />
                ) : (
                  rows.map(({ documentType, series }) => (
                    <Table.Tr key={documentType} data-testid={`series-row-${documentType}`}>
                      <Table.Td>
                        <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                          {DOCUMENT_LABELS[documentType]}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" className="num">
                          {series?.financialYear ?? fy}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {series ? (
                          <Code>{series.template}</Code>
                        ) : (
                          <Text size="sm" c="dimmed">
                            Not set up
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>
                        <Text size="sm" className="num">
                          {series ? formatNumber(series.nextSequence) : PLACEHOLDER}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {series ? (
                          <Stack gap={0}>
                            <Text size="sm" fw={600} className="mono" data-testid="series-preview">
                              {series.preview}
                            </Text>
                            <Text size="xs" c="dimmed" className="num">
                              room up to {formatNumber(series.maxSequence)}
                            </Text>
                          </Stack>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {PLACEHOLDER}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {canManage ? (
                          <Button
                            size="xs"
                            variant="subtle"
                            leftSection={series ? <IconPencil size={14} /> : <IconPlus size={14} />}
                            onClick={() => edit(documentType, series)}
                            aria-label={`${series ? 'Edit' : 'Set up'} ${DOCUMENT_LABELS[documentType]} numbering`}
                          >
                            {series ? 'Edit' : 'Set up'}
                          </Button>
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
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={shown ? `${DOCUMENT_LABELS[shown.series.documentType]} numbering, ${shown.series.financialYear}` : ''}
        size="md"
      >
        {shown ? <SeriesForm key={shown.n} series={shown.series} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </>
  );
}
