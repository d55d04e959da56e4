import { useState } from 'react';
import {
  Badge,
  Group,
  Input,
  SegmentedControl,
  Select,
  SimpleGrid,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { CreateItemInput, Item, ItemKind } from '@bizdash/contracts/masters';
import { Amount } from '../../components/amount';
import { FormShell } from '../../components/form-shell';
import { MasterListPage, type MasterColumn } from './components/master-list-page';
import { MoneyInput } from '../../components/money-input';
import { orNull } from '../../lib/form-errors';
import { GST_RATE_OPTIONS, UQC_OPTIONS, moneyError, normaliseRate, uqcName } from './gst';
import { useMasterForm } from './use-master-form';

const SORT_FIELDS = ['name', 'createdAt', 'hsnSac'] as const;
const EXTRA_KEYS = ['kind', 'active'] as const;

const COLUMNS: MasterColumn<Item>[] = [
  {
    label: 'Name',
    sort: 'name',
    render: (r) => (
      <Text size="sm" fw={500} c={r.isActive ? undefined : 'dimmed'}>
        {r.name}
      </Text>
    ),
  },
  {
    label: 'Kind',
    render: (r) => (
      <Badge size="sm" variant="light" color={r.kind === 'goods' ? 'blue' : 'grape'}>
        {r.kind === 'goods' ? 'Goods' : 'Services'}
      </Badge>
    ),
  },
  {
    label: 'HSN/SAC',
    sort: 'hsnSac',
    render: (r) => (
      <Text size="sm" className="mono">
        {r.hsnSac}
      </Text>
    ),
  },
  {
    label: 'Unit',
    render: (r) => (
      <Text size="sm" title={uqcName(r.unit)}>
        {r.unit}
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
  { label: 'Sale price', align: 'right', render: (r) => <Amount value={r.salePrice} size="sm" /> },
  {
    label: 'Status',
    render: (r) =>
      r.isActive ? (
        <Badge size="sm" variant="light" color="teal">
          Active
        </Badge>
      ) : (
        <Badge size="sm" variant="light" color="gray">
          Inactive
        </Badge>
      ),
  },
];

const KIND_FILTER = [
  { value: 'goods', label: 'Goods' },
  { value: 'services', label: 'Services' },
];
const ACTIVE_FILTER = [
  { value: 'true', label: 'Active' },
  { value: 'false', label: 'Inactive' },
];

function ItemForm({ record, onDone }: { record: Item | null; onDone: () => void }) {
  const [name, setName] = useState(record?.name ?? '');
  const [description, setDescription] = useState(record?.description ?? '');
  const [kind, setKind] = useState<ItemKind>(record?.kind ?? 'goods');
  const [hsnSac, setHsnSac] = useState(record?.hsnSac ?? '');
  const [unit, setUnit] = useState<string>(record?.unit ?? 'NOS');
  const [gstRate, setGstRate] = useState(normaliseRate(record?.gstRate ?? '18'));
  const [cessRate, setCessRate] = useState(record ? normaliseRate(record.cessRate) : '0');
  const [cessPerUnit, setCessPerUnit] = useState(record?.cessPerUnit ?? '0');
  const [taxability, setTaxability] = useState<Item['taxability']>(record?.taxability ?? 'taxable');
  const [salePrice, setSalePrice] = useState(record?.salePrice ?? '');
  const [purchasePrice, setPurchasePrice] = useState(record?.purchasePrice ?? '');
  const [isActive, setActive] = useState(record?.isActive ?? true);
  const form = useMasterForm<CreateItemInput>('items', record?.id ?? null, 'item', onDone);

  function submit() {
    const code = hsnSac.trim();
    void form.submit(
      {
        name: name.trim(),
        description: orNull(description),
        kind,
        hsnSac: code,
        unit,
        gstRate,
        cessRate: cessRate.trim() || '0',
        cessPerUnit: cessPerUnit.trim() || '0',
        taxability,
        salePrice: orNull(salePrice),
        purchasePrice: orNull(purchasePrice),
        isActive,
      },
      {
        name: name.trim() ? undefined : 'Enter a name',
        hsnSac: !code
          ? 'Enter the HSN or SAC code'
          : !/^(\d{4}|\d{6}|\d{8})$/.test(code)
            ? 'Use 4, 6 or 8 digits'
            : undefined,
        cessRate: /^\d{1,3}(\.\d{1,2})?$/.test(cessRate.trim() || '0') ? undefined : 'A percentage such as 1 or 0.5',
        cessPerUnit: moneyError(cessPerUnit, true),
        salePrice: moneyError(salePrice, true),
        purchasePrice: moneyError(purchasePrice, true),
      },
    );
  }

  return (
    <FormShell onSubmit={submit} onCancel={onDone} error={form.formError} saving={form.saving} testId="item-form">
      <TextInput
        label="Name"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={form.errors.name}
        required
        data-autofocus
      />
      <Input.Wrapper label="Kind" id="item-kind">
        <SegmentedControl
          aria-label="Kind"
          data={KIND_FILTER}
          value={kind}
          onChange={(value) => setKind(value === 'services' ? 'services' : 'goods')}
          fullWidth
          mt={4}
          data-testid="item-kind"
        />
      </Input.Wrapper>
      <Textarea
        label="Description"
        autosize
        minRows={2}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={form.errors.description}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="HSN/SAC"
          description={kind === 'services' ? 'SAC for services, starting 99' : 'HSN code of the goods'}
          maxLength={8}
          value={hsnSac}
          onChange={(e) => setHsnSac(e.currentTarget.value.replace(/\D/g, ''))}
          error={form.errors.hsnSac}
          classNames={{ input: 'mono' }}
          required
        />
        <Select
          label="Unit"
          description="GST unit quantity code (UQC)"
          data={UQC_OPTIONS}
          value={unit}
          onChange={(v) => setUnit(v ?? 'NOS')}
          searchable
          allowDeselect={false}
          error={form.errors.unit}
        />
        <Select
          label="GST rate"
          data={GST_RATE_OPTIONS}
          value={gstRate}
          onChange={(v) => {
            setGstRate(v ?? '18');
            // Only a 0 % item can be nil-rated, exempt or non-GST.
            if (v !== '0') setTaxability('taxable');
          }}
          allowDeselect={false}
          error={form.errors.gstRate}
        />
        <TextInput
          label="Cess rate"
          rightSection="%"
          inputMode="decimal"
          value={cessRate}
          onChange={(e) => setCessRate(e.currentTarget.value.replace(/[^\d.]/g, ''))}
          error={form.errors.cessRate}
          classNames={{ input: 'num' }}
        />
        <MoneyInput
          label="Cess per unit"
          value={cessPerUnit}
          onChange={setCessPerUnit}
          error={form.errors.cessPerUnit}
        />
        <Select
          label="GST treatment"
          description="Nil-rated, exempt and non-GST items carry 0 % (GSTR-1 Table 8)"
          data={[
            { value: 'taxable', label: 'Taxable' },
            { value: 'nil', label: 'Nil-rated' },
            { value: 'exempt', label: 'Exempt' },
            { value: 'non_gst', label: 'Non-GST supply' },
          ]}
          value={taxability}
          onChange={(v) => {
            const next = v === 'nil' || v === 'exempt' || v === 'non_gst' ? v : 'taxable';
            setTaxability(next);
            if (next !== 'taxable') setGstRate('0');
          }}
          allowDeselect={false}
          error={form.errors.taxability}
          data-testid="item-taxability"
        />
        <MoneyInput
          label="Sale price"
          value={salePrice}
          onChange={setSalePrice}
          error={form.errors.salePrice}
          placeholder="Optional"
        />
        <MoneyInput
          label="Purchase price"
          value={purchasePrice}
          onChange={setPurchasePrice}
          error={form.errors.purchasePrice}
          placeholder="Optional"
        />
      </SimpleGrid>
      <Switch
        label="Active"
        description="Inactive items are not offered on new invoices."
        checked={isActive}
        onChange={(e) => setActive(e.currentTarget.checked)}
      />
    </FormShell>
  );
}

export function ItemsPage() {
  return (
    <MasterListPage<Item>
      importPath="/settings/items/import"
      resource="items"
      entity="item"
      title="Items"
      description="Goods and services you sell or buy, with their HSN/SAC, unit and GST rate."
      noun="item"
      nounPlural="items"
      newLabel="New item"
      columns={COLUMNS}
      sortFields={SORT_FIELDS}
      extraKeys={EXTRA_KEYS}
      searchPlaceholder="Search name or HSN/SAC"
      renderFilters={(params, update) => (
        <Group gap="sm">
          <Select
            aria-label="Filter by kind"
            placeholder="Any kind"
            data={KIND_FILTER}
            value={params.extra?.kind ?? null}
            onChange={(v) => update({ kind: v })}
            clearable
            w={140}
          />
          <Select
            aria-label="Filter by status"
            placeholder="Any status"
            data={ACTIVE_FILTER}
            value={params.extra?.active ?? null}
            onChange={(v) => update({ active: v })}
            clearable
            w={140}
          />
        </Group>
      )}
      Form={ItemForm}
    />
  );
}
