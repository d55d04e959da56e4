import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useSaveMaster, type MasterResource } from './api';
import { saveErrors } from './form-errors';

/**
 * Save plumbing shared by the master forms: client checks first, then POST (new) or PATCH (edit); server field
 * errors land under their fields, anything else above the form.
 */
export function useMasterForm<TInput>(
  resource: MasterResource,
  recordId: number | null,
  noun: string,
  onDone: () => void,
  fieldMap: Record<string, string> = {},
) {
  const save = useSaveMaster<{ id: number; name: string }, TInput>(resource);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function submit(input: TInput, clientErrors: Record<string, string | undefined> = {}) {
    const found: Record<string, string> = {};
    for (const [key, message] of Object.entries(clientErrors)) if (message) found[key] = message;
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    try {
      const saved = await save.mutateAsync({ id: recordId, input });
      notifications.show({
        color: 'teal',
        title: recordId === null ? `${capitalise(noun)} created` : 'Changes saved',
        message: `${saved.name} is saved.`,
      });
      onDone();
    } catch (error) {
      const result = saveErrors(error, fieldMap);
      setErrors(result.fields);
      setFormError(result.form);
    }
  }

  return { errors, formError, saving: save.isPending, submit };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
