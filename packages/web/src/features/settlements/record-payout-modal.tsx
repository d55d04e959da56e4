import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PartnerBalance } from '@bizdash/contracts/order-money';
import { PaymentMode } from '@bizdash/contracts/payments';
import { tryParseMoney } from '@bizdash/domain/money';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { formatAmount, todayIsoDate } from '../../lib/format';
import { MODE_LABELS } from '../../components/badges';
import { DateField } from '../../components/date-field';
import { usePartnerBalances, useRecordPayout } from '../orders/money-api';

interface RecordPayoutModalProps {
  opened: boolean;
  onClose: () => void;
  /** Start with this partner picked (from their balance row). */
  partner?: PartnerBalance | undefined;
}

/** Pay a partner what is owed; the server allocates it to approved entries, oldest first. */
export function RecordPayoutModal({ opened, onClose, partner }: RecordPayoutModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Record payout" size="lg" centered>
      {opened ? <PayoutForm initial={partner} onClose={onClose} /> : null}
    </Modal>
  );
}

function PayoutForm({ initial, onClose }: { initial: PartnerBalance | undefined; onClose: () => void }) {
  const owed = usePartnerBalances({ owed: 'true', pageSize: 100 });
  const record = useRecordPayout();
  const [partnerId, setPartnerId] = useState<number | null>(initial?.partner.id ?? null);
  const [date, setDate] = useState<string | null>(todayIsoDate());
  const [amount, setAmount] = useState(initial?.balanceOwed ?? '');
  const [mode, setMode] = useState<PaymentMode>('bank_transfer');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const partners = owed.data?.items ?? [];
  const options =
    initial && !partners.some((p) => p.partner.id === initial.partner.id) ? [initial, ...partners] : partners;
  const picked = options.find((p) => p.partner.id === partnerId);
  const over = picked !== undefined && (tryParseMoney(amount.trim()) ?? 0) > (tryParseMoney(picked.balanceOwed) ?? 0);

  async function submit() {
    setErrors({});
    setFormError(null);
    if (partnerId === null) {
      setErrors({ partnerId: 'Pick the partner' });
      return;
    }
    if (!date) {
      setErrors({ date: 'Enter the date' });
      return;
    }
    try {
      const payout = await record.mutateAsync({
        partnerId,
        date,
        amount: amount.trim(),
        mode,
        reference: reference.trim() || null,
        note: note.trim() || null,
      });
      notifications.show({
        color: 'teal',
        message: `Payout of ${formatAmount(payout.amount)} to ${payout.partner.name} recorded`,
      });
      onClose();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setFormError(errorMessage(error));
    }
  }

  return (
    <Stack gap="sm">
      {formError ? (
        <Alert color="red" title="Not recorded">
          {formError}
        </Alert>
      ) : null}
      <Select
        label="Partner"
        placeholder={owed.isPending ? 'Loading…' : 'Partners with a balance owed'}
        searchable
        required
        data={options.map((p) => ({
          value: String(p.partner.id),
          label: `${p.partner.name} (${formatAmount(p.balanceOwed)} owed)`,
        }))}
        value={partnerId === null ? null : String(partnerId)}
        onChange={(v) => {
          const id = v ? Number(v) : null;
          setPartnerId(id);
          const next = options.find((p) => p.partner.id === id);
          if (next) setAmount(next.balanceOwed);
        }}
        nothingFoundMessage="No partner is owed anything"
        error={errors.partnerId}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <DateField label="Date" required value={date} onChange={setDate} error={errors.date} />
        <TextInput
          label="Amount"
          leftSection="₹"
          inputMode="decimal"
          required
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value.replace(/[^\d.]/g, ''))}
          error={errors.amount ?? (over ? 'More than the balance owed' : undefined)}
          classNames={{ input: 'num' }}
        />
        <Select
          label="Mode"
          data={PaymentMode.options.map((m) => ({ value: m, label: MODE_LABELS[m] }))}
          value={mode}
          onChange={(v) => setMode(PaymentMode.options.find((m) => m === v) ?? 'bank_transfer')}
          allowDeselect={false}
        />
      </SimpleGrid>
      <TextInput
        label="Reference"
        placeholder="UTR, cheque or UPI ref."
        value={reference}
        onChange={(e) => setReference(e.currentTarget.value)}
        error={errors.reference}
      />
      <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
      <Text size="xs" c="dimmed">
        The payout is allocated to the partner&apos;s approved settlements and adjustments, oldest first.
      </Text>
      <Group justify="flex-end" mt="xs">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={() => void submit()} loading={record.isPending} disabled={over}>
          Record payout
        </Button>
      </Group>
    </Stack>
  );
}
