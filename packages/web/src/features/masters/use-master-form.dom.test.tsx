import { useState } from 'react';
import { Switch, TextInput } from '@mantine/core';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, problem } from '../../../test/mock-api';
import { renderWithApp } from '../../../test/render';
import { FormShell } from '../../components/form-shell';
import { useMasterForm } from './use-master-form';

/** A master form as the masters pages write one: inputs with an error slot, and a switch without one. */
function RegistrarLikeForm() {
  const [name, setName] = useState('Link Intime');
  const [isActive, setActive] = useState(true);
  const form = useMasterForm<{ name: string; website: string | null; isActive: boolean }>(
    'registrars',
    null,
    'registrar',
    () => {},
  );
  return (
    <FormShell
      onSubmit={() => void form.submit({ name, website: null, isActive })}
      error={form.formError}
      saving={form.saving}
      testId="registrar-form"
    >
      <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={form.errors.name} />
      <TextInput label="Website" value="" readOnly error={form.errors.website} />
      <Switch label="Active" checked={isActive} onChange={(e) => setActive(e.currentTarget.checked)} />
    </FormShell>
  );
}

describe('useMasterForm', () => {
  it('shows every field error of a 400: under its field, or in the alert naming a field the form lacks', async () => {
    mockApi({
      'POST /api/v1/registrars': problem({
        status: 400,
        code: 'VALIDATION_FAILED',
        title: 'Invalid input',
        detail: 'The input is invalid',
        errors: [
          { field: 'name', message: 'name is already used by another registrar' },
          { field: 'isActive', message: 'cannot be false for a new registrar' },
          { field: 'sebiRegistrationNo', message: 'is required for a registrar' },
        ],
      }),
    });
    const { user } = renderWithApp(<RegistrarLikeForm />);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    // Fields the form has no message slot for are named in the alert, not dropped.
    expect(alert.textContent).toContain('Active: Cannot be false for a new registrar.');
    expect(alert.textContent).toContain('Sebi registration no: Is required for a registrar.');
    // A field the form shows gets its message under it, not in the alert.
    expect(screen.getByText('Is already used by another registrar')).toBeTruthy();
    expect(alert.textContent).not.toContain('already used');
  });

  it('puts a DUPLICATE naming a field under that field', async () => {
    mockApi({
      // The server's problem names the field in `details`; mock-api passes extra members through.
      'POST /api/v1/registrars': {
        ...problem({
          status: 409,
          code: 'DUPLICATE',
          title: 'Already exists',
          detail: 'A registrar named Link Intime already exists',
        }),
        details: { field: 'name' },
      },
    });
    const { user } = renderWithApp(<RegistrarLikeForm />);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText('A registrar named Link Intime already exists')).toBeTruthy());
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
