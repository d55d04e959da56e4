import { useMemo, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Kbd,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowLeft, IconDeviceFloppy, IconSend } from '@tabler/icons-react';
import type { Invoice, InvoiceType, SalesKind, TaxRegime } from '@bizdash/contracts/invoices';
import type { Party } from '@bizdash/contracts/parties';
import type { BusinessRegistration, BusinessSettings } from '@bizdash/contracts/settings';
import { defaultDueDate } from '@bizdash/domain/gst/prepare-document';
import { GST_STATES } from '@bizdash/domain/states';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { formatAmount, formatCount, formatDate, formatPaise, stateName, todayIsoDate } from '../../lib/format';
import { useRegistrations } from '../settings/api';
import { useBusiness, useInvoice, useIssueInvoice, usePartyById, useSaveInvoice } from './api';
import { BackdatedIssue, isBackdatedRefusal } from './components/backdated-issue';
import { KIND_LABELS, TYPE_LABELS } from '../../components/badges';
import { DateField } from '../../components/date-field';
import { ExportDetailsFields } from './components/export-details-fields';
import { LineGrid } from './components/line-grid';
import { PartyPicker } from './components/party-picker';
import { TotalsPanel } from './components/totals-panel';
import {
  activeLines,
  BLANK_EXPORT_DETAILS,
  blankLine,
  computeDraft,
  draftOf,
  isNoteType,
  lineCellOf,
  noteLinesOf,
  regimeLabel,
  toInput,
  type InvoiceDraft,
} from './invoice-draft';

const TYPES: readonly InvoiceType[] = ['sales', 'purchase', 'credit_note', 'debit_note'];
const POS_OPTIONS = GST_STATES.filter((s) => s.isCurrent && (!s.isSpecial || s.code === '96')).map((s) => ({
  value: s.code,
  label: `${s.code} · ${s.name}`,
}));

/** /invoices/new?type=…[&original=…] and /invoices/:id/edit: loads what the editor starts from. */
export function InvoiceEditorPage() {
  const params = useParams();
  const [searchParams] = useSearchParams();
  const editId = params.id ? Number(params.id) : null;
  const requestedType = searchParams.get('type');
  const type: InvoiceType = TYPES.find((t) => t === requestedType) ?? 'sales';
  const originalId = isNoteType(type) ? Number(searchParams.get('original')) || null : null;

  const existing = useInvoice(editId);
  const original = useInvoice(editId !== null ? (existing.data?.original?.id ?? null) : originalId);
  const business = useBusiness();
  const registrations = useRegistrations();

  const failed = [existing, original, business, registrations].find((q) => q.isError);
  if (failed) {
    return (
      <QueryError error={failed.error} what="the document" onRetry={() => void failed.refetch()} isRetrying={false} />
    );
  }
  if (!business.data || !registrations.data || (editId !== null && existing.isPending)) return <PageLoader />;
  const needsOriginal = editId !== null ? existing.data?.original != null : originalId !== null;
  if (needsOriginal && original.isPending) return <PageLoader />;
  if (isNoteType(type) && editId === null && originalId === null) {
    return (
      <Alert color="yellow" title="Pick the invoice first">
        Credit and debit notes are raised from an issued invoice: open it and choose Credit note or Debit note.
      </Alert>
    );
  }
  if (existing.data && existing.data.status !== 'draft') {
    return (
      <Alert color="yellow" title="Issued documents cannot be edited">
        {existing.data.number} is {existing.data.status}.{' '}
        <Anchor component={Link} to={`/invoices/${existing.data.id}`}>
          Open it
        </Anchor>{' '}
        to cancel it or raise a credit or debit note.
      </Alert>
    );
  }

  let initial: InvoiceDraft;
  if (existing.data) {
    initial = draftOf(existing.data);
    if (!isNoteType(initial.type)) initial.lines.push(blankLine());
    else if (original.data) {
      // Show every original line; tick the ones the draft already covers, with its quantities.
      const byOriginal = new Map(initial.lines.map((l) => [l.originalLineId, l]));
      initial.lines = noteLinesOf(original.data).map((l) => {
        const saved = byOriginal.get(l.originalLineId);
        return saved ? { ...saved, isSelected: true } : l;
      });
    }
  } else {
    initial = {
      type,
      kind: 'tax_invoice',
      partyId: original.data?.party.id ?? null,
      date: todayIsoDate(),
      dueDate: null,
      placeOfSupply: null,
      exportSupplyKind: 'EXPWOP',
      exportDetails: BLANK_EXPORT_DETAILS,
      businessRegistrationId: null,
      reverseCharge: false,
      override: { isOn: false, regime: 'IGST', reason: '' },
      roundToRupee: original.data?.roundToRupee ?? true,
      originalInvoiceId: original.data?.id ?? null,
      // A note against an order's invoice belongs to that order too.
      orderId: original.data?.orderId ?? null,
      noteReason: '',
      supplierNumber: '',
      supplierDate: null,
      itcEligibility: 'eligible',
      itcReason: '',
      notes: '',
      terms: type === 'sales' ? (business.data.invoiceTerms ?? '') : '',
      lines: original.data ? noteLinesOf(original.data) : [blankLine()],
    };
  }
  return (
    <InvoiceEditor
      key={`${editId ?? 'new'}-${type}-${originalId ?? ''}`}
      initial={initial}
      invoiceId={editId}
      original={original.data ?? null}
      business={business.data}
      registrations={registrations.data.items}
    />
  );
}

interface InvoiceEditorProps {
  initial: InvoiceDraft;
  invoiceId: number | null;
  original: Invoice | null;
  business: BusinessSettings;
  /** Further GST registrations (other states); the primary GSTIN lives on business settings. */
  registrations: BusinessRegistration[];
}

function InvoiceEditor({ initial, invoiceId: initialId, original, business, registrations }: InvoiceEditorProps) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState(initial);
  const [invoiceId, setInvoiceId] = useState(initialId);
  const [party, setParty] = useState<Party | null>(null);
  const partyQuery = usePartyById(party === null ? draft.partyId : null);
  const currentParty = party ?? partyQuery.data ?? null;
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const [backdated, setBackdated] = useState<string | null>(null);
  const save = useSaveInvoice();
  const issue = useIssueInvoice();

  const isNote = isNoteType(draft.type);
  // The supplier's state, and so the regime, follows the registration the document is issued from.
  const registration = registrations.find((r) => r.id === draft.businessRegistrationId) ?? null;
  const businessStateCode = registration?.stateCode ?? business.stateCode;
  const registrationOptions = [
    {
      value: 'primary',
      label: `${business.gstin ?? 'No GSTIN'} · ${stateName(business.stateCode)} (primary)`,
    },
    ...registrations
      .filter((r) => !r.isPrimary || r.id === draft.businessRegistrationId)
      .map((r) => ({
        value: String(r.id),
        label: `${r.gstin} · ${stateName(r.stateCode)}${r.tradeName ? ` · ${r.tradeName}` : ''}`,
      })),
  ];
  const context = useMemo(
    () => ({ businessStateCode, party: currentParty, original }),
    [businessStateCode, currentParty, original],
  );
  const live = useMemo(() => computeDraft(draft, context), [draft, context]);
  const decision = live.regime.decision;
  const lineCount = activeLines(draft).length;

  function set<K extends keyof InvoiceDraft>(key: K, value: InvoiceDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    setFieldErrors((e) => {
      const { [key]: _removed, ...rest } = e;
      return rest;
    });
  }

  // Server errors name fields by the API's path; lines by their index among the lines sent.
  const lineErrors = useMemo(() => {
    const sent = activeLines(draft);
    const out: Record<string, Record<string, string>> = {};
    for (const [path, message] of Object.entries(fieldErrors)) {
      const match = /^lines\.(\d+)\.(\w+)/.exec(path);
      const line = match ? sent[Number(match[1])] : undefined;
      if (match && line) (out[line.key] ??= {})[lineCellOf(match[2]!) ?? match[2]!] = message;
    }
    return out;
  }, [fieldErrors, draft]);

  async function saveDraft(): Promise<Invoice | null> {
    setFormError(null);
    setFieldErrors({});
    if (lineCount === 0) {
      setFormError(isNote ? 'Tick at least one line of the original.' : 'Add at least one line.');
      return null;
    }
    try {
      const saved = await save.mutateAsync({ id: invoiceId, input: toInput(draft) });
      setInvoiceId(saved.id);
      return saved;
    } catch (error) {
      const fields = isApiError(error) ? error.fieldErrors() : {};
      setFieldErrors(fields);
      const count = Object.keys(fields).length;
      // Field problems are marked on the fields; the alert names the first and how many there are.
      setFormError(
        count > 1
          ? `${count} fields need attention, starting with ${Object.keys(fields)[0] ?? ''}: ${Object.values(fields)[0] ?? ''}`
          : errorMessage(error),
      );
      return null;
    }
  }

  async function onSaveDraft() {
    const saved = await saveDraft();
    if (!saved) return;
    notifications.show({ color: 'teal', message: `Draft saved · ${formatAmount(saved.totals.grandTotal)}` });
    void navigate(`/invoices/${saved.id}`);
  }

  async function onIssue(allowBackdated = false) {
    const saved = await saveDraft();
    if (!saved) {
      setConfirming(false);
      return;
    }
    try {
      const issued = await issue.mutateAsync({ id: saved.id, allowBackdated });
      setConfirming(false);
      setBackdated(null);
      notifications.show({ color: 'teal', message: `${issued.number ?? 'Document'} issued` });
      void navigate(`/invoices/${issued.id}`);
    } catch (error) {
      // A back-dated issue stays in the dialog, which names the later document and offers the override.
      if (isBackdatedRefusal(error)) {
        setBackdated(errorMessage(error));
        return;
      }
      setConfirming(false);
      setFormError(errorMessage(error));
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!save.isPending) void onSaveDraft();
    }
  }

  const title = invoiceId
    ? `Edit draft ${TYPE_LABELS[draft.type].toLowerCase()}`
    : isNote && original
      ? `${TYPE_LABELS[draft.type]} against ${original.number ?? ''}`
      : `New ${TYPE_LABELS[draft.type].toLowerCase()}`;
  const defaultDue = defaultDueDate(draft.type, draft.date, currentParty?.paymentTermsDays ?? null) ?? draft.date;
  const posValue = draft.placeOfSupply ?? live.regime.placeOfSupply;
  const isExport = draft.type === 'sales' && draft.kind === 'export_invoice';
  const intraRegime: TaxRegime = GST_STATES.find((s) => s.code === posValue)?.isUtgst ? 'CGST_UTGST' : 'CGST_SGST';
  const isBusy = save.isPending || issue.isPending;

  return (
    <div onKeyDown={onKeyDown} data-testid="invoice-editor">
      <Anchor component={Link} to="/invoices" size="sm" c="dimmed" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          Invoices
        </Group>
      </Anchor>
      <PageHeader
        title={title}
        description={
          isNote
            ? 'Tick the lines of the original this note corrects and set the quantity or rate. Tax follows the original.'
            : 'Enter or Tab moves to the next cell; a new line opens as you type. Ctrl+Enter saves.'
        }
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconDeviceFloppy size={16} />}
              onClick={() => void onSaveDraft()}
              loading={save.isPending && !isConfirming}
              disabled={isBusy}
              rightSection={
                <Text span size="xs" c="dimmed" visibleFrom="sm">
                  <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Enter</Kbd>
                </Text>
              }
            >
              Save draft
            </Button>
            <Button leftSection={<IconSend size={16} />} onClick={() => setConfirming(true)} disabled={isBusy}>
              Issue…
            </Button>
          </>
        }
      />

      <Stack gap="md">
        {formError ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Not saved" data-testid="editor-error">
            {formError}
          </Alert>
        ) : null}

        <Paper withBorder p="md">
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="sm">
                {isNote ? (
                  <div>
                    <Text size="sm" fw={500}>
                      Party
                    </Text>
                    <Text size="sm">{original?.party.name}</Text>
                    <Text size="xs" c="dimmed">
                      Against{' '}
                      <Anchor component={Link} to={`/invoices/${original?.id ?? ''}`} size="xs">
                        {original?.number}
                      </Anchor>{' '}
                      of {formatDate(original?.date)} · {formatAmount(original?.totals.grandTotal)}
                    </Text>
                  </div>
                ) : (
                  <PartyPicker
                    label={draft.type === 'purchase' ? 'Supplier' : 'Client'}
                    role={draft.type === 'purchase' ? 'supplier' : 'client'}
                    value={currentParty}
                    onChange={(p) => {
                      setParty(p);
                      set('partyId', p?.id ?? null);
                      set('placeOfSupply', null);
                    }}
                    error={fieldErrors.partyId}
                    required
                    autoFocus={!invoiceId}
                  />
                )}
                {currentParty && !isNote ? (
                  <Text size="xs" c="dimmed" mt={-6}>
                    {currentParty.gstin ? <span className="mono">{currentParty.gstin}</span> : 'Unregistered'}
                    {currentParty.billingAddress ? ` · ${currentParty.billingAddress.city}` : ''}
                    {currentParty.paymentTermsDays != null
                      ? ` · ${formatCount(currentParty.paymentTermsDays, 'day')} credit`
                      : ''}
                  </Text>
                ) : null}
                {!isNote && registrations.length > 0 ? (
                  <Select
                    label={draft.type === 'purchase' ? 'Billed to (our GSTIN)' : 'Issued from (our GSTIN)'}
                    description="The supplier's state, and so the tax, follows this registration"
                    data={registrationOptions}
                    value={draft.businessRegistrationId === null ? 'primary' : String(draft.businessRegistrationId)}
                    onChange={(v) => set('businessRegistrationId', v === null || v === 'primary' ? null : Number(v))}
                    allowDeselect={false}
                    error={fieldErrors.businessRegistrationId}
                    data-testid="registration-picker"
                  />
                ) : null}
                {draft.type === 'sales' ? (
                  <SegmentedControl
                    size="xs"
                    data={(Object.keys(KIND_LABELS) as SalesKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
                    value={draft.kind}
                    onChange={(v) => set('kind', v as SalesKind)} // values come from KIND_LABELS
                    aria-label="Kind of invoice"
                    style={{ alignSelf: 'flex-start' }}
                  />
                ) : null}
                {isNote ? (
                  <TextInput
                    label="Reason for the note"
                    placeholder="Goods returned, price revised…"
                    value={draft.noteReason}
                    onChange={(e) => set('noteReason', e.currentTarget.value)}
                    error={fieldErrors.noteReason}
                  />
                ) : null}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
                <DateField
                  label="Date"
                  required
                  value={draft.date}
                  onChange={(v) => set('date', v ?? todayIsoDate())}
                  error={fieldErrors.date}
                />
                {draft.type !== 'credit_note' ? (
                  <DateField
                    label="Due date"
                    value={draft.dueDate}
                    onChange={(v) => set('dueDate', v)}
                    placeholder={formatDate(defaultDue)}
                    description={draft.dueDate ? undefined : 'From the payment terms'}
                    clearable
                    minDate={draft.date}
                    error={fieldErrors.dueDate}
                  />
                ) : (
                  <div />
                )}
                {draft.type === 'purchase' ? (
                  <>
                    <TextInput
                      label="Supplier's bill number"
                      value={draft.supplierNumber}
                      onChange={(e) => set('supplierNumber', e.currentTarget.value)}
                      error={fieldErrors.supplierNumber}
                      description="Needed to issue the bill"
                    />
                    <DateField
                      label="Supplier's bill date"
                      value={draft.supplierDate}
                      onChange={(v) => set('supplierDate', v)}
                      error={fieldErrors.supplierDate}
                    />
                    <Select
                      label="Input tax credit"
                      data={[
                        { value: 'eligible', label: 'Eligible' },
                        { value: 'partial', label: 'Partly eligible' },
                        { value: 'ineligible', label: 'Not eligible (blocked)' },
                      ]}
                      value={draft.itcEligibility}
                      onChange={(v) => {
                        if (v === 'eligible' || v === 'partial' || v === 'ineligible') set('itcEligibility', v);
                      }}
                      allowDeselect={false}
                      error={fieldErrors.itc ?? fieldErrors.eligibility}
                    />
                    {draft.itcEligibility !== 'eligible' ? (
                      <TextInput
                        label="Why not claimable"
                        placeholder="Section 17(5): motor vehicle, food…"
                        value={draft.itcReason}
                        onChange={(e) => set('itcReason', e.currentTarget.value)}
                        error={fieldErrors.reason}
                      />
                    ) : null}
                  </>
                ) : null}
                <Select
                  label="Place of supply"
                  data={POS_OPTIONS}
                  value={posValue}
                  onChange={(v) => set('placeOfSupply', v)}
                  searchable
                  disabled={isNote || isExport}
                  allowDeselect={false}
                  error={fieldErrors.placeOfSupply}
                  description={
                    draft.placeOfSupply === null && !isNote ? "From the party's GSTIN or address" : undefined
                  }
                  data-testid="place-of-supply"
                />
                <Stack gap={4} justify="flex-end">
                  <Text size="sm" fw={500}>
                    Tax
                  </Text>
                  <Group gap="xs">
                    {decision ? (
                      <Badge
                        size="lg"
                        variant="light"
                        color={decision.isInterState ? 'indigo' : 'teal'}
                        data-testid="regime-badge"
                      >
                        {regimeLabel(decision.regime)}
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed" data-testid="regime-badge">
                        {live.regime.problem ?? '—'}
                      </Text>
                    )}
                    {decision && live.regime.supplierState ? (
                      <Text size="xs" c="dimmed">
                        {decision.isInterState ? 'inter-state' : 'intra-state'} · from {live.regime.supplierState} to{' '}
                        {live.regime.placeOfSupply}
                      </Text>
                    ) : null}
                  </Group>
                </Stack>
                {isExport ? (
                  <Select
                    label="Export"
                    data={[
                      { value: 'EXPWOP', label: 'Under LUT / bond (no IGST)' },
                      { value: 'EXPWP', label: 'With payment of IGST' },
                    ]}
                    value={draft.exportSupplyKind}
                    onChange={(v) => set('exportSupplyKind', v === 'EXPWP' ? 'EXPWP' : 'EXPWOP')}
                    allowDeselect={false}
                  />
                ) : null}
              </SimpleGrid>
              {isExport ? (
                <ExportDetailsFields
                  value={draft.exportDetails}
                  onChange={(v) => set('exportDetails', v)}
                  errors={fieldErrors}
                />
              ) : null}
              {!isNote && !isExport ? (
                <Stack gap="xs" mt="sm">
                  <Group gap="lg">
                    <Checkbox
                      label="Override the tax regime"
                      checked={draft.override.isOn}
                      onChange={(e) =>
                        set('override', {
                          ...draft.override,
                          isOn: e.currentTarget.checked,
                          regime: decision?.isInterState ? intraRegime : 'IGST',
                        })
                      }
                    />
                    <Switch
                      label="Reverse charge"
                      checked={draft.reverseCharge}
                      onChange={(e) => set('reverseCharge', e.currentTarget.checked)}
                    />
                    <Switch
                      label="Round to rupee"
                      checked={draft.roundToRupee}
                      onChange={(e) => set('roundToRupee', e.currentTarget.checked)}
                    />
                  </Group>
                  {draft.override.isOn ? (
                    <Group gap="sm" align="flex-start" grow>
                      <Select
                        label="Charge"
                        data={[
                          { value: 'IGST', label: 'IGST' },
                          { value: intraRegime, label: regimeLabel(intraRegime) },
                        ]}
                        value={draft.override.regime}
                        onChange={(v) => set('override', { ...draft.override, regime: (v ?? 'IGST') as TaxRegime })}
                        allowDeselect={false}
                        maw={200}
                      />
                      <TextInput
                        label="Reason for the override"
                        placeholder="e.g. IGST Act s.15: supply to a foreign tourist"
                        required
                        value={draft.override.reason}
                        onChange={(e) => set('override', { ...draft.override, reason: e.currentTarget.value })}
                        error={fieldErrors['regimeOverride.reason'] ?? fieldErrors['regimeOverride.regime']}
                      />
                    </Group>
                  ) : null}
                </Stack>
              ) : null}
            </Grid.Col>
          </Grid>
        </Paper>

        <Paper withBorder p="xs">
          <LineGrid
            lines={draft.lines}
            onChange={(lines) => set('lines', lines)}
            live={live.lines}
            serverErrors={lineErrors}
            isNote={isNote}
            isLocked={draft.type === 'credit_note'}
            stateTaxLabel={decision?.stateTaxLabel ?? null}
            isBillOfSupply={draft.type === 'sales' && draft.kind === 'bill_of_supply'}
            isZeroRated={['EXPWP', 'EXPWOP', 'SEZWP', 'SEZWOP'].includes(live.regime.supplyKind ?? '')}
          />
          <Text size="xs" c="dimmed" px="xs" pt={4}>
            {formatCount(lineCount, 'line')}
            {live.invalidCount > 0
              ? ` · ${formatCount(live.invalidCount, 'line')} left out of the totals until fixed`
              : ''}
            {' · '}Type an item name and press <Kbd size="xs">↓</Kbd> <Kbd size="xs">Enter</Kbd> to fill HSN, unit, rate
            and GST.
          </Text>
        </Paper>

        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder p="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Textarea
                  label="Notes"
                  placeholder="Shown on the document"
                  autosize
                  minRows={3}
                  value={draft.notes}
                  onChange={(e) => set('notes', e.currentTarget.value)}
                />
                <Textarea
                  label="Terms"
                  autosize
                  minRows={3}
                  value={draft.terms}
                  onChange={(e) => set('terms', e.currentTarget.value)}
                />
              </SimpleGrid>
            </Paper>
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

      <Modal
        opened={isConfirming}
        onClose={() => {
          setConfirming(false);
          setBackdated(null);
        }}
        title={`Issue this ${TYPE_LABELS[draft.type].toLowerCase()}?`}
        centered
      >
        <Stack gap="sm">
          <Text size="sm">
            It gets the next number of its financial year's series and can no longer be edited; corrections go through
            credit and debit notes.
          </Text>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {currentParty?.name ?? original?.party.name} · {formatCount(lineCount, 'line')}
            </Text>
            <Text fw={700} className="num">
              {formatPaise(live.computation?.totals.grandTotal)}
            </Text>
          </Group>
          <Group justify="flex-end" mt="sm">
            <Button
              variant="default"
              onClick={() => {
                setConfirming(false);
                setBackdated(null);
              }}
              disabled={isBusy}
            >
              Back
            </Button>
            <Button onClick={() => void onIssue()} loading={isBusy} disabled={backdated !== null} data-autofocus>
              Issue
            </Button>
          </Group>
          {backdated !== null ? (
            <BackdatedIssue message={backdated} loading={isBusy} onIssueAnyway={() => void onIssue(true)} />
          ) : null}
        </Stack>
      </Modal>
    </div>
  );
}
