import { useState } from 'react';
import { Text, TextInput, Textarea } from '@mantine/core';
import type { CreateDocumentTypeInput, DocumentType } from '@bizdash/contracts/masters';
import { DateTime } from '../../components/date-time';
import { FormShell } from '../../components/form-shell';
import { MasterListPage, type MasterColumn } from './components/master-list-page';
import { orNull } from '../../lib/form-errors';
import { useMasterForm } from './use-master-form';

const SORT_FIELDS = ['name', 'createdAt'] as const;

const COLUMNS: MasterColumn<DocumentType>[] = [
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
    label: 'Description',
    render: (r) => (
      <Text size="sm" c="dimmed" lineClamp={1}>
        {r.description ?? '—'}
      </Text>
    ),
  },
  { label: 'Created', sort: 'createdAt', w: 140, render: (r) => <DateTime value={r.createdAt} dateOnly /> },
];

function DocumentTypeForm({ record, onDone }: { record: DocumentType | null; onDone: () => void }) {
  const [name, setName] = useState(record?.name ?? '');
  const [description, setDescription] = useState(record?.description ?? '');
  const form = useMasterForm<CreateDocumentTypeInput>('document-types', record?.id ?? null, 'document type', onDone);

  return (
    <FormShell
      onSubmit={() =>
        void form.submit(
          { name: name.trim(), description: orNull(description) },
          { name: name.trim() ? undefined : 'Enter a name' },
        )
      }
      onCancel={onDone}
      error={form.formError}
      saving={form.saving}
      testId="document-type-form"
    >
      <TextInput
        label="Name"
        placeholder="PAN card copy"
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
    </FormShell>
  );
}

export function DocumentTypesPage() {
  return (
    <MasterListPage<DocumentType>
      resource="document-types"
      entity="document_type"
      title="Document types"
      description="Documents you collect from clients; order types list the ones each order needs."
      noun="document type"
      nounPlural="document types"
      newLabel="New document type"
      columns={COLUMNS}
      sortFields={SORT_FIELDS}
      Form={DocumentTypeForm}
      modalSize="md"
    />
  );
}
