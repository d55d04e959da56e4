import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowLeft, IconCircleCheck, IconDatabase, IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { GstinCheck } from '@bizdash/contracts/gstin';
import { COUNTRIES, INDIA } from '@bizdash/domain/countries';
import {
  PARTY_ROLES,
  type Address,
  type CreatePartyInput,
  type GstRegistrationType,
  type Party,
  type PartyKind,
  type PartyRole,
  type PartyWarning,
} from '@bizdash/contracts/parties';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { api } from '../../lib/api';
import { todayIsoDate } from '../../lib/format';
import { DateField } from '../../components/date-field';
import { splitRegistryAddress } from './registry-address';
import { partyKeys, useCreateParty, useParty, useUpdateParty } from './api';
import { MultiValueInput } from './components/multi-value-input';
import { AddressFields, EMPTY_ADDRESS, isBlankAddress, type AddressDraft } from './components/address-fields';
import {
  displayPhone,
  KIND_OPTIONS,
  REGISTRATION_OPTIONS,
  ROLE_LABELS,
  partyErrorMessage,
  partyFieldErrors,
  stateLabel,
} from './labels';

interface Draft {
  name: string;
  legalName: string;
  kind: PartyKind;
  roles: PartyRole[];
  emails: string[];
  phones: string[];
  gstin: string;
  pan: string;
  gstRegistrationType: GstRegistrationType;
  /** ISO 3166-1 alpha-2; India (the default) uses the billing address, any other country the foreign lines. */
  countryCode: string;
  /** A foreign address, one line per row, as the country writes it. */
  foreignLines: string;
  postalCode: string;
  billing: AddressDraft;
  shippingSame: boolean;
  shipping: AddressDraft;
  paymentTermsDays: string | number;
  emailReminders: boolean;
  creditLimit: string;
  /** Opening balance in rupees, unsigned; the side says who owes whom. */
  openingBalance: string;
  openingSide: 'receivable' | 'payable';
  openingBalanceDate: string | null;
  tags: string[];
  notes: string;
  revenueShare: string;
  bankAccountName: string;
  bankAccountNumber: string;
  ifsc: string;
  upiId: string;
}

/** Where the form is sent after a save: the detail page shows these warnings once. */
export interface SavedState {
  warnings?: PartyWarning[];
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COUNTRY_OPTIONS = COUNTRIES.map((c) => ({ value: c.code, label: c.name }));
const MAX_FOREIGN_LINES = 4;

function foreignLinesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
const MONEY_RE = /^\d{1,13}(\.\d{1,2})?$/;
const PERCENT_RE = /^\d{1,3}(\.\d{1,2})?$/;

function addressDraft(a: Address | null): AddressDraft {
  if (!a) return EMPTY_ADDRESS;
  return { line1: a.line1, line2: a.line2 ?? '', city: a.city, stateCode: a.stateCode, pin: a.pin };
}

function draftOf(party: Party | undefined, role: PartyRole | null): Draft {
  return {
    name: party?.name ?? '',
    legalName: party?.legalName ?? '',
    kind: party?.kind ?? 'company',
    roles: party?.roles ?? [role ?? 'client'],
    emails: party?.emails ?? [],
    phones: (party?.phones ?? []).map(displayPhone),
    gstin: party?.gstin ?? '',
    pan: party?.pan ?? '',
    gstRegistrationType: party?.gstRegistrationType ?? 'unregistered',
    countryCode: party?.countryCode ?? INDIA,
    foreignLines: (party?.foreignAddress?.lines ?? []).join('\n'),
    postalCode: party?.foreignAddress?.postalCode ?? '',
    billing: addressDraft(party?.billingAddress ?? null),
    shippingSame: !party?.shippingAddress,
    shipping: addressDraft(party?.shippingAddress ?? null),
    paymentTermsDays: party?.paymentTermsDays ?? '',
    emailReminders: party?.emailReminders ?? false,
    creditLimit: party?.creditLimit ?? '',
    ...openingDraft(party),
    tags: party?.tags ?? [],
    notes: party?.notes ?? '',
    revenueShare: party?.revenueShare ?? '',
    bankAccountName: party?.payout?.bankAccountName ?? '',
    bankAccountNumber: party?.payout?.bankAccountNumber ?? '',
    ifsc: party?.payout?.ifsc ?? '',
    upiId: party?.payout?.upiId ?? '',
  };
}

/** The first day of the current financial year (April), where most firms start their books in a new tool. */
function financialYearStart(): string {
  const today = todayIsoDate();
  const year = Number(today.slice(0, 4));
  return `${Number(today.slice(5, 7)) >= 4 ? year : year - 1}-04-01`;
}

function openingDraft(party: Party | undefined): Pick<Draft, 'openingBalance' | 'openingSide' | 'openingBalanceDate'> {
  const amount = party?.openingBalance ?? '0.00';
  if (Number(amount) === 0) return { openingBalance: '', openingSide: 'receivable', openingBalanceDate: null };
  return {
    openingBalance: amount.replace(/^-/, ''),
    openingSide: amount.startsWith('-') ? 'payable' : 'receivable',
    openingBalanceDate: party?.openingBalanceDate ?? null,
  };
}

const opt = (value: string) => (value.trim() ? value.trim() : null);

function toAddress(a: AddressDraft): Address | null {
  if (isBlankAddress(a)) return null;
  return {
    line1: a.line1.trim(),
    line2: opt(a.line2),
    city: a.city.trim(),
    stateCode: a.stateCode ?? '',
    pin: a.pin.trim(),
  };
}

function toInput(d: Draft): CreatePartyInput {
  const isPartner = d.roles.includes('partner');
  const payout = {
    bankAccountName: opt(d.bankAccountName),
    bankAccountNumber: opt(d.bankAccountNumber.replace(/\s/g, '')),
    ifsc: opt(d.ifsc.toUpperCase()),
    upiId: opt(d.upiId),
  };
  return {
    name: d.name.trim(),
    legalName: opt(d.legalName),
    kind: d.kind,
    roles: d.roles,
    emails: d.emails.map((e) => e.trim().toLowerCase()).filter(Boolean),
    phones: d.phones.map((p) => p.trim()).filter(Boolean),
    gstin: opt(d.gstin.toUpperCase()),
    pan: opt(d.pan.toUpperCase()),
    gstRegistrationType: d.gstRegistrationType,
    countryCode: d.countryCode,
    billingAddress: d.countryCode === INDIA ? toAddress(d.billing) : null,
    foreignAddress:
      d.countryCode === INDIA || foreignLinesOf(d.foreignLines).length === 0
        ? null
        : { lines: foreignLinesOf(d.foreignLines), postalCode: opt(d.postalCode) },
    shippingAddress: d.shippingSame ? null : toAddress(d.shipping),
    paymentTermsDays: d.paymentTermsDays === '' ? null : Number(d.paymentTermsDays),
    emailReminders: d.emailReminders,
    creditLimit: opt(d.creditLimit.replace(/,/g, '')),
    ...openingInput(d),
    tags: d.tags,
    notes: opt(d.notes),
    revenueShare: isPartner ? opt(d.revenueShare) : null,
    payout: isPartner && Object.values(payout).some((v) => v !== null) ? payout : null,
  };
}

function openingInput(d: Draft): Pick<CreatePartyInput, 'openingBalance' | 'openingBalanceDate'> {
  const amount = opt(d.openingBalance.replace(/,/g, ''));
  if (!amount || Number(amount) === 0) return { openingBalance: null, openingBalanceDate: null };
  return {
    openingBalance: d.openingSide === 'payable' ? `-${amount}` : amount,
    openingBalanceDate: d.openingBalanceDate ?? financialYearStart(),
  };
}

/** Client-side checks for the mistakes a fast typist makes; the server checks everything again. */
function validate(d: Draft): Record<string, string> {
  const e: Record<string, string> = {};
  if (!d.name.trim()) e.name = 'Enter the name you use for this party';
  if (d.roles.length === 0) e.roles = 'Pick at least one role';
  d.emails.forEach((x, i) => {
    if (x.trim() && !EMAIL_RE.test(x.trim())) e[`emails.${i}`] = 'Enter a valid email address';
  });
  if (d.gstin.trim() && d.gstin.trim().length !== 15) e.gstin = 'A GSTIN has 15 characters';
  if (foreignLinesOf(d.foreignLines).length > MAX_FOREIGN_LINES && d.countryCode !== INDIA)
    e.foreignAddress = `Use at most ${MAX_FOREIGN_LINES} lines`;
  for (const [key, a] of [
    ['billingAddress', d.countryCode === INDIA ? d.billing : EMPTY_ADDRESS],
    ['shippingAddress', d.shippingSame ? EMPTY_ADDRESS : d.shipping],
  ] as const) {
    if (isBlankAddress(a)) continue;
    if (!a.line1.trim()) e[`${key}.line1`] = 'Enter the first address line';
    if (!a.city.trim()) e[`${key}.city`] = 'Enter the city';
    if (!a.stateCode) e[`${key}.stateCode`] = 'Choose the state';
    if (!a.pin.trim()) e[`${key}.pin`] = 'Enter the PIN code';
  }
  if (d.creditLimit.trim() && !MONEY_RE.test(d.creditLimit.replace(/,/g, '').trim()))
    e.creditLimit = 'Enter an amount in rupees, such as 150000 or 150000.50';
  if (d.openingBalance.trim() && !MONEY_RE.test(d.openingBalance.replace(/,/g, '').trim()))
    e.openingBalance = 'Enter an amount in rupees, such as 25000 or 25000.50';
  if (d.roles.includes('partner')) {
    if (d.revenueShare.trim() && (!PERCENT_RE.test(d.revenueShare.trim()) || Number(d.revenueShare) > 100))
      e.revenueShare = 'Enter a percentage from 0 to 100, at most two decimals';
    if (d.bankAccountNumber.trim() && !/^\d{6,18}$/.test(d.bankAccountNumber.replace(/\s/g, '')))
      e['payout.bankAccountNumber'] = 'Enter 6 to 18 digits';
    if (d.bankAccountNumber.trim() && !d.ifsc.trim()) e['payout.ifsc'] = 'Enter the IFSC of this account';
  }
  return e;
}

function addressErrors(errors: Record<string, string>, prefix: string) {
  return {
    line1: errors[`${prefix}.line1`],
    line2: errors[`${prefix}.line2`],
    city: errors[`${prefix}.city`],
    stateCode: errors[`${prefix}.stateCode`] ?? errors[prefix],
    pin: errors[`${prefix}.pin`],
  };
}

/** Messages for the rows of a multi-value field, by index ("phones.1" → 1). */
function rowErrors(errors: Record<string, string>, key: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const m = new RegExp(`^${key}\\.(\\d+)$`).exec(field);
    if (m) out[Number(m[1])] = message;
  }
  return out;
}

/** The first message for a multi-value field ("phones.1" → "98 765: not a phone number"). */
function listError(errors: Record<string, string>, key: string, values: string[]): string | undefined {
  if (errors[key]) return errors[key];
  for (const [field, message] of Object.entries(errors)) {
    const m = new RegExp(`^${key}\\.(\\d+)$`).exec(field);
    if (m) return `${values[Number(m[1])] ?? ''}: ${message}`;
  }
  return undefined;
}

function registrationTypeFrom(text: string | null): GstRegistrationType | null {
  const t = (text ?? '').toLowerCase();
  if (!t) return null;
  if (t.includes('composition')) return 'composition';
  if (t.includes('sez') || t.includes('special economic')) return 'sez';
  if (t.includes('uin') || t.includes('un body') || t.includes('embassy')) return 'uin';
  if (t.includes('non resident') || t.includes('overseas') || t.includes('oidar')) return 'overseas';
  if (t.includes('regular') || t.includes('normal')) return 'regular';
  return null;
}

type GstinState =
  | { status: 'idle' }
  | { status: 'checking'; gstin: string }
  | { status: 'done'; gstin: string; result: GstinCheck; filled: boolean; duplicates: PartyWarning[] }
  | { status: 'error'; gstin: string; message: string };

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Title order={4} fz="md" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export function NewPartyPage() {
  const [searchParams] = useSearchParams();
  const role = searchParams.get('role');
  const initialRole = (PARTY_ROLES as readonly string[]).includes(role ?? '') ? (role as PartyRole) : null; // checked
  return (
    <>
      <PageHeader
        title="New party"
        description="A client, supplier or partner. Only the name and a role are required."
      />
      <PartyForm initial={draftOf(undefined, initialRole)} />
    </>
  );
}

export function EditPartyPage() {
  const id = Number(useParams().id);
  const query = useParty(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError)
    return (
      <QueryError
        error={query.error}
        what="this party"
        onRetry={() => void query.refetch()}
        isRetrying={query.isFetching}
      />
    );
  const party = query.data;
  return (
    <>
      <PageHeader
        title={`Edit ${party.name}`}
        description="Changes apply to new orders and invoices; issued documents keep what they printed."
      />
      <PartyForm key={party.id} party={party} initial={draftOf(party, null)} />
    </>
  );
}

function PartyForm({ party, initial }: { party?: Party; initial: Draft }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useCreateParty();
  const update = useUpdateParty();
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [gstinState, setGstinState] = useState<GstinState>({ status: 'idle' });
  const latestGstin = useRef(initial.gstin);
  const formRef = useRef<HTMLFormElement>(null);
  const isSaving = create.isPending || update.isPending;
  const isPartner = draft.roles.includes('partner');

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  useHotkeys([['mod+S', () => formRef.current?.requestSubmit()]], [], true);

  async function checkGstin(gstin: string) {
    setGstinState({ status: 'checking', gstin });
    let result: GstinCheck;
    try {
      result = await queryClient.fetchQuery({
        queryKey: partyKeys.gstin(gstin),
        queryFn: ({ signal }) => api.get<GstinCheck>(`/gstin/${encodeURIComponent(gstin)}`, undefined, signal),
        staleTime: 5 * 60_000,
      });
    } catch (error) {
      if (latestGstin.current === gstin) setGstinState({ status: 'error', gstin, message: partyErrorMessage(error) });
      return;
    }
    if (latestGstin.current !== gstin) return; // typed on meanwhile
    let filled = false;
    if (result.valid) {
      const reg = result.registration;
      setDraft((d) => {
        const next = { ...d, gstin: result.normalized };
        if (result.pan) next.pan = result.pan;
        if (result.stateCode && !d.billing.stateCode) next.billing = { ...d.billing, stateCode: result.stateCode };
        if (d.gstRegistrationType === 'unregistered' || d.gstRegistrationType === 'consumer')
          next.gstRegistrationType = 'regular';
        if (reg) {
          if (reg.legalName) next.legalName = reg.legalName;
          if (!d.name.trim()) next.name = reg.tradeName || reg.legalName || '';
          const type = registrationTypeFrom(reg.registrationType);
          if (type) next.gstRegistrationType = type;
          if (reg.address && !d.billing.line1.trim()) {
            const parsed = splitRegistryAddress(reg.address, result.stateName);
            next.billing = {
              ...next.billing,
              line1: parsed.line1,
              city: next.billing.city || parsed.city,
              pin: next.billing.pin || parsed.pin,
            };
          }
        }
        return next;
      });
      filled = Boolean(reg);
    }
    let duplicates: PartyWarning[] = [];
    if (result.valid) {
      try {
        const dup = await api.get<{ warnings: PartyWarning[] }>('/parties/duplicates', {
          gstin: result.normalized,
          excludeId: party?.id,
        });
        duplicates = dup.warnings;
      } catch {
        // The save reports duplicates again; a failed early check is not worth an error here.
      }
    }
    if (latestGstin.current === result.normalized || latestGstin.current === gstin)
      setGstinState({ status: 'done', gstin, result, filled, duplicates });
  }

  function onGstinChange(raw: string) {
    const value = raw.toUpperCase().replace(/\s/g, '');
    latestGstin.current = value;
    set('gstin', value);
    if (value.length === 15) void checkGstin(value);
    else setGstinState({ status: 'idle' });
  }

  function focusFirstError() {
    // After React has rendered the messages.
    requestAnimationFrame(() => {
      const input = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      input?.focus();
      input?.scrollIntoView({ block: 'center' });
    });
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate(draft);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      setFormError('Some fields need a look before this party can be saved.');
      focusFirstError();
      return;
    }
    const input = toInput(draft);
    try {
      const saved = party ? await update.mutateAsync({ id: party.id, patch: input }) : await create.mutateAsync(input);
      notifications.show({
        color: 'teal',
        title: party ? 'Party saved' : 'Party added',
        message: party ? `${saved.name} is up to date.` : `${saved.name} can now be picked on orders and invoices.`,
      });
      const state: SavedState = { warnings: saved.warnings };
      void navigate(`/parties/${saved.id}`, { state });
    } catch (error) {
      const fields = partyFieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length > 0) focusFirstError();
      setFormError(
        Object.keys(fields).length > 0
          ? 'Some fields need a look before this party can be saved.'
          : partyErrorMessage(error),
      );
    }
  }

  const gstinCheck = gstinState.status === 'done' ? gstinState.result : null;
  const gstinError =
    errors.gstin ??
    (gstinCheck && !gstinCheck.valid
      ? gstinCheck.errors.map((e) => e.message).join('. ') || 'Not a valid GSTIN'
      : undefined);

  return (
    <form ref={formRef} onSubmit={(e) => void handleSubmit(e)} noValidate data-testid="party-form">
      <Stack gap="md">
        {formError ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle size={18} />}
            role="alert"
            data-testid="party-form-error"
          >
            {formError}
          </Alert>
        ) : null}

        <Section title="Who they are" testId="party-section-identity">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
            <TextInput
              label="Name"
              description="What you call them; shown in lists and pickers"
              value={draft.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              required
              data-autofocus
              autoFocus
              autoComplete="off"
            />
            <TextInput
              label="Legal name"
              description="As registered; printed on invoices"
              value={draft.legalName}
              onChange={(e) => set('legalName', e.currentTarget.value)}
              error={errors.legalName}
              autoComplete="off"
            />
            <Select
              label="Kind"
              description="The legal form of the business"
              data={KIND_OPTIONS}
              value={draft.kind}
              onChange={(v) => v && set('kind', v as PartyKind)}
              allowDeselect={false}
              error={errors.kind}
            />
          </SimpleGrid>
          <Checkbox.Group
            label="Roles"
            description="A party can be more than one"
            value={draft.roles}
            onChange={(v) => set('roles', v as PartyRole[])}
            error={errors.roles}
            mt="sm"
            withAsterisk
          >
            <Group gap="lg" mt={6}>
              {PARTY_ROLES.map((role) => (
                <Checkbox key={role} value={role} label={ROLE_LABELS[role]} data-testid={`party-role-${role}`} />
              ))}
            </Group>
          </Checkbox.Group>
        </Section>

        <Section title="GST" testId="party-section-gst">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
            <div>
              <TextInput
                label="GSTIN"
                placeholder="27AAPFU0939F1ZV"
                value={draft.gstin}
                onChange={(e) => onGstinChange(e.currentTarget.value)}
                error={gstinError}
                maxLength={15}
                autoComplete="off"
                spellCheck={false}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: 0.5 } }}
                rightSection={
                  gstinState.status === 'checking' ? (
                    <Loader size="xs" aria-hidden />
                  ) : gstinCheck?.valid ? (
                    <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" aria-hidden />
                  ) : null
                }
                description={
                  gstinCheck?.valid
                    ? `Valid · ${stateLabel(gstinCheck.stateCode)}${gstinCheck.pan ? ` · PAN ${gstinCheck.pan}` : ''}`
                    : gstinState.status === 'checking'
                      ? 'Checking…'
                      : `${draft.gstin.length}/15 characters. Checked as you type.`
                }
                data-testid="party-gstin"
              />
              <GstinNotes state={gstinState} />
            </div>
            <TextInput
              label="PAN"
              value={draft.pan}
              onChange={(e) => set('pan', e.currentTarget.value.toUpperCase())}
              error={errors.pan}
              maxLength={10}
              autoComplete="off"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Select
              label="GST registration type"
              data={REGISTRATION_OPTIONS}
              value={draft.gstRegistrationType}
              onChange={(v) => v && set('gstRegistrationType', v as GstRegistrationType)}
              allowDeselect={false}
              error={errors.gstRegistrationType}
            />
          </SimpleGrid>
        </Section>

        <Section title="Contact" testId="party-section-contact">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
            <MultiValueInput
              label="Email"
              type="email"
              values={draft.emails}
              onChange={(v) => set('emails', v)}
              error={errors.emails}
              rowErrors={rowErrors(errors, 'emails')}
              addLabel="Add another email"
              testId="party-emails"
            />
            <MultiValueInput
              label="Phone"
              type="tel"
              description="Indian numbers in any form: 98765 43210, +91 …, 022 …"
              values={draft.phones}
              onChange={(v) => set('phones', v)}
              error={errors.phones}
              rowErrors={rowErrors(errors, 'phones')}
              addLabel="Add another phone"
              testId="party-phones"
            />
          </SimpleGrid>
        </Section>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Section title="Billing address" testId="party-section-billing">
            <Select
              label="Country"
              data={COUNTRY_OPTIONS}
              value={draft.countryCode}
              onChange={(v) => {
                const countryCode = v ?? INDIA;
                set('countryCode', countryCode);
                // A party abroad is an overseas registration: its supplies are exports (place of supply 96).
                if (countryCode !== INDIA) set('gstRegistrationType', 'overseas');
              }}
              allowDeselect={false}
              searchable
              error={errors.countryCode}
              mb="sm"
              data-testid="party-country"
            />
            {draft.countryCode === INDIA ? (
              <AddressFields
                legend="Billing"
                value={draft.billing}
                onChange={(v) => set('billing', v)}
                errors={addressErrors(errors, 'billingAddress')}
                testId="party-billing-address"
              />
            ) : (
              <SimpleGrid cols={1} spacing="sm" data-testid="party-foreign-address">
                <Textarea
                  label="Address lines"
                  description={`As the country writes it, one line per row (up to ${MAX_FOREIGN_LINES})`}
                  value={draft.foreignLines}
                  onChange={(e) => set('foreignLines', e.currentTarget.value)}
                  error={errors.foreignAddress ?? errors['foreignAddress.lines'] ?? errors.billingAddress}
                  autosize
                  minRows={3}
                />
                <TextInput
                  label="Postal code"
                  value={draft.postalCode}
                  onChange={(e) => set('postalCode', e.currentTarget.value)}
                  error={errors['foreignAddress.postalCode']}
                  maxLength={20}
                  autoComplete="off"
                />
              </SimpleGrid>
            )}
          </Section>
          <Section title="Shipping address" testId="party-section-shipping">
            <Checkbox
              label="Same as billing address"
              checked={draft.shippingSame}
              onChange={(e) => set('shippingSame', e.currentTarget.checked)}
              mb={draft.shippingSame ? 0 : 'sm'}
            />
            {draft.shippingSame ? null : (
              <AddressFields
                legend="Shipping"
                value={draft.shipping}
                onChange={(v) => set('shipping', v)}
                errors={addressErrors(errors, 'shippingAddress')}
                testId="party-shipping-address"
              />
            )}
          </Section>
        </SimpleGrid>

        <Section title="Terms and notes" testId="party-section-terms">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
            <NumberInput
              label="Payment terms (days)"
              description="Due date = invoice date + this"
              value={draft.paymentTermsDays}
              onChange={(v) => set('paymentTermsDays', v)}
              error={errors.paymentTermsDays}
              min={0}
              max={3650}
              allowDecimal={false}
              allowNegative={false}
            />
            <TextInput
              label="Credit limit (₹)"
              description="Leave empty for no limit"
              value={draft.creditLimit}
              onChange={(e) => set('creditLimit', e.currentTarget.value)}
              error={errors.creditLimit}
              inputMode="decimal"
              autoComplete="off"
            />
            <TextInput
              label="Opening balance (₹)"
              description="What stood between you when your books started here"
              value={draft.openingBalance}
              onChange={(e) => set('openingBalance', e.currentTarget.value)}
              error={errors.openingBalance}
              inputMode="decimal"
              autoComplete="off"
              data-testid="party-opening-balance"
            />
            <Select
              label="Who owes whom"
              data={[
                { value: 'receivable', label: 'They owe us (debtor)' },
                { value: 'payable', label: 'We owe them (creditor)' },
              ]}
              value={draft.openingSide}
              onChange={(v) => set('openingSide', v === 'payable' ? 'payable' : 'receivable')}
              allowDeselect={false}
            />
            <DateField
              label="Opening balance as on"
              description="Default: the start of this financial year"
              value={draft.openingBalanceDate}
              onChange={(v) => set('openingBalanceDate', v)}
              error={errors.openingBalanceDate}
              clearable
            />
            <TagsInput
              label="Tags"
              description="For grouping and filtering"
              value={draft.tags}
              onChange={(v) => set('tags', v)}
              error={listError(errors, 'tags', draft.tags)}
              acceptValueOnBlur
              clearable
            />
            <Checkbox
              label="Email overdue-payment reminders"
              description="Weekly, to the first email address, while an invoice is past due"
              checked={draft.emailReminders}
              onChange={(e) => set('emailReminders', e.currentTarget.checked)}
              data-testid="party-email-reminders"
            />
          </SimpleGrid>
          <Textarea
            label="Notes"
            value={draft.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={errors.notes}
            autosize
            minRows={2}
            maxRows={8}
            mt="sm"
          />
        </Section>

        {isPartner ? (
          <Section title="Partner share and payout" testId="party-section-partner">
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
              <TextInput
                label="Revenue share (%)"
                description="Their default share of an order's revenue"
                value={draft.revenueShare}
                onChange={(e) => set('revenueShare', e.currentTarget.value)}
                error={errors.revenueShare}
                inputMode="decimal"
                placeholder="40.00"
                autoComplete="off"
              />
              <TextInput
                label="Bank account name"
                value={draft.bankAccountName}
                onChange={(e) => set('bankAccountName', e.currentTarget.value)}
                error={errors['payout.bankAccountName']}
                autoComplete="off"
              />
              <TextInput
                label="Bank account number"
                value={draft.bankAccountNumber}
                onChange={(e) => set('bankAccountNumber', e.currentTarget.value)}
                error={errors['payout.bankAccountNumber']}
                inputMode="numeric"
                autoComplete="off"
              />
              <TextInput
                label="IFSC"
                value={draft.ifsc}
                onChange={(e) => set('ifsc', e.currentTarget.value.toUpperCase())}
                error={errors['payout.ifsc']}
                maxLength={11}
                autoComplete="off"
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              <TextInput
                label="UPI ID"
                value={draft.upiId}
                onChange={(e) => set('upiId', e.currentTarget.value)}
                error={errors['payout.upiId']}
                placeholder="name@bank"
                autoComplete="off"
              />
            </SimpleGrid>
          </Section>
        ) : null}
      </Stack>

      <Paper withBorder p="sm" mt="md" style={{ position: 'sticky', bottom: 0, zIndex: 5 }} shadow="sm">
        <Group justify="space-between">
          <Anchor component={Link} to={party ? `/parties/${party.id}` : '/parties'} size="sm" c="dimmed">
            <Group gap={4}>
              <IconArrowLeft size={14} />
              Cancel
            </Group>
          </Anchor>
          <Group gap="sm">
            <Text size="xs" c="dimmed" visibleFrom="sm">
              Ctrl+S saves
            </Text>
            <Button type="submit" loading={isSaving} data-testid="party-save">
              Save party
            </Button>
          </Group>
        </Group>
      </Paper>
    </form>
  );
}

function GstinNotes({ state }: { state: GstinState }) {
  if (state.status === 'error')
    return (
      <Text size="xs" c="orange" mt={4}>
        Couldn't check this GSTIN: {state.message}
      </Text>
    );
  if (state.status !== 'done' || !state.result.valid) return null;
  const { result, filled, duplicates } = state;
  return (
    <Stack gap={4} mt={4}>
      {filled ? (
        <Group gap={4} wrap="nowrap" data-testid="gstin-registry-note">
          <IconDatabase size={14} color="var(--mantine-color-teal-7)" />
          <Text size="xs" c="teal.8">
            Filled from the GST registry
            {result.registration?.status ? ` · status: ${result.registration.status}` : ''}
          </Text>
        </Group>
      ) : null}
      {result.lookupError ? (
        <Group gap={4} wrap="nowrap" data-testid="gstin-lookup-error">
          <IconInfoCircle size={14} color="var(--mantine-color-orange-7)" />
          <Text size="xs" c="orange.8">
            {result.lookupError}
          </Text>
        </Group>
      ) : null}
      {duplicates.map((w, i) => (
        <Text key={i} size="xs" c="yellow.9" data-testid="gstin-duplicate">
          {w.message}
          {w.party ? (
            <>
              {' '}
              <Anchor component={Link} to={`/parties/${w.party.id}`} size="xs" target="_blank">
                Open {w.party.name}
              </Anchor>
            </>
          ) : null}
        </Text>
      ))}
    </Stack>
  );
}
