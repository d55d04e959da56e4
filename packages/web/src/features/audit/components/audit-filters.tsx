import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar, IconSearch } from '@tabler/icons-react';
import { AUDIT_ACTION_LABELS } from '@bizdash/contracts/audit';
import { useQuery } from '@tanstack/react-query';
import type { UserPage } from '@bizdash/contracts/users';
import { useAuth } from '../../../app/auth/auth-context';
import { api } from '../../../lib/api';
import { useUrlText } from '../../../lib/use-url-text';
import type { AuditFilters } from '../api';
import type { AuditFilterKey } from '../url-state';
import { actionLabel, entityNoun } from '../audit-labels';

/** Record types people look for, by their words; the value sent is the code the server records. */
const RECORD_TYPES = [
  'invoice',
  'sales_document',
  'recurring_invoice',
  'order',
  'order_document',
  'party',
  'payment',
  'receipt',
  'expense',
  'comment',
  'task',
  'settlement_entry',
  'payout',
  'user',
  'api_key',
  'business',
  'settings',
].map((code) => ({ value: code, label: entityNoun(code) }));

/** Every action, by its plain words, grouped by what it is about ("Invoices: Issued invoice"). */
const ACTION_GROUPS = (() => {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const [code, label] of Object.entries(AUDIT_ACTION_LABELS)) {
    const area = entityNoun(code.split('.')[0] ?? code);
    groups.set(area, [...(groups.get(area) ?? []), { value: code, label }]);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, items]) => ({ group, items: items.sort((a, b) => a.label.localeCompare(b.label)) }));
})();

interface AuditFiltersBarProps {
  filters: AuditFilters;
  update: (changes: Partial<Record<AuditFilterKey, string | number | null | undefined>>) => void;
}

/** The audit log's filters as labelled fields: one column on a phone, up to seven side by side on a wide screen. */
export function AuditFiltersBar({ filters, update }: AuditFiltersBarProps) {
  const { can } = useAuth();
  const [q, setQ] = useUrlText(filters.q ?? '', (v) => update({ q: v }));
  const [entityId, setEntityId] = useUrlText(filters.entityId ?? '', (v) => update({ entityId: v }));
  // A shared link may name an action or record type this list lacks; it stays selectable by its words.
  const actionData =
    filters.action && !(filters.action in AUDIT_ACTION_LABELS)
      ? [...ACTION_GROUPS, { group: 'Other', items: [{ value: filters.action, label: actionLabel(filters.action) }] }]
      : ACTION_GROUPS;
  const recordTypes =
    filters.entity && !RECORD_TYPES.some((t) => t.value === filters.entity)
      ? [...RECORD_TYPES, { value: filters.entity, label: entityNoun(filters.entity) }]
      : RECORD_TYPES;

  // People to pick as the actor, for roles that may list users; others can still filter by a shared link.
  const users = useQuery({
    queryKey: ['users', 'actor-options'],
    queryFn: ({ signal }) => api.get<UserPage>('/users', { pageSize: 200, sort: 'name', order: 'asc' }, signal),
    enabled: can('users.read'),
    staleTime: 5 * 60_000,
  });
  const actorOptions = (users.data?.items ?? []).map((u) => ({ value: String(u.id), label: u.name }));
  if (filters.actorId && !actorOptions.some((o) => o.value === String(filters.actorId))) {
    actorOptions.unshift({ value: String(filters.actorId), label: `User #${filters.actorId}` });
  }

  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4, lg: 7 }} spacing="sm" verticalSpacing="sm">
      <TextInput
        label="Search"
        placeholder="Document number or party"
        leftSection={<IconSearch size={16} />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        data-testid="audit-search"
      />
      <Select
        label="Action"
        placeholder="Any action"
        data={actionData}
        value={filters.action ?? null}
        onChange={(v) => update({ action: v })}
        searchable
        clearable
        nothingFoundMessage="No action matches"
        data-testid="audit-action"
      />
      <Select
        label="Actor"
        placeholder={can('users.read') ? 'Anyone' : 'Anyone (by link only)'}
        data={actorOptions}
        value={filters.actorId ? String(filters.actorId) : null}
        onChange={(v) => update({ actorId: v })}
        searchable
        clearable
        disabled={!can('users.read') && !filters.actorId}
        nothingFoundMessage="No user matches"
      />
      <Select
        label="Record type"
        placeholder="Any record"
        data={recordTypes}
        value={filters.entity ?? null}
        onChange={(v) => update({ entity: v })}
        searchable
        clearable
      />
      <TextInput
        label="Record ID"
        placeholder="e.g. 12"
        value={entityId}
        onChange={(e) => setEntityId(e.currentTarget.value)}
      />
      <DatePickerInput
        label="From"
        placeholder="dd-mm-yyyy"
        valueFormat="DD-MM-YYYY"
        value={filters.from ?? null}
        onChange={(v) => update({ from: v })}
        maxDate={filters.to}
        clearable
        leftSection={<IconCalendar size={16} />}
        popoverProps={{ withinPortal: true }}
      />
      <DatePickerInput
        label="To"
        placeholder="dd-mm-yyyy"
        valueFormat="DD-MM-YYYY"
        value={filters.to ?? null}
        onChange={(v) => update({ to: v })}
        minDate={filters.from}
        clearable
        leftSection={<IconCalendar size={16} />}
        popoverProps={{ withinPortal: true }}
      />
    </SimpleGrid>
  );
}
