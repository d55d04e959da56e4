import { useState } from 'react';
import {
  Alert,
  Button,
  FileInput,
  Group,
  Modal,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import { ExpenseCategory, ReceiptMode, type Expense, type Receipt } from '@bizdash/contracts/order-money';
import type { PaymentMode } from '@bizdash/contracts/payments';
import { errorMessage, fieldErrorsOf } from '../../../lib/errors';
import { formatAmount, todayIsoDate } from '../../../lib/format';
import { MODE_LABELS } from '../../../components/badges';
import { DateField } from '../../../components/date-field';
import { useSaveExpense, useSaveReceipt, useUploadMoneyAttachment, type MoneyItemKind } from '../money-api';
import { EXPENSE_CATEGORY_LABELS } from './order-money-badges';

/** Only digits and one decimal point; the server checks the rest (at most two decimals, above zero). */
function amountText(value: string): string {
  return value.replace(/[^\d.]/g, '');
}

/** What the forms share: the optional attachment, uploaded with progress once the row is saved. */
function useAttachmentUpload(orderId: number, kind: MoneyItemKind) {
  const upload = useUploadMoneyAttachment(orderId);
  const [progress, setProgress] = useState<number | null>(null);
  async function send(id: number, file: File | null): Promise<boolean> {
    if (!file) return true;
    setProgress(0);
    try {
      await upload.mutateAsync({ kind, id, file, onProgress: setProgress });
      return true;
    } catch (error) {
      notifications.show({ color: 'red', title: 'Saved, but the attachment was not', message: errorMessage(error) });
      return false;
    } finally {
      setProgress(null);
    }
  }
  return { send, progress };
}

function AttachmentField({
  file,
  onChange,
  progress,
  current,
}: {
  file: File | null;
  onChange: (file: File | null) => void;
  progress: number | null;
  current: string | null;
}) {
  return (
    <Stack gap={4}>
      <FileInput
        label={current ? `Replace attachment (${current})` : 'Attachment'}
        placeholder="PDF or picture of the slip"
        accept="application/pdf,image/png,image/jpeg,image/webp"
        leftSection={<IconPaperclip size={16} />}
        value={file}
        onChange={onChange}
        clearable
      />
      {progress !== null ? <Progress value={progress * 100} size="sm" animated aria-label="Upload progress" /> : null}
    </Stack>
  );
}

interface ReceiptModalProps {
  orderId: number;
  /** The receipt to edit, or null to add one; undefined keeps the modal closed. */
  receipt: Receipt | null | undefined;
  /** Suggested amount for a new receipt (the balance due). */
  suggestedAmount?: string | undefined;
  onClose: () => void;
}

export function ReceiptModal({ orderId, receipt, suggestedAmount, onClose }: ReceiptModalProps) {
  return (
    <Modal
      opened={receipt !== undefined}
      onClose={onClose}
      title={receipt ? 'Edit receipt' : 'Record receipt'}
      size="lg"
      centered
    >
      {receipt !== undefined ? (
        <ReceiptForm orderId={orderId} receipt={receipt} suggestedAmount={suggestedAmount} onClose={onClose} />
      ) : null}
    </Modal>
  );
}

function ReceiptForm({
  orderId,
  receipt,
  suggestedAmount,
  onClose,
}: {
  orderId: number;
  receipt: Receipt | null;
  suggestedAmount?: string | undefined;
  onClose: () => void;
}) {
  const save = useSaveReceipt(orderId);
  const attachment = useAttachmentUpload(orderId, 'receipts');
  const [date, setDate] = useState<string | null>(receipt?.date ?? todayIsoDate());
  const [amount, setAmount] = useState(receipt?.amount ?? suggestedAmount ?? '');
  const [mode, setMode] = useState<PaymentMode>(receipt?.mode ?? 'bank_transfer');
  const [reference, setReference] = useState(receipt?.reference ?? '');
  const [chequeNumber, setChequeNumber] = useState(receipt?.chequeNumber ?? '');
  const [chequeDate, setChequeDate] = useState<string | null>(receipt?.chequeDate ?? null);
  const [note, setNote] = useState(receipt?.note ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const isCheque = mode === 'cheque';

  async function submit() {
    setErrors({});
    setFormError(null);
    if (!date) {
      setErrors({ date: 'Enter the date' });
      return;
    }
    const input = {
      date,
      amount: amount.trim(),
      mode,
      reference: reference.trim() || null,
      chequeNumber: isCheque ? chequeNumber.trim() || null : null,
      chequeDate: isCheque ? chequeDate : null,
      note: note.trim() || null,
    };
    try {
      const saved = await save.mutateAsync({ id: receipt?.id ?? null, input });
      await attachment.send(saved.id, file);
      notifications.show({ color: 'teal', message: `Receipt of ${formatAmount(saved.amount)} saved` });
      onClose();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setFormError(errorMessage(error));
    }
  }

  return (
    <Stack gap="sm">
      {formError ? (
        <Alert color="red" title="Not saved">
          {formError}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <DateField label="Date" required value={date} onChange={setDate} error={errors.date} />
        <TextInput
          label="Amount"
          leftSection="₹"
          inputMode="decimal"
          required
          value={amount}
          onChange={(e) => setAmount(amountText(e.currentTarget.value))}
          error={errors.amount}
          classNames={{ input: 'num' }}
          data-autofocus
        />
        <Select
          label="Mode"
          data={ReceiptMode.options.map((m) => ({ value: m, label: MODE_LABELS[m] }))}
          value={mode}
          onChange={(v) => setMode(ReceiptMode.options.find((m) => m === v) ?? 'bank_transfer')}
          allowDeselect={false}
        />
      </SimpleGrid>
      {isCheque ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Cheque number"
            required
            value={chequeNumber}
            onChange={(e) => setChequeNumber(e.currentTarget.value)}
            error={errors.chequeNumber}
          />
          <DateField label="Cheque date" value={chequeDate} onChange={setChequeDate} error={errors.chequeDate} />
        </SimpleGrid>
      ) : null}
      <TextInput
        label="Reference"
        placeholder="UTR or UPI reference"
        value={reference}
        onChange={(e) => setReference(e.currentTarget.value)}
        error={errors.reference}
      />
      <Textarea
        label="Note"
        autosize
        minRows={1}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.note}
      />
      <AttachmentField
        file={file}
        onChange={setFile}
        progress={attachment.progress}
        current={receipt?.attachment?.name ?? null}
      />
      <Group justify="flex-end" mt="xs">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={() => void submit()} loading={save.isPending || attachment.progress !== null}>
          {receipt ? 'Save receipt' : 'Record receipt'}
        </Button>
      </Group>
    </Stack>
  );
}

interface ExpenseModalProps {
  orderId: number;
  /** The expense to edit, or null to add one; undefined keeps the modal closed. */
  expense: Expense | null | undefined;
  onClose: () => void;
}

export function ExpenseModal({ orderId, expense, onClose }: ExpenseModalProps) {
  return (
    <Modal
      opened={expense !== undefined}
      onClose={onClose}
      title={expense ? 'Edit expense' : 'Add expense'}
      size="lg"
      centered
    >
      {expense !== undefined ? <ExpenseForm orderId={orderId} expense={expense} onClose={onClose} /> : null}
    </Modal>
  );
}

function ExpenseForm({ orderId, expense, onClose }: { orderId: number; expense: Expense | null; onClose: () => void }) {
  const save = useSaveExpense(orderId);
  const attachment = useAttachmentUpload(orderId, 'expenses');
  const [date, setDate] = useState<string | null>(expense?.date ?? todayIsoDate());
  const [amount, setAmount] = useState(expense?.amount ?? '');
  const [category, setCategory] = useState<ExpenseCategory>(expense?.category ?? 'other');
  const [paidTo, setPaidTo] = useState(expense?.paidTo ?? '');
  const [note, setNote] = useState(expense?.note ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function submit() {
    setErrors({});
    setFormError(null);
    if (!date) {
      setErrors({ date: 'Enter the date' });
      return;
    }
    const input = { date, amount: amount.trim(), category, paidTo: paidTo.trim() || null, note: note.trim() || null };
    try {
      const saved = await save.mutateAsync({ id: expense?.id ?? null, input });
      await attachment.send(saved.id, file);
      notifications.show({ color: 'teal', message: `Expense of ${formatAmount(saved.amount)} saved` });
      onClose();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setFormError(errorMessage(error));
    }
  }

  return (
    <Stack gap="sm">
      {formError ? (
        <Alert color="red" title="Not saved">
          {formError}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <DateField label="Date" required value={date} onChange={setDate} error={errors.date} />
        <TextInput
          label="Amount"
          leftSection="₹"
          inputMode="decimal"
          required
          value={amount}
          onChange={(e) => setAmount(amountText(e.currentTarget.value))}
          error={errors.amount}
          classNames={{ input: 'num' }}
          data-autofocus
        />
        <Select
          label="Category"
          data={ExpenseCategory.options.map((c) => ({ value: c, label: EXPENSE_CATEGORY_LABELS[c] }))}
          value={category}
          onChange={(v) => setCategory(ExpenseCategory.options.find((c) => c === v) ?? 'other')}
          allowDeselect={false}
        />
      </SimpleGrid>
      <TextInput
        label="Paid to"
        value={paidTo}
        onChange={(e) => setPaidTo(e.currentTarget.value)}
        error={errors.paidTo}
      />
      <Textarea
        label="Note"
        autosize
        minRows={1}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.note}
      />
      <AttachmentField
        file={file}
        onChange={setFile}
        progress={attachment.progress}
        current={expense?.attachment?.name ?? null}
      />
      <Group justify="flex-end" mt="xs">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={() => void submit()} loading={save.isPending || attachment.progress !== null}>
          {expense ? 'Save expense' : 'Add expense'}
        </Button>
      </Group>
    </Stack>
  );
}
