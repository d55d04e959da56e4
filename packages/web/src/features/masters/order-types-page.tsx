import { useState } from 'react';
import { Badge, Group, NumberInput, Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import type { CreateOrderTypeInput, OrderType } from '@bizdash/contracts/masters';
import { Amount } from '../../components/amount';
import { formatNumber } from '../../lib/format';
import { useMasterOptions } from './api';
import { FormShell } from '../../components/form-shell';
import { MasterListPage, type MasterColumn } from './components/master-list-page';
import { MoneyInput } from '../../components/money-input';
import { RequiredDocuments } from './components/required-documents';
import { orNull } from '../../lib/form-errors';
import { GST_RATE_OPTIONS, moneyError, normaliseRate } from './gst';
import { useMasterForm } from './use-master-form';

const SORT_FIELDS = ['name', 'createdAt'] as const;

const COLUMNS: MasterColumn<OrderType>[] = [
  {
    label: 'Name',
    sort: 'name',
    render: (r) => (
      <Text size="sm" fw={500}>
        {r.name}
      </Text>
    ),
  },
  {
    label: 'Required documents',
    render: (r) =>
      r.requiredDocuments.length === 0 ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <Group gap={4}>
          {[...r.requiredDocuments]
            .sort((a, b) => a.position - b.position)
            .map((d) => (
              <Badge key={d.id} size="sm" variant="light" color="gray" tt="none">
                {d.name}
              </Badge>
            ))}
        </Group>
      ),
  },
  {
    label: 'SAC',
    render: (r) => (
      <Text size="sm" className="mono">
        {r.sacCode ?? '—'}
      </Text>
    ),
  },
  {
    label: 'GST rate',
    align: 'right',
    render: (r) => (
      <Text size="sm" className="num">
        {normaliseRate(r.gstRate)}%
      </Text>
    ),
  },
  { label: 'Default fee', align: 'right', render: (r) => <Amount value={r.defaultFee} size="sm" /> },
  { label: 'Base charge', align: 'right', render: (r) => <Amount value={r.baseCharge} size="sm" /> },
  {
    label: 'Turnaround (days)',
    align: 'right',
    render: (r) => (
      <Text size="sm" className="num">
        {r.turnaroundDays === null ? '—' : formatNumber(r.turnaroundDays)}
      </Text>
    ),
  },
];

function OrderTypeForm({ record, onDone }: { record: OrderType | null; onDone: () => void }) {
  const [name, setName] = useState(record?.name ?? '');
  const [description, setDescription] = useState(record?.description ?? '');
  const [documentIds, setDocumentIds] = useState<number[]>(
    record ? [...record.requiredDocuments].sort((a, b) => a.position - b.position).map((d) => d.id) : [],
  );
  const [defaultFee, setDefaultFee] = useState(record?.defaultFee ?? '0');
  const [baseCharge, setBaseCharge] = useState(record?.baseCharge ?? '0');
  const [sacCode, setSacCode] = useState(record?.sacCode ?? '');
  const [gstRate, setGstRate] = useState(normaliseRate(record?.gstRate ?? '18'));
  const [turnaround, setTurnaround] = useState<string | number>(record?.turnaroundDays ?? '');
  const documentTypes = useMasterOptions('document-types');
  const form = useMasterForm<CreateOrderTypeInput>('order-types', record?.id ?? null, 'order type', onDone, {
    requiredDocumentTypeIds: 'requiredDocuments',
  });
  const knownNames = Object.fromEntries((record?.requiredDocuments ?? []).map((d) => [d.id, d.name]));

  function submit() {
    const sac = sacCode.trim();
    void form.submit(
      {
        name: name.trim(),
        description: orNull(description),
        requiredDocumentTypeIds: documentIds,
        defaultFee: defaultFee.trim() || '0',
        baseCharge: baseCharge.trim() || '0',
        sacCode: orNull(sac),
        gstRate,
        turnaroundDays: turnaround === '' ? null : Number(turnaround),
      },
      {
        name: name.trim() ? undefined : 'Enter a name',
        defaultFee: moneyError(defaultFee, true),
        baseCharge: moneyError(baseCharge, true),
        sacCode: sac && !/^99\d{4}$/.test(sac) ? 'A SAC is 6 digits starting with 99' : undefined,
      },
    );
  }

  return (
    <FormShell onSubmit={submit} onCancel={onDone} error={form.formError} saving={form.saving} testId="order-type-form">
      <TextInput
        label="Name"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={form.errors.name}
        required
        data-autofocus
      />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={form.errors.description}
      />
      <RequiredDocuments
        value={documentIds}
        onChange={setDocumentIds}
        options={documentTypes.data ?? []}
        knownNames={knownNames}
        loading={documentTypes.isPending}
        error={form.errors.requiredDocuments}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MoneyInput label="Default fee" value={defaultFee} onChange={setDefaultFee} error={form.errors.defaultFee} />
        <MoneyInput label="Base charge" value={baseCharge} onChange={setBaseCharge} error={form.errors.baseCharge} />
        <TextInput
          label="SAC"
          placeholder="998399"
          maxLength={10}
          value={sacCode}
          onChange={(e) => setSacCode(e.currentTarget.value.replace(/\D/g, ''))}
          error={form.errors.sacCode}
          classNames={{ input: 'mono' }}
        />
        <Select
          label="GST rate"
          data={GST_RATE_OPTIONS}
          value={gstRate}
          onChange={(v) => setGstRate(v ?? '18')}
          allowDeselect={false}
          error={form.errors.gstRate}
        />
        <NumberInput
          label="Turnaround (days)"
          min={0}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          value={turnaround}
          onChange={setTurnaround}
          error={form.errors.turnaroundDays}
        />
      </SimpleGrid>
    </FormShell>
  );
}

export function OrderTypesPage() {
  return (
    <MasterListPage<OrderType>
      resource="order-types"
      entity="order_type"
      title="Order types"
      description="Kinds of work you take on: documents needed, fees, GST and turnaround."
      noun="order type"
      nounPlural="order types"
      newLabel="New order type"
      columns={COLUMNS}
      sortFields={SORT_FIELDS}
      Form={OrderTypeForm}
    />
  );
}
