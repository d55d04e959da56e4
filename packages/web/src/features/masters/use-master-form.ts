import { useMemo, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useSaveMaster, type MasterResource } from './api';
import { saveErrors } from '../../lib/form-errors';

/**
 * Save plumbing shared by the master forms: client checks first, then POST (new) or PATCH (edit); server field
 * errors land under their fields, and any the form has no field for in the form-level alert, naming the field.
 *
 * Which fields the form shows is learnt from the form itself: every `errors.<field>` it reads while rendering is a
 * field with a place for its message. So a server message about a field the form never shows (a new rule, a field
 * without an error slot such as a switch) reaches the alert instead of vanishing.
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
  // One set for the form's life; reads only add to it, so rendering twice (StrictMode) learns the same fields.
  const [shownFields] = useState(() => new Set<string>());
  const trackedErrors = useMemo(
    () =>
      new Proxy(errors, {
        get(target, key) {
          if (typeof key !== 'string') return undefined;
          shownFields.add(key);
          return target[key];
        },
      }),
    [errors, shownFields],
  );

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
      const result = saveErrors(error, [...shownFields], fieldMap);
      setErrors(result.fields);
      setFormError(result.form);
    }
  }

  return { errors: trackedErrors, formError, saving: save.isPending, submit };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
