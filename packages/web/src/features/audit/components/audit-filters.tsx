import { Autocomplete, Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar, IconFilterOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { UserPage } from '@bizdash/contracts/users';
import { useAuth } from '../../../app/auth/auth-context';
import { api } from '../../../lib/api';
import { useUrlText } from '../../../lib/use-url-text';
import type { AuditFilters } from '../api';
import type { AuditFilterKey } from '../url-state';

const KNOWN_ENTITIES = ['user', 'api_key', 'session', 'business'];
const KNOWN_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.refresh_reuse',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'user.password_reset',
  'user.password_changed',
  'user.totp_enabled',
  'user.totp_disabled',
  'api_key.created',
  'api_key.revoked',
  'api_key.used',
  'business.created',
];

interface AuditFiltersBarProps {
  filters: AuditFilters;
  update: (changes: Partial<Record<AuditFilterKey, string | number | null | undefined>>) => void;
  clear: () => void;
  activeCount: number;
}

export function AuditFiltersBar({ filters, update, clear, activeCount }: AuditFiltersBarProps) {
  const { can } = useAuth();
  const [entity, setEntity] = useUrlText(filters.entity ?? '', (v) => update({ entity: v }));
  const [entityId, setEntityId] = useUrlText(filters.entityId ?? '', (v) => update({ entityId: v }));
  const [action, setAction] = useUrlText(filters.action ?? '', (v) => update({ action: v }));

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
    <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="sm" verticalSpacing="sm">
      <Autocomplete
        label="Action"
        placeholder="e.g. user.created"
        data={KNOWN_ACTIONS}
        value={action}
        onChange={setAction}
        onOptionSubmit={(v) => update({ action: v })}
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
      <Autocomplete
        label="Record type"
        placeholder="e.g. user"
        data={KNOWN_ENTITIES}
        value={entity}
        onChange={setEntity}
        onOptionSubmit={(v) => update({ entity: v })}
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
      {activeCount > 0 ? (
        <Group style={{ gridColumn: '1 / -1' }} gap="xs">
          <Button
            variant="subtle"
            color="gray"
            size="xs"
            leftSection={<IconFilterOff size={14} />}
            onClick={() => {
              setEntity('');
              setEntityId('');
              setAction('');
              clear();
            }}
          >
            Clear {activeCount === 1 ? 'filter' : `${activeCount} filters`}
          </Button>
        </Group>
      ) : null}
    </SimpleGrid>
  );
}
