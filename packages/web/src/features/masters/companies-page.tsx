import { useState } from 'react';
import { Select, Text, TextInput } from '@mantine/core';
import type { Company, CreateCompanyInput } from '@bizdash/contracts/masters';
import { DateTime } from '../../components/date-time';
import { useMasterOptions } from './api';
import { FormShell } from '../../components/form-shell';
import { MasterListPage, type MasterColumn } from './components/master-list-page';
import { orNull } from '../../lib/form-errors';
import { useMasterForm } from './use-master-form';

const SORT_FIELDS = ['name', 'createdAt'] as const;

const COLUMNS: MasterColumn<Company>[] = [
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
    label: 'CIN',
    render: (r) => (
      <Text size="sm" className="mono">
        {r.cin ?? '—'}
      </Text>
    ),
  },
  {
    label: 'ISIN',
    render: (r) => (
      <Text size="sm" className="mono">
        {r.isin ?? '—'}
      </Text>
    ),
  },
  { label: 'Registrar', render: (r) => <Text size="sm">{r.registrar.name}</Text> },
  { label: 'Created', sort: 'createdAt', render: (r) => <DateTime value={r.createdAt} dateOnly /> },
];

function CompanyForm({ record, onDone }: { record: Company | null; onDone: () => void }) {
  const [name, setName] = useState(record?.name ?? '');
  const [cin, setCin] = useState(record?.cin ?? '');
  const [isin, setIsin] = useState(record?.isin ?? '');
  const [registrarId, setRegistrarId] = useState<string | null>(record ? String(record.registrar.id) : null);
  const registrars = useMasterOptions('registrars');
  const form = useMasterForm<CreateCompanyInput>('companies', record?.id ?? null, 'company', onDone, {
    registrarId: 'registrarId',
  });

  // An archived registrar still shows on a company that uses it.
  const options = registrars.data ?? [];
  const registrarOptions =
    record && !options.some((o) => o.value === String(record.registrar.id))
      ? [...options, { value: String(record.registrar.id), label: record.registrar.name }]
      : options;

  return (
    <FormShell
      onSubmit={() =>
        void form.submit(
          {
            name: name.trim(),
            cin: orNull(cin.toUpperCase()),
            isin: orNull(isin.toUpperCase()),
            registrarId: Number(registrarId),
          },
          {
            name: name.trim() ? undefined : 'Enter a name',
            registrarId: registrarId ? undefined : 'Choose the registrar',
          },
        )
      }
      onCancel={onDone}
      error={form.formError}
      saving={form.saving}
      testId="company-form"
    >
      <TextInput
        label="Name"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={form.errors.name}
        required
        data-autofocus
      />
      <TextInput
        label="CIN"
        description="Corporate Identification Number, 21 characters"
        value={cin}
        onChange={(e) => setCin(e.currentTarget.value)}
        error={form.errors.cin}
        classNames={{ input: 'mono' }}
      />
      <TextInput
        label="ISIN"
        placeholder="INE002A01018"
        value={isin}
        onChange={(e) => setIsin(e.currentTarget.value)}
        error={form.errors.isin}
        classNames={{ input: 'mono' }}
      />
      <Select
        label="Registrar"
        data={registrarOptions}
        value={registrarId}
        onChange={setRegistrarId}
        searchable
        required
        nothingFoundMessage={registrars.isPending ? 'Loading…' : 'No registrars yet: add one under Registrars'}
        error={form.errors.registrarId}
      />
    </FormShell>
  );
}

export function CompaniesPage() {
  return (
    <MasterListPage<Company>
      resource="companies"
      entity="company"
      title="Companies"
      description="Companies whose shares you handle, with their identifiers and registrar."
      noun="company"
      nounPlural="companies"
      newLabel="New company"
      columns={COLUMNS}
      sortFields={SORT_FIELDS}
      Form={CompanyForm}
    />
  );
}
