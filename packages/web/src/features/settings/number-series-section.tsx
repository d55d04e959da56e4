import { Fragment, useState } from 'react';
import { Badge, Button, Code, Group, Modal, NumberInput, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import type { NumberSeries, SeriesDocumentType } from '@bizdash/contracts/settings';
import { defaultSeriesTemplate, renderSeries } from '@bizdash/domain/invoice-number';
import { useAuth } from '../../app/auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { PLACEHOLDER, formatNumber, todayIsoDate } from '../../lib/format';
import { useRetained } from '../../lib/use-retained';
import { FormShell } from '../../components/form-shell';
import { saveErrors } from '../../lib/form-errors';
import { stateName } from '../../lib/format';
import { useBusinessSettings, useNumberSeries, useRegistrations, useSetNumberSeries } from './api';

/** Names as the rest of the app uses them (the sales documents' KINDS, invoice types), never the series codes. */
export const DOCUMENT_LABELS: Record<SeriesDocumentType, string> = {
  invoice: 'Tax invoice',
  bill_of_supply: 'Bill of supply',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
  quotation: 'Quotation',
  proforma: 'Proforma invoice',
  delivery_challan: 'Delivery challan',
  receipt: 'Receipt',
};

type SeriesGroup = 'gst' | 'sales' | 'payments';

/**
 * The table's sections, in the order a sale runs: the GST documents first (what Rule 46 is about), then the
 * documents sent before an invoice, then receipts for money received.
 */
const GROUP_LABELS: Record<SeriesGroup, string> = {
  gst: 'Invoices and notes',
  sales: 'Before the invoice',
  payments: 'Payments',
};

/** Each document type's section: a Record, so a document type added to the contract must be placed here. */
const GROUP_OF: Record<SeriesDocumentType, SeriesGroup> = {
  invoice: 'gst',
  bill_of_supply: 'gst',
  credit_note: 'gst',
  debit_note: 'gst',
  quotation: 'sales',
  proforma: 'sales',
  delivery_challan: 'sales',
  receipt: 'payments',
};

// Within a section, types keep DOCUMENT_LABELS' order: quotation, proforma, challan is the order they are sent in.
// Both casts read the keys of a Record over a union, which are exactly that union.
const SERIES_TYPES = Object.keys(DOCUMENT_LABELS) as SeriesDocumentType[];
const SECTIONS = (Object.keys(GROUP_LABELS) as SeriesGroup[]).map((group) => ({
  group,
  label: GROUP_LABELS[group],
  types: SERIES_TYPES.filter((type) => GROUP_OF[type] === group),
}));

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
  quotation: 'QT',
};

/** Document types the server numbers by itself when no series is set up (issue: Rule 46 series per GSTIN). */
const AUTO_SERIES = new Set<SeriesDocumentType>([
  'invoice',
  'bill_of_supply',
  'credit_note',
  'debit_note',
  'proforma',
  'delivery_challan',
  'quotation',
]);

/** A GST registration of the business: each numbers its own documents (Rule 46(b): a series per GSTIN). */
interface SeriesRegistration {
  gstin: string | null;
  stateCode: string;
  tradeName: string | null;
  isPrimary: boolean;
}

/** A series as the form edits it: an existing one, or a blank one for a document type not set up yet. */
interface SeriesDraft {
  gstin: string | null;
  isPrimary: boolean;
  stateCode: string;
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
        ...(series.gstin ? { gstin: series.gstin } : {}),
        documentType: series.documentType,
        ...(series.isNew ? {} : { financialYear: series.financialYear }),
        template: template.trim(),
        ...(typeof next === 'number' && (series.isNew || next !== series.nextSequence) ? { nextSequence: next } : {}),
      });
      notifications.show({
        color: 'teal',
        title: 'Numbering saved',
        message: `The next ${DOCUMENT_LABELS[saved.documentType].toLowerCase()}${saved.gstin ? ` of ${saved.gstin}` : ''} will be ${saved.preview}.`,
      });
      onDone();
    } catch (error) {
      const result = saveErrors(error, ['template', 'nextSequence']);
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

/** One registration's series for the year: a row per document type, set up or not. */
function RegistrationSeriesTable({
  registration,
  items,
  fy,
  isPending,
  canManage,
  onEdit,
}: {
  registration: SeriesRegistration;
  items: NumberSeries[];
  fy: string;
  isPending: boolean;
  canManage: boolean;
  onEdit: (documentType: SeriesDocumentType, series: NumberSeries | null) => void;
}) {
  const key = registration.gstin ?? 'none';
  const seriesOf = (documentType: SeriesDocumentType) =>
    items.find(
      (s) =>
        s.documentType === documentType &&
        s.financialYear === fy &&
        (registration.isPrimary ? s.isPrimary : s.gstin === registration.gstin),
    ) ?? null;
  const sections = SECTIONS.map((section) => ({
    ...section,
    rows: section.types.map((documentType) => ({ documentType, series: seriesOf(documentType) })),
  }));
  return (
    <Paper withBorder p={0} data-testid={`series-registration-${key}`}>
      <Group gap="xs" px="md" py="sm">
        <Text fw={600} className="mono">
          {registration.gstin ?? 'No GSTIN yet'}
        </Text>
        <Text size="sm" c="dimmed">
          {stateName(registration.stateCode)}
          {registration.tradeName ? ` · ${registration.tradeName}` : ''}
        </Text>
        {registration.isPrimary ? (
          <Badge size="sm" variant="light">
            Primary
          </Badge>
        ) : null}
      </Group>
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
            {isPending ? (
              <TableSkeletonRows columns={6} rows={4} />
            ) : (
              sections.map(({ group, label, rows }) => (
                <Fragment key={group}>
                  <Table.Tr data-testid={`series-group-${group}`}>
                    <Table.Th colSpan={6} bg="var(--mantine-color-default-hover)">
                      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                        {label}
                      </Text>
                    </Table.Th>
                  </Table.Tr>
                  {rows.map(({ documentType, series }) => (
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
                        ) : AUTO_SERIES.has(documentType) ? (
                          <Text size="sm" c="dimmed">
                            First issue uses{' '}
                            <Code>
                              {defaultSeriesTemplate(
                                documentType,
                                registration.isPrimary ? null : registration.stateCode,
                              )}
                            </Code>
                          </Text>
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
                            onClick={() => onEdit(documentType, series)}
                            aria-label={`${series ? 'Edit' : 'Set up'} ${DOCUMENT_LABELS[documentType]} numbering${
                              registration.gstin ? ` for ${registration.gstin}` : ''
                            }`}
                          >
                            {series ? 'Edit' : 'Set up'}
                          </Button>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Fragment>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

export function NumberSeriesSection() {
  const { can } = useAuth();
  const canManage = can('settings.manage');
  const query = useNumberSeries();
  const business = useBusinessSettings();
  const furtherRegistrations = useRegistrations();
  const [editing, setEditing] = useState<{ series: SeriesDraft; n: number } | null>(null);
  const shown = useRetained(editing);
  const items = query.data?.items ?? [];
  // The current year, or a later one already set up ahead of time.
  const fy = [currentFinancialYear(), ...items.map((s) => s.financialYear)].sort().at(-1) ?? currentFinancialYear();
  const registrations: SeriesRegistration[] = [
    {
      gstin: business.data?.gstin ?? null,
      stateCode: business.data?.stateCode ?? '',
      tradeName: business.data?.tradeName ?? null,
      isPrimary: true,
    },
    ...(furtherRegistrations.data?.items ?? [])
      .filter((r) => !r.isPrimary && r.archivedAt === null)
      .map((r) => ({ gstin: r.gstin, stateCode: r.stateCode, tradeName: r.tradeName, isPrimary: false })),
  ];
  const edit = (registration: SeriesRegistration, documentType: SeriesDocumentType, series: NumberSeries | null) =>
    setEditing({
      series: series
        ? { ...series, stateCode: registration.stateCode, isNew: false }
        : {
            gstin: registration.gstin,
            isPrimary: registration.isPrimary,
            stateCode: registration.stateCode,
            documentType,
            financialYear: fy,
            template: `${SUGGESTED_PREFIX[documentType]}${registration.isPrimary ? '' : registration.stateCode}/{FY:SHORT}/{SEQ:4}`,
            nextSequence: 1,
            isNew: true,
          },
      n: (shown?.n ?? 0) + 1,
    });

  return (
    <>
      <PageHeader
        title="Number series"
        description="How each GST registration numbers each kind of document in a financial year: GST wants one consecutive series per GSTIN, of at most 16 characters, letters, digits, “/” and “-”."
      />
      {query.isError && !query.data ? (
        <QueryError
          error={query.error}
          what="number series"
          onRetry={() => void query.refetch()}
          isRetrying={query.isFetching}
        />
      ) : (
        <Stack gap="md">
          {registrations.map((registration) => (
            <RegistrationSeriesTable
              key={registration.gstin ?? 'none'}
              registration={registration}
              items={items}
              fy={fy}
              isPending={query.isPending || business.isPending}
              canManage={canManage}
              onEdit={(documentType, series) => edit(registration, documentType, series)}
            />
          ))}
        </Stack>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          shown
            ? `${DOCUMENT_LABELS[shown.series.documentType]} numbering, ${shown.series.financialYear}${
                shown.series.gstin ? ` · ${shown.series.gstin}` : ''
              }`
            : ''
        }
        size="md"
      >
        {shown ? <SeriesForm key={shown.n} series={shown.series} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </>
  );
}
