import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDeviceFloppy } from '@tabler/icons-react';
import type { Invoice } from '@bizdash/contracts/invoices';
import type { Party } from '@bizdash/contracts/parties';
import type {
  ChallanReason,
  CreateSalesDocumentInput,
  SalesDocument,
  SalesDocumentKind,
} from '@bizdash/contracts/sales-documents';
import type { BusinessSettings } from '@bizdash/contracts/settings';
import { GST_STATES } from '@bizdash/domain/states';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { formatAmount, formatCount, todayIsoDate } from '../../lib/format';
import { useBusiness, usePartyById } from '../invoices/api';
import { DateField } from '../../components/date-field';
import { LineGrid } from '../invoices/components/line-grid';
import { PartyPicker } from '../invoices/components/party-picker';
import { TotalsPanel } from '../invoices/components/totals-panel';
import {
  activeLines,
  BLANK_EXPORT_DETAILS,
  blankLine,
  computeDraft,
  draftOf,
  regimeLabel,
  toInput,
  type InvoiceDraft,
} from '../invoices/invoice-draft';
import { OrderTypeSelect, PartySelect } from '../orders/components/pickers';
import { useSalesDocument, useSaveSalesDocument } from './api';
import { CHALLAN_REASONS, KINDS } from './kinds';

const POS_OPTIONS = GST_STATES.filter((s) => s.isCurrent && !s.isSpecial).map((s) => ({
  value: s.code,
  label: `${s.code} · ${s.name}`,
}));

/** What the editor keeps beside the invoice draft it reuses (lines, party, place of supply, totals). */
interface Extras {
  validUntil: string | null;
  challanReason: ChallanReason | null;
  transport: string;
  orderTypeId: number | null;
  partnerId: number | null;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The saved document read as an invoice draft: the same line grid edits both. */
function draftOfDocument(doc: SalesDocument): InvoiceDraft {
  // The fields a sales document lacks are the ones a sales invoice draft leaves empty.
  const asInvoice = {
    ...doc,
    type: 'sales',
    kind: 'tax_invoice',
    dueDate: null,
    exportDetails: null,
    original: null,
    orderId: null,
    noteReason: null,
    supplierNumber: null,
    supplierDate: null,
    itc: null,
  } as unknown as Invoice;
  return { ...draftOf(asInvoice), lines: [...draftOf(asInvoice).lines, blankLine()] };
}

function newDraft(business: BusinessSettings, kind: SalesDocumentKind): InvoiceDraft {
  return {
    type: 'sales',
    kind: 'tax_invoice',
    partyId: null,
    date: todayIsoDate(),
    dueDate: null,
    placeOfSupply: null,
    exportSupplyKind: 'EXPWOP',
    exportDetails: BLANK_EXPORT_DETAILS,
    businessRegistrationId: null,
    reverseCharge: false,
    override: { isOn: false, regime: 'IGST', reason: '' },
    roundToRupee: true,
    originalInvoiceId: null,
    orderId: null,
    noteReason: '',
    supplierNumber: '',
    supplierDate: null,
    itcEligibility: 'eligible',
    itcReason: '',
    notes: '',
    terms: kind === 'delivery_challan' ? '' : (business.invoiceTerms ?? ''),
    lines: [blankLine()],
  };
}

/** /quotations/new, /quotations/:id/edit (and the same under /proformas and /challans). */
export function SalesDocumentEditorPage({ kind }: { kind: SalesDocumentKind }) {
  const params = useParams();
  const editId = params.id ? Number(params.id) : null;
  const existing = useSalesDocument(editId);
  const business = useBusiness();
  const failed = [existing, business].find((q) => q.isError);
  if (failed) return <QueryError error={failed.error} what="the document" onRetry={() => void failed.refetch()} />;
  if (!business.data || (editId !== null && !existing.data)) return <PageLoader />;
  const doc = existing.data ?? null;
  if (doc && doc.status !== 'draft' && doc.status !== 'sent') {
    return (
      <Alert color="yellow" title="This document can no longer be edited">
        {doc.number} is {doc.status}.{' '}
        <Anchor component={Link} to={`${KINDS[kind].path}/${doc.id}`}>
          Open it
        </Anchor>
      </Alert>
    );
  }
  const initial = doc ? draftOfDocument(doc) : newDraft(business.data, kind);
  const extras: Extras = doc
    ? {
        validUntil: doc.validUntil,
        challanReason: doc.challanReason,
        transport: doc.transport ?? '',
        orderTypeId: doc.orderType?.id ?? null,
        partnerId: doc.partner?.id ?? null,
      }
    : {
        validUntil: kind === 'delivery_challan' ? null : addDays(initial.date, 15),
        challanReason: kind === 'delivery_challan' ? 'job_work' : null,
        transport: '',
        orderTypeId: null,
        partnerId: null,
      };
  return (
    <Editor
      key={editId ?? 'new'}
      kind={kind}
      documentId={editId}
      initial={initial}
      initialExtras={extras}
      business={business.data}
    />
  );
}

interface EditorProps {
  kind: SalesDocumentKind;
  documentId: number | null;
  initial: InvoiceDraft;
  initialExtras: Extras;
  business: BusinessSettings;
}

function Editor({ kind, documentId, initial, initialExtras, business }: EditorProps) {
  const navigate = useNavigate();
  const meta = KINDS[kind];
  const [draft, setDraft] = useState(initial);
  const [extras, setExtras] = useState(initialExtras);
  const [party, setParty] = useState<Party | null>(null);
  const partyQuery = usePartyById(party === null ? draft.partyId : null);
  const currentParty = party ?? partyQuery.data ?? null;
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSaveSalesDocument();

  const context = useMemo(
    () => ({ businessStateCode: business.stateCode, party: currentParty, original: null }),
    [business.stateCode, currentParty],
  );
  const live = useMemo(() => computeDraft(draft, context), [draft, context]);
  const decision = live.regime.decision;
  const lineCount = activeLines(draft).length;

  function set<K extends keyof InvoiceDraft>(key: K, value: InvoiceDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
  }
  function setExtra<K extends keyof Extras>(key: K, value: Extras[K]) {
    setExtras((e) => ({ ...e, [key]: value }));
  }

  const lineErrors = useMemo(() => {
    const sent = activeLines(draft);
    const out: Record<string, Record<string, string>> = {};
    for (const [path, message] of Object.entries(fieldErrors)) {
      const match = /^lines\.(\d+)\.(\w+)/.exec(path);
      const line = match ? sent[Number(match[1])] : undefined;
      if (match && line) (out[line.key] ??= {})[match[2]!] = message;
    }
    return out;
  }, [fieldErrors, draft]);

  async function onSave() {
    setFormError(null);
    setFieldErrors({});
    if (lineCount === 0) {
      setFormError('Add at least one line.');
      return;
    }
    const invoice = toInput(draft);
    const input: CreateSalesDocumentInput = {
      kind,
      partyId: draft.partyId ?? 0,
      date: draft.date,
      validUntil: kind === 'delivery_challan' ? null : extras.validUntil,
      placeOfSupply: draft.placeOfSupply,
      reverseCharge: draft.reverseCharge,
      roundToRupee: draft.roundToRupee,
      orderTypeId: kind === 'quotation' ? extras.orderTypeId : null,
      partnerId: kind === 'quotation' ? extras.partnerId : null,
      challanReason: kind === 'delivery_challan' ? extras.challanReason : null,
      transport: kind === 'delivery_challan' ? extras.transport.trim() || null : null,
      notes: invoice.notes ?? null,
      terms: invoice.terms ?? null,
      lines: invoice.lines,
    };
    try {
      const saved = await save.mutateAsync({ id: documentId, input });
      notifications.show({
        color: 'teal',
        message: `${saved.number} saved · ${formatAmount(saved.totals.grandTotal)}`,
      });
      void navigate(`${meta.path}/${saved.id}`);
    } catch (error) {
      const fields = isApiError(error) ? error.fieldErrors() : {};
      setFieldErrors(fields);
      setFormError(errorMessage(error));
    }
  }

  return (
    <div data-testid="sales-document-editor">
      <Anchor component={Link} to={meta.path} size="sm" c="dimmed" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {meta.title}
        </Group>
      </Anchor>
      <PageHeader
        title={documentId ? `Edit ${meta.singular.toLowerCase()}` : `New ${meta.singular.toLowerCase()}`}
        description="Lines are priced by the same GST rules as invoices. Nothing here posts to the books or to GSTR-1."
        actions={
          <Button leftSection={<IconDeviceFloppy size={16} />} onClick={() => void onSave()} loading={save.isPending}>
            Save
          </Button>
        }
      />
      <Stack gap="md">
        {formError ? (
          <Alert color="red" title="Not saved">
            {formError}
          </Alert>
        ) : null}
        <Paper withBorder p="md">
          <Grid>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="sm">
                <PartyPicker
                  label={kind === 'delivery_challan' ? 'Consignee' : 'Client'}
                  role="client"
                  required
                  value={currentParty}
                  onChange={(p) => {
                    setParty(p);
                    set('partyId', p?.id ?? null);
                  }}
                  error={fieldErrors.partyId}
                />
                <Select
                  label="Place of supply"
                  searchable
                  clearable
                  data={POS_OPTIONS}
                  value={draft.placeOfSupply ?? live.regime.placeOfSupply}
                  onChange={(v) => set('placeOfSupply', v)}
                  description={decision ? regimeLabel(decision.regime) : (live.regime.problem ?? undefined)}
                  error={fieldErrors.placeOfSupply}
                />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <DateField
                  label="Date"
                  required
                  value={draft.date}
                  onChange={(v) => set('date', v ?? todayIsoDate())}
                  error={fieldErrors.date}
                />
                {kind !== 'delivery_challan' ? (
                  <DateField
                    label="Valid until"
                    value={extras.validUntil}
                    onChange={(v) => setExtra('validUntil', v)}
                    minDate={draft.date}
                    clearable
                    error={fieldErrors.validUntil}
                  />
                ) : (
                  <Select
                    label="Purpose (Rule 55)"
                    required
                    data={Object.entries(CHALLAN_REASONS).map(([value, label]) => ({ value, label }))}
                    value={extras.challanReason}
                    onChange={(v) => setExtra('challanReason', v as ChallanReason | null)}
                    error={fieldErrors.challanReason}
                  />
                )}
                {kind === 'quotation' ? (
                  <>
                    <OrderTypeSelect
                      label="Order type (services)"
                      placeholder="Optional: to convert into an order"
                      clearable
                      value={extras.orderTypeId}
                      onChange={(v) => setExtra('orderTypeId', v)}
                      error={fieldErrors.orderTypeId}
                    />
                    <PartySelect
                      role="partner"
                      label="Partner"
                      placeholder="Optional"
                      value={extras.partnerId}
                      onChange={(v) => setExtra('partnerId', v)}
                      error={fieldErrors.partnerId}
                    />
                  </>
                ) : null}
                {kind === 'delivery_challan' ? (
                  <TextInput
                    label="Vehicle / transporter"
                    value={extras.transport}
                    onChange={(e) => setExtra('transport', e.currentTarget.value)}
                    error={fieldErrors.transport}
                  />
                ) : null}
              </SimpleGrid>
            </Grid.Col>
          </Grid>
        </Paper>
        <Paper withBorder p={0}>
          <LineGrid
            lines={draft.lines}
            onChange={(lines) => set('lines', lines)}
            live={live.lines}
            serverErrors={lineErrors}
            isNote={false}
            isLocked={false}
            stateTaxLabel={decision?.stateTaxLabel ?? null}
            isBillOfSupply={false}
            isZeroRated={false}
          />
          <Text size="xs" c="dimmed" px="xs" py={4}>
            {formatCount(lineCount, 'line')}
          </Text>
        </Paper>
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="sm">
              <Textarea
                label="Terms"
                autosize
                minRows={2}
                value={draft.terms}
                onChange={(e) => set('terms', e.currentTarget.value)}
              />
              <Textarea
                label="Notes"
                autosize
                minRows={2}
                value={draft.notes}
                onChange={(e) => set('notes', e.currentTarget.value)}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <TotalsPanel
              computation={live.computation}
              stateTaxLabel={decision?.stateTaxLabel ?? null}
              isInterState={decision ? decision.stateTaxLabel === null : false}
              roundToRupee={draft.roundToRupee}
              amountInWords={live.amountInWords}
            />
          </Grid.Col>
        </Grid>
      </Stack>
    </div>
  );
}
