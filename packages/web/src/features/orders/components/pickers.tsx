import { useState } from 'react';
import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { PartyRole } from '@bizdash/contracts/parties';
import { api } from '../../../lib/api';
import { useAssignees, useCompanySearch, useOrderTypes, usePartySearch } from '../api';

type BaseProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'>;

interface Option {
  value: string;
  label: string;
}

/** Keeps the chosen option in the list while the search results change under it. */
function withSelected(options: Option[], selected: Option | null): Option[] {
  if (!selected || options.some((o) => o.value === selected.value)) return options;
  return [selected, ...options];
}

// The server searches (typo-tolerant); the select must not filter its answer again.
const passThrough: SelectProps['filter'] = ({ options }) => options;

interface RemoteSelectProps extends BaseProps {
  value: number | null;
  onChange: (id: number | null) => void;
  /** The server's answer for the typed text (debounced). */
  useResults: (q: string) => { data?: { items: { id: number; name: string }[] }; isFetching: boolean };
  /** Where the chosen record's name is read when only its id is known (from the URL or a saved order). */
  detail: { queryKey: readonly unknown[]; path: string };
}

/** A select that searches on the server (for lists of 100k), keeping the chosen record shown by name. */
function RemoteSelect({ value, onChange, useResults, detail, ...props }: RemoteSelectProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<Option | null>(null);
  const results = useResults(debounced);
  const known = value !== null && picked?.value === String(value);
  const single = useQuery({
    queryKey: detail.queryKey,
    queryFn: ({ signal }) => api.get<{ id: number; name: string }>(detail.path, undefined, signal),
    enabled: value !== null && !known,
    staleTime: 5 * 60_000,
  });
  const selected: Option | null =
    value === null
      ? null
      : known
        ? picked
        : single.data
          ? { value: String(single.data.id), label: single.data.name }
          : null;
  const options = withSelected(
    (results.data?.items ?? []).map((r) => ({ value: String(r.id), label: r.name })),
    selected,
  );
  return (
    <Select
      searchable
      clearable
      filter={passThrough}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No match'}
      rightSection={results.isFetching && search ? <Loader size={14} /> : undefined}
      {...props}
      data={options}
      value={value === null ? null : String(value)}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v, option) => {
        setPicked(v && option ? { value: v, label: option.label } : null);
        onChange(v ? Number(v) : null);
      }}
    />
  );
}

function useClientSearch(q: string) {
  return usePartySearch('client', q);
}
function useSupplierSearch(q: string) {
  return usePartySearch('supplier', q);
}
function usePartnerSearch(q: string) {
  return usePartySearch('partner', q);
}
const PARTY_SEARCH = { client: useClientSearch, supplier: useSupplierSearch, partner: usePartnerSearch } as const;

/** A searchable party picker over GET /parties?role=…&q=…, for 100k parties. */
export function PartySelect({
  role,
  ...props
}: BaseProps & { role: PartyRole; value: number | null; onChange: (id: number | null) => void }) {
  return (
    <RemoteSelect
      {...props}
      useResults={PARTY_SEARCH[role]}
      detail={{ queryKey: ['parties', 'detail', props.value], path: `/parties/${props.value}` }}
    />
  );
}

export function CompanySelect(props: BaseProps & { value: number | null; onChange: (id: number | null) => void }) {
  return (
    <RemoteSelect
      {...props}
      useResults={useCompanySearch}
      detail={{ queryKey: ['masters', 'companies', 'detail', props.value], path: `/companies/${props.value}` }}
    />
  );
}

/** Order types are a short master list: loaded once and filtered in the browser. */
export function OrderTypeSelect({
  value,
  onChange,
  ...props
}: BaseProps & { value: number | null; onChange: (id: number | null) => void }) {
  const types = useOrderTypes();
  return (
    <Select
      searchable
      {...props}
      data={(types.data?.items ?? []).map((t) => ({ value: String(t.id), label: t.name }))}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
    />
  );
}

/** Active staff users; `withMe` adds "Me" (the filter's "assigned to me"). */
export function AssigneeSelect({
  value,
  onChange,
  withMe = false,
  ...props
}: BaseProps & { value: string | null; onChange: (id: string | null) => void; withMe?: boolean }) {
  const people = useAssignees();
  const data = [
    ...(withMe ? [{ value: 'me', label: 'Me' }] : []),
    ...(people.data?.items ?? []).map((u) => ({ value: String(u.id), label: u.name })),
  ];
  return <Select searchable clearable {...props} data={data} value={value} onChange={onChange} />;
}
