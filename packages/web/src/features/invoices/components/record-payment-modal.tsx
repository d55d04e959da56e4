import { useState } from 'react';
import {
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Party } from '@bizdash/contracts/parties';
import { PaymentMode, type Payment, type PaymentDirection } from '@bizdash/contracts/payments';
import { toMoneyString } from '@bizdash/domain/money';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { formatAmount, formatPaise, todayIsoDate } from '../../../lib/format';
import { useCreatePayment, useOpenInvoices, usePartyById } from '../api';
import { AllocationTable, allocatedPaise, autoAllocate, paiseOf, type AllocationDraft } from './allocation-table';
import { MODE_LABELS } from '../../../components/badges';
import { DateField } from '../../../components/date-field';
import { PartyPicker } from './party-picker';

export interface PaymentPrefill {
  direction: PaymentDirection;
  partyId: number;
  /** Settle this document first. */
  invoiceId?: number;
  /** Suggested amount (the document's balance). */
  amount?: string;
}

interface RecordPaymentModalProps {
  opened: boolean;
  onClose: () => void;
  prefill?: PaymentPrefill | undefined;
  onSaved?: (payment: Payment) => void;
}

/** Record money received or paid, with TDS, allocated across the party's open documents (the rest is an advance). */
export function RecordPaymentModal({ opened, onClose, prefill, onSaved }: RecordPaymentModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Record payment" size="xl" centered>
      {opened ? <PaymentForm prefill={prefill} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function PaymentForm({ prefill, onClose, onSaved }: Omit<RecordPaymentModalProps, 'opened'>) {
  const [direction, setDirection] = useState<PaymentDirection>(prefill?.direction ?? 'received');
  const [party, setParty] = useState<Party | null>(null);
  const prefilledParty = usePartyById(party === null && prefill ? prefill.partyId : null);
  const currentParty = party ?? prefilledParty.data ?? null;
  const [date, setDate] = useState<string | null>(todayIsoDate());
  const [amount, setAmount] = useState(prefill?.amount ?? '');
  const [tds, setTds] = useState('');
  const [mode, setMode] = useState<PaymentMode>('bank_transfer');
  const [reference, setReference] = useState('');
  const [notes, setNotes] = useState('');
  const [allocations, setAllocations] = useState<AllocationDraft>({});
  // Allocations follow the amount until the user types one themselves.
  const [isAuto, setAuto] = useState(true);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreatePayment();
  const open = useOpenInvoices(currentParty?.id ?? null, direction === 'received' ? 'receivable' : 'payable');
  const invoices = open.data?.items ?? [];

  const settlement = paiseOf(amount) + paiseOf(tds);
  const shown = isAuto ? autoAllocate(settlement, invoices, prefill?.invoiceId) : allocations;
  const allocated = allocatedPaise(shown);
  const advance = settlement - allocated;

  async function submit() {
    setFormError(null);
    setFieldErrors({});
    if (!currentParty) {
      setFieldErrors({ partyId: 'Pick the party' });
      return;
    }
    if (!date) {
      setFieldErrors({ date: 'Enter the date' });
      return;
    }
    try {
      const payment = await create.mutateAsync({
        direction,
        partyId: currentParty.id,
        date,
        amount: amount.trim(),
        mode,
        reference: reference.trim() || null,
        tdsAmount: tds.trim() || '0',
        notes: notes.trim() || null,
        allocations: Object.entries(shown)
          .filter(([, v]) => paiseOf(v) > 0)
          .map(([id, v]) => ({ invoiceId: Number(id), amount: toMoneyString(paiseOf(v)) })),
      });
      notifications.show({ color: 'teal', message: `Payment of ${formatAmount(payment.amount)} recorded` });
      onSaved?.(payment);
      onClose();
    } catch (error) {
      setFieldErrors(isApiError(error) ? error.fieldErrors() : {});
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
      {prefill ? null : (
        <SegmentedControl
          data={[
            { value: 'received', label: 'Received from a client' },
            { value: 'made', label: 'Paid to a supplier' },
          ]}
          value={direction}
          onChange={(v) => {
            setDirection(v === 'made' ? 'made' : 'received');
            setAllocations({});
            setAuto(true);
          }}
          style={{ alignSelf: 'flex-start' }}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <PartyPicker
          label="Party"
          role={direction === 'received' ? 'client' : 'supplier'}
          value={currentParty}
          onChange={(p) => {
            setParty(p);
            setAllocations({});
            setAuto(true);
          }}
          disabled={prefill !== undefined}
          error={fieldErrors.partyId}
          required
        />
        <DateField label="Date" required value={date} onChange={setDate} error={fieldErrors.date} />
        <Select
          label="Mode"
          data={PaymentMode.options.map((m) => ({ value: m, label: MODE_LABELS[m] }))}
          value={mode}
          onChange={(v) => setMode(PaymentMode.options.find((m) => m === v) ?? 'bank_transfer')}
          allowDeselect={false}
        />
        <TextInput
          label="Amount"
          leftSection="₹"
          inputMode="decimal"
          required
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value.replace(/[^\d.]/g, ''))}
          error={fieldErrors.amount}
          classNames={{ input: 'num' }}
          data-autofocus
        />
        <TextInput
          label="TDS deducted"
          leftSection="₹"
          inputMode="decimal"
          placeholder="0.00"
          value={tds}
          onChange={(e) => setTds(e.currentTarget.value.replace(/[^\d.]/g, ''))}
          error={fieldErrors.tdsAmount}
          classNames={{ input: 'num' }}
        />
        <TextInput
          label="Reference"
          placeholder="UTR, cheque or UPI ref."
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          error={fieldErrors.reference}
        />
      </SimpleGrid>
      <TextInput label="Notes" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
      {currentParty ? (
        <>
          <Divider
            label={
              <Group gap="xs">
                <Text size="sm" fw={500}>
                  Allocate to open documents
                </Text>
                {!isAuto ? (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => {
                      setAuto(true);
                      setAllocations({});
                    }}
                  >
                    Oldest first
                  </Button>
                ) : null}
              </Group>
            }
            labelPosition="left"
          />
          <AllocationTable
            invoices={invoices}
            value={shown}
            onChange={(v) => {
              setAuto(false);
              setAllocations(v);
            }}
          />
          <Group justify="flex-end" gap="lg">
            <Text size="sm" c="dimmed">
              Settles (amount + TDS){' '}
              <Text span fw={600} c="var(--mantine-color-text)" className="num">
                {formatPaise(settlement)}
              </Text>
            </Text>
            <Text size="sm" c="dimmed">
              Allocated{' '}
              <Text span fw={600} c="var(--mantine-color-text)" className="num">
                {formatPaise(allocated)}
              </Text>
            </Text>
            <Text size="sm" c={advance < 0 ? 'red' : 'dimmed'}>
              {advance < 0 ? 'Over-allocated' : 'Kept as advance'}{' '}
              <Text span fw={600} className="num">
                {formatPaise(Math.abs(advance))}
              </Text>
            </Text>
          </Group>
        </>
      ) : null}
      <Group justify="flex-end" mt="xs">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={() => void submit()} loading={create.isPending} disabled={advance < 0}>
          Record payment
        </Button>
      </Group>
    </Stack>
  );
}
