import { useState } from 'react';
import { Group, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Party } from '@bizdash/contracts/parties';
import { usePartySearch } from '../api';

interface PartyPickerProps {
  value: Party | null;
  onChange: (party: Party | null) => void;
  role: 'client' | 'supplier' | null;
  label?: string;
  error?: string | undefined;
  disabled?: boolean;
  required?: boolean;
  autoFocus?: boolean;
  w?: number | string;
}

/** A searchable party select that asks the server (name, GSTIN, phone) as you type. */
export function PartyPicker({
  value,
  onChange,
  role,
  label = 'Party',
  error,
  disabled,
  required,
  autoFocus,
  w,
}: PartyPickerProps) {
  const [search, setSearch] = useState(value?.name ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  // Once a party is picked the box shows its name; that is not a new search.
  const q = value && debounced === value.name ? '' : debounced;
  const query = usePartySearch(q, role);
  const found = query.data?.items ?? [];
  const parties = value && !found.some((p) => p.id === value.id) ? [value, ...found] : found;
  const byId = new Map(parties.map((p) => [String(p.id), p]));

  return (
    <Select
      label={label}
      placeholder="Search name, GSTIN or phone"
      searchable
      clearable
      required={required}
      disabled={disabled}
      autoFocus={autoFocus}
      w={w}
      data={parties.map((p) => ({ value: String(p.id), label: p.name }))}
      value={value ? String(value.id) : null}
      searchValue={search}
      onSearchChange={setSearch}
      // The server has already filtered; keep its order.
      filter={({ options }) => options}
      onChange={(id) => onChange(id ? (byId.get(id) ?? null) : null)}
      nothingFoundMessage={query.isFetching ? 'Searching…' : 'No party matches'}
      error={error}
      renderOption={({ option }) => {
        const party = byId.get(option.value);
        return (
          <Group justify="space-between" wrap="nowrap" w="100%" gap="md">
            <Text size="sm">{option.label}</Text>
            <Text size="xs" c="dimmed" className="mono">
              {party?.gstin ?? party?.billingAddress?.city ?? ''}
            </Text>
          </Group>
        );
      }}
    />
  );
}
