import { SimpleGrid, TextInput } from '@mantine/core';
import type { Invoice } from '@bizdash/contracts/invoices';
import type { ExportDetailsDraft } from '../invoice-draft';
import { DateField } from '../../../components/date-field';

interface ExportDetailsFieldsProps {
  value: ExportDetailsDraft;
  onChange: (value: ExportDetailsDraft) => void;
  /** Server field errors by API path (exportDetails.portCode …). */
  errors: Record<string, string>;
}

/**
 * Shipping bill and port of an export invoice. They go to GSTR-1 `exp` (sbnum, sbdt, sbpcode) and the e-invoice
 * ExpDtls; all are optional at save, since the shipping bill is often filed after the invoice.
 */
export function ExportDetailsFields({ value, onChange, errors }: ExportDetailsFieldsProps) {
  const set = <K extends keyof ExportDetailsDraft>(key: K, v: ExportDetailsDraft[K]) =>
    onChange({ ...value, [key]: v });
  const error = (key: keyof ExportDetailsDraft) => errors[`exportDetails.${key}`];
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="sm" verticalSpacing="sm" mt="sm" data-testid="export-details">
      <TextInput
        label="Shipping bill number"
        value={value.shippingBillNumber}
        onChange={(e) => set('shippingBillNumber', e.currentTarget.value)}
        maxLength={20}
        error={error('shippingBillNumber')}
        classNames={{ input: 'num' }}
      />
      <DateField
        label="Shipping bill date"
        value={value.shippingBillDate}
        onChange={(v) => set('shippingBillDate', v)}
        clearable
        error={error('shippingBillDate')}
      />
      <TextInput
        label="Port code"
        placeholder="INBOM1"
        value={value.portCode}
        onChange={(e) => set('portCode', e.currentTarget.value.toUpperCase())}
        maxLength={10}
        error={error('portCode')}
        classNames={{ input: 'mono' }}
      />
      <TextInput
        label="Country of destination"
        placeholder="US"
        description="Two-letter ISO code"
        value={value.countryCode}
        onChange={(e) => set('countryCode', e.currentTarget.value.toUpperCase())}
        maxLength={2}
        error={error('countryCode')}
        classNames={{ input: 'mono' }}
      />
      <TextInput
        label="Currency"
        placeholder="USD"
        description="When not billed in INR"
        value={value.currency}
        onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())}
        maxLength={3}
        error={error('currency')}
        classNames={{ input: 'mono' }}
      />
    </SimpleGrid>
  );
}

/** "SB 7654321 of 12-11-2026 · INBOM1 · US · USD" for the invoice page; null when nothing was recorded. */
export function exportDetailsText(x: Invoice['exportDetails'], formatDate: (iso: string) => string): string | null {
  if (!x) return null;
  const parts = [
    x.shippingBillNumber
      ? `SB ${x.shippingBillNumber}${x.shippingBillDate ? ` of ${formatDate(x.shippingBillDate)}` : ''}`
      : null,
    x.portCode,
    x.countryCode,
    x.currency,
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(' · ') : null;
}
