import { useState } from 'react';
import { Anchor, Text, TextInput, Textarea } from '@mantine/core';
import type { CreateRegistrarInput, Registrar } from '@bizdash/contracts/masters';
import { DateTime } from '../../components/date-time';
import { FormShell } from '../../components/form-shell';
import { MasterListPage, type MasterColumn } from './components/master-list-page';
import { orNull } from '../../lib/form-errors';
import { useMasterForm } from './use-master-form';

const SORT_FIELDS = ['name', 'createdAt'] as const;

const COLUMNS: MasterColumn<Registrar>[] = [
  {
    label: 'Name',
    sort: 'name',
    render: (r) => (
      <Text size="sm" fw={500}>
        {r.name}
      </Text>
    ),
  },
  { label: 'Email', render: (r) => <Text size="sm">{r.email ?? '—'}</Text> },
  {
    label: 'Website',
    render: (r) =>
      r.website ? (
        <Anchor href={r.website} target="_blank" rel="noreferrer" size="sm" onClick={(e) => e.stopPropagation()}>
          {r.website.replace(/^https?:\/\//, '')}
        </Anchor>
      ) : (
        '—'
      ),
  },
  { label: 'Created', sort: 'createdAt', render: (r) => <DateTime value={r.createdAt} dateOnly /> },
];

function RegistrarForm({ record, onDone }: { record: Registrar | null; onDone: () => void }) {
  const [name, setName] = useState(record?.name ?? '');
  const [email, setEmail] = useState(record?.email ?? '');
  const [website, setWebsite] = useState(record?.website ?? '');
  const [address, setAddress] = useState(record?.address ?? '');
  const form = useMasterForm<CreateRegistrarInput>('registrars', record?.id ?? null, 'registrar', onDone);

  return (
    <FormShell
      onSubmit={() =>
        void form.submit(
          { name: name.trim(), email: orNull(email), website: orNull(website), address: orNull(address) },
          { name: name.trim() ? undefined : 'Enter a name' },
        )
      }
      onCancel={onDone}
      error={form.formError}
      saving={form.saving}
      testId="registrar-form"
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
        label="Email"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
        error={form.errors.email}
      />
      <TextInput
        label="Website"
        placeholder="https://"
        value={website}
        onChange={(e) => setWebsite(e.currentTarget.value)}
        error={form.errors.website}
      />
      <Textarea
        label="Address"
        autosize
        minRows={2}
        value={address}
        onChange={(e) => setAddress(e.currentTarget.value)}
        error={form.errors.address}
      />
    </FormShell>
  );
}

export function RegistrarsPage() {
  return (
    <MasterListPage<Registrar>
      resource="registrars"
      entity="registrar"
      title="Registrars"
      description="Registrars and transfer agents (RTAs) that keep the registers of the companies you deal in."
      noun="registrar"
      nounPlural="registrars"
      newLabel="New registrar"
      columns={COLUMNS}
      sortFields={SORT_FIELDS}
      Form={RegistrarForm}
    />
  );
}
