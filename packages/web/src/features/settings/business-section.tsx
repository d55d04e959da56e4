import { useState, type ComponentProps, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import type { BusinessSettings, UpdateBusinessSettingsInput } from '@bizdash/contracts/settings';
import { ADDRESS_STATES } from '@bizdash/domain/states';
import { useAuth } from '../../app/auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { orNull, saveErrors } from '../../lib/form-errors';
import { useBusinessSettings, useUpdateBusinessSettings } from './api';
import { LogoCard } from './logo-card';

const STATE_OPTIONS = ADDRESS_STATES.map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }));
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
].map((label, i) => ({ value: String(i + 1), label }));
const TIME_ZONES = ['Asia/Kolkata', 'Asia/Dubai', 'Asia/Singapore', 'Europe/London', 'America/New_York', 'UTC'];

type Values = Record<string, string>;

function toValues(b: BusinessSettings): Values {
  return {
    name: b.name,
    legalName: b.legalName ?? '',
    tradeName: b.tradeName ?? '',
    gstin: b.gstin ?? '',
    stateCode: b.stateCode,
    pan: b.pan ?? '',
    line1: b.address.line1 ?? '',
    line2: b.address.line2 ?? '',
    city: b.address.city ?? '',
    pin: b.address.pin ?? '',
    accountName: b.bank.accountName ?? '',
    accountNumber: b.bank.accountNumber ?? '',
    ifsc: b.bank.ifsc ?? '',
    bankName: b.bank.bankName ?? '',
    branch: b.bank.branch ?? '',
    upiId: b.upiId ?? '',
    lutNumber: b.lut.number ?? '',
    lutDate: b.lut.date ?? '',
    ewayBillThreshold: b.ewayBillThreshold ?? '',
    invoiceTerms: b.invoiceTerms ?? '',
    signatoryName: b.signatoryName ?? '',
    timezone: b.timezone,
    fyStartMonth: String(b.fyStartMonth),
  };
}

function toInput(v: Values): UpdateBusinessSettingsInput {
  return {
    name: v.name?.trim() ?? '',
    legalName: orNull(v.legalName ?? ''),
    tradeName: orNull(v.tradeName ?? ''),
    gstin: orNull((v.gstin ?? '').toUpperCase()),
    stateCode: v.stateCode ?? '',
    pan: orNull((v.pan ?? '').toUpperCase()),
    address: {
      line1: orNull(v.line1 ?? ''),
      line2: orNull(v.line2 ?? ''),
      city: orNull(v.city ?? ''),
      pin: orNull(v.pin ?? ''),
    },
    bank: {
      accountName: orNull(v.accountName ?? ''),
      accountNumber: orNull(v.accountNumber ?? ''),
      ifsc: orNull((v.ifsc ?? '').toUpperCase()),
      bankName: orNull(v.bankName ?? ''),
      branch: orNull(v.branch ?? ''),
    },
    upiId: orNull(v.upiId ?? ''),
    lut: { number: orNull(v.lutNumber ?? ''), date: orNull(v.lutDate ?? '') },
    // Absent for a role that cannot see money (the field is hidden from it): then it is left unchanged.
    ...(v.ewayBillThreshold?.trim() ? { ewayBillThreshold: v.ewayBillThreshold.trim().replace(/[₹,\s]/g, '') } : {}),
    invoiceTerms: orNull(v.invoiceTerms ?? ''),
    signatoryName: orNull(v.signatoryName ?? ''),
    timezone: v.timezone ?? 'Asia/Kolkata',
    fyStartMonth: Number(v.fyStartMonth ?? '4'),
  };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function BusinessForm({ business, canManage }: { business: BusinessSettings; canManage: boolean }) {
  const update = useUpdateBusinessSettings();
  const [values, setValues] = useState<Values>(() => toValues(business));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const dirty = JSON.stringify(values) !== JSON.stringify(toValues(business));

  const field = (key: string, label: string, extra: Partial<ComponentProps<typeof TextInput>> = {}) => (
    <TextInput
      label={label}
      value={values[key] ?? ''}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setValues((prev) => ({ ...prev, [key]: value }));
      }}
      error={errors[key]}
      readOnly={!canManage}
      data-testid={`business-${key}`}
      {...extra}
    />
  );

  async function save() {
    setFormError(null);
    if (!values.name?.trim()) {
      setErrors({ name: 'Enter the business name' });
      return;
    }
    setErrors({});
    try {
      const saved = await update.mutateAsync(toInput(values));
      setValues(toValues(saved));
      notifications.show({
        color: 'teal',
        title: 'Business settings saved',
        message: 'Invoices use the new details from now on.',
      });
    } catch (error) {
      // The server names nested fields by path ("address.pin"); the inputs are the flat keys of Values, and the LUT
      // ones are renamed.
      const result = saveErrors(error, Object.keys(toValues(business)), {
        'lut.number': 'lutNumber',
        'lut.date': 'lutDate',
      });
      setErrors(result.fields);
      setFormError(result.form ?? (Object.keys(result.fields).length > 0 ? 'Check the highlighted fields.' : null));
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
      data-testid="business-form"
    >
      <Stack gap="lg">
        {formError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {formError}
          </Alert>
        ) : null}
        <Section title="Identity">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field('name', 'Business name', { required: true })}
            {field('legalName', 'Legal name', { description: 'As registered for GST' })}
            {field('tradeName', 'Trade name')}
            <Select
              label="State"
              data={STATE_OPTIONS}
              value={values.stateCode ?? null}
              onChange={(v) => setValues((prev) => ({ ...prev, stateCode: v ?? prev.stateCode ?? '' }))}
              searchable
              allowDeselect={false}
              error={errors.stateCode}
              readOnly={!canManage}
            />
            {field('gstin', 'GSTIN', { placeholder: '27AAAAA0000A1Z5', maxLength: 15, classNames: { input: 'mono' } })}
            {field('pan', 'PAN', { placeholder: 'AAAAA0000A', maxLength: 10, classNames: { input: 'mono' } })}
          </SimpleGrid>
        </Section>
        <Section title="Address">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field('line1', 'Address line 1')}
            {field('line2', 'Address line 2')}
            {field('city', 'City')}
            {field('pin', 'PIN code', { maxLength: 6, inputMode: 'numeric' })}
          </SimpleGrid>
        </Section>
        <Section title="Bank and payments">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field('accountName', 'Account name')}
            {field('accountNumber', 'Account number', { inputMode: 'numeric', classNames: { input: 'mono' } })}
            {field('ifsc', 'IFSC', { placeholder: 'HDFC0001234', maxLength: 11, classNames: { input: 'mono' } })}
            {field('bankName', 'Bank name')}
            {field('branch', 'Branch')}
            {field('upiId', 'UPI ID', { placeholder: 'business@bank' })}
          </SimpleGrid>
        </Section>
        <Section title="Exports and SEZ supplies">
          <Text size="sm" c="dimmed" mb="sm">
            The Letter of Undertaking (GST RFD-11) under which you export or supply to SEZ units without paying IGST. It
            is printed on such invoices dated in the LUT&apos;s financial year; file a new one every year.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field('lutNumber', 'LUT reference number (ARN)', {
              placeholder: 'AD270326000123X',
              maxLength: 30,
              classNames: { input: 'mono' },
            })}
            {field('lutDate', 'LUT date', { type: 'date' })}
          </SimpleGrid>
        </Section>
        <Section title="E-way bills">
          <Text size="sm" c="dimmed" mb="sm">
            Goods worth more than this (taxable goods lines including tax; services and exempt goods do not count) need
            an e-way bill to move (Rule 138). ₹50,000 unless your state notifies another limit for movements within it.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field('ewayBillThreshold', 'E-way bill threshold (₹)', {
              placeholder: '50000.00',
              inputMode: 'decimal',
              classNames: { input: 'num' },
            })}
          </SimpleGrid>
        </Section>
        <Section title="Invoices">
          <Stack gap="md">
            <Textarea
              label="Invoice terms"
              description="Printed at the foot of every invoice."
              autosize
              minRows={3}
              value={values.invoiceTerms ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setValues((prev) => ({ ...prev, invoiceTerms: value }));
              }}
              error={errors.invoiceTerms}
              readOnly={!canManage}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {field('signatoryName', 'Authorised signatory')}
              <Select
                label="Financial year starts in"
                data={MONTHS}
                value={values.fyStartMonth ?? '4'}
                onChange={(v) => setValues((prev) => ({ ...prev, fyStartMonth: v ?? '4' }))}
                allowDeselect={false}
                error={errors.fyStartMonth}
                readOnly={!canManage}
              />
              <Select
                label="Time zone"
                data={TIME_ZONES.includes(values.timezone ?? '') ? TIME_ZONES : [...TIME_ZONES, values.timezone ?? '']}
                value={values.timezone ?? 'Asia/Kolkata'}
                onChange={(v) => setValues((prev) => ({ ...prev, timezone: v ?? 'Asia/Kolkata' }))}
                allowDeselect={false}
                error={errors.timezone}
                readOnly={!canManage}
              />
            </SimpleGrid>
          </Stack>
        </Section>
        <Group justify="space-between">
          <Text size="xs" c="dimmed" className="num">
            Last saved {formatDateTime(business.updatedAt)} IST
          </Text>
          {canManage ? (
            <Group gap="sm">
              <Button
                variant="default"
                disabled={!dirty}
                onClick={() => {
                  setValues(toValues(business));
                  setErrors({});
                  setFormError(null);
                }}
              >
                Discard changes
              </Button>
              <Button type="submit" loading={update.isPending}>
                Save
              </Button>
            </Group>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

export function BusinessSection() {
  const { can } = useAuth();
  const query = useBusinessSettings();
  return (
    <>
      <PageHeader
        title="Business"
        description="How your business appears on invoices: names, GSTIN, address, bank and terms."
      />
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError
          error={query.error}
          what="business settings"
          onRetry={() => void query.refetch()}
          isRetrying={query.isFetching}
        />
      ) : (
        <>
          <LogoCard business={query.data} canManage={can('settings.manage')} />
          <BusinessForm key={query.data.updatedAt} business={query.data} canManage={can('settings.manage')} />
        </>
      )}
    </>
  );
}
