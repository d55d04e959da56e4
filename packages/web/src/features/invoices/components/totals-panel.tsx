import type { ReactNode } from 'react';
import { Divider, Group, Paper, Stack, Text } from '@mantine/core';
import type { InvoiceComputation } from '@bizdash/domain/gst/compute-invoice';
import { formatPaise } from '../../../lib/format';

function Row({ label, value, testId, strong }: { label: ReactNode; value: string; testId: string; strong?: boolean }) {
  return (
    <Group justify="space-between" gap="md" wrap="nowrap">
      <Text size={strong ? 'md' : 'sm'} fw={strong ? 700 : undefined} c={strong ? undefined : 'dimmed'}>
        {label}
      </Text>
      <Text size={strong ? 'lg' : 'sm'} fw={strong ? 700 : 500} className="num" data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

interface TotalsPanelProps {
  computation: InvoiceComputation | null;
  stateTaxLabel: string | null;
  isInterState: boolean;
  roundToRupee: boolean;
  amountInWords: string | null;
  /** Shown above the figures, e.g. "2 lines need attention". */
  note?: ReactNode;
}

/** Taxable value, the taxes of the regime, round-off, grand total and the amount in words. */
export function TotalsPanel({
  computation,
  stateTaxLabel,
  isInterState,
  roundToRupee,
  amountInWords,
  note,
}: TotalsPanelProps) {
  const t = computation?.totals;
  const show = (paise: number | undefined) => formatPaise(paise ?? 0);
  return (
    <Paper withBorder p="md" data-testid="totals-panel">
      <Stack gap={6}>
        {note}
        {t && t.discount > 0 ? (
          <>
            <Row label="Gross" value={show(t.gross)} testId="total-gross" />
            <Row label="Discount" value={`−${show(t.discount)}`} testId="total-discount" />
          </>
        ) : null}
        <Row label="Taxable value" value={show(t?.taxableValue)} testId="total-taxable" />
        {isInterState ? (
          <Row label="IGST" value={show(t?.igst)} testId="total-igst" />
        ) : (
          <>
            <Row label="CGST" value={show(t?.cgst)} testId="total-cgst" />
            <Row label={stateTaxLabel ?? 'SGST'} value={show(t?.sgst)} testId="total-sgst" />
          </>
        )}
        {t && t.cess > 0 ? <Row label="Cess" value={show(t.cess)} testId="total-cess" /> : null}
        {roundToRupee ? <Row label="Round off" value={show(t?.roundOff)} testId="total-round-off" /> : null}
        <Divider my={4} />
        <Row label="Grand total" value={show(t?.grandTotal)} testId="total-grand" strong />
        <Text size="xs" c="dimmed" ta="right" data-testid="amount-in-words" mih={18}>
          {amountInWords ?? ''}
        </Text>
      </Stack>
    </Paper>
  );
}
