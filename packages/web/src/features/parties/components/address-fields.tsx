import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { STATE_OPTIONS } from '../labels';

export interface AddressDraft {
  line1: string;
  line2: string;
  city: string;
  stateCode: string | null;
  pin: string;
}

export const EMPTY_ADDRESS: AddressDraft = { line1: '', line2: '', city: '', stateCode: null, pin: '' };

export function isBlankAddress(a: AddressDraft): boolean {
  return !a.line1.trim() && !a.line2.trim() && !a.city.trim() && !a.stateCode && !a.pin.trim();
}

interface AddressFieldsProps {
  /** "Billing" or "Shipping": prefixes the labels so each input has a unique accessible name. */
  legend: string;
  value: AddressDraft;
  onChange: (value: AddressDraft) => void;
  /** Messages keyed by line1, line2, city, stateCode, pin. */
  errors: Partial<Record<keyof AddressDraft, string>>;
  testId: string;
}

export function AddressFields({ legend, value, onChange, errors, testId }: AddressFieldsProps) {
  const set = (key: keyof AddressDraft, v: string | null) => onChange({ ...value, [key]: v ?? '' });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm" data-testid={testId}>
      <TextInput
        label={`${legend} address line 1`}
        value={value.line1}
        onChange={(e) => set('line1', e.currentTarget.value)}
        error={errors.line1}
        autoComplete="off"
        style={{ gridColumn: '1 / -1' }}
      />
      <TextInput
        label={`${legend} address line 2`}
        value={value.line2}
        onChange={(e) => set('line2', e.currentTarget.value)}
        error={errors.line2}
        autoComplete="off"
        style={{ gridColumn: '1 / -1' }}
      />
      <TextInput
        label={`${legend} city`}
        value={value.city}
        onChange={(e) => set('city', e.currentTarget.value)}
        error={errors.city}
        autoComplete="off"
      />
      <TextInput
        label={`${legend} PIN`}
        value={value.pin}
        onChange={(e) => set('pin', e.currentTarget.value)}
        error={errors.pin}
        inputMode="numeric"
        maxLength={7}
        autoComplete="off"
      />
      <Select
        label={`${legend} state`}
        placeholder="Type a code or a name"
        data={STATE_OPTIONS}
        value={value.stateCode}
        onChange={(v) => onChange({ ...value, stateCode: v })}
        error={errors.stateCode}
        searchable
        clearable
        style={{ gridColumn: '1 / -1' }}
      />
    </SimpleGrid>
  );
}
