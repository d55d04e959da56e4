import { useState } from 'react';
import { Button, CloseButton, Group, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconAdjustmentsHorizontal, IconCalendar, IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useUrlText } from '../../../lib/use-url-text';
import { useStages } from '../use-stages';
import type { OrderListState } from '../url-state';
import { AssigneeSelect, CompanySelect, OrderTypeSelect, PartySelect } from './pickers';

interface OrderFiltersProps {
  state: OrderListState;
  update: (changes: Partial<Record<keyof OrderListState, string | number | null>>, o?: { replace?: boolean }) => void;
  activeFilterCount: number;
  /** The board shows every stage as a column, so it hides the stage filter. */
  showStage: boolean;
}

const SECONDARY = ['clientId', 'partnerId', 'orderTypeId', 'companyId', 'from', 'to', 'documents'] as const;

export function OrderFilters({ state, update, activeFilterCount, showStage }: OrderFiltersProps) {
  const { stages } = useStages();
  const [search, setSearch] = useUrlText(state.q ?? '', (q) => update({ q: q || null }, { replace: true }));
  const secondaryCount = SECONDARY.filter((k) => state[k] !== undefined).length;
  const [isOpen, setOpen] = useState(secondaryCount > 0);
  const idOrNull = (v: number | null) => (v === null ? null : v);

  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap" align="flex-end">
        <TextInput
          aria-label="Search orders"
          placeholder="Search number, title or client"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          rightSection={
            search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setSearch('')} /> : null
          }
          style={{ flex: '1 1 240px' }}
          maw={360}
        />
        {showStage ? (
          <Select
            aria-label="Stage"
            placeholder="Any stage"
            data={stages.map((s) => ({ value: s.code, label: s.label }))}
            value={state.stage ?? null}
            onChange={(v) => update({ stage: v })}
            clearable
            w={190}
          />
        ) : null}
        <AssigneeSelect
          aria-label="Assignee"
          placeholder="Anyone"
          withMe
          value={state.assigneeId ?? null}
          onChange={(v) => update({ assigneeId: v })}
          w={170}
        />
        <Switch
          label="Overdue only"
          checked={state.overdue === 'true'}
          onChange={(e) => update({ overdue: e.currentTarget.checked ? 'true' : null })}
          styles={{ root: { alignSelf: 'center' } }}
        />
        <Button
          variant={isOpen ? 'light' : 'default'}
          leftSection={<IconAdjustmentsHorizontal size={16} />}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={isOpen}
        >
          More filters{secondaryCount ? ` (${secondaryCount})` : ''}
        </Button>
        {activeFilterCount > 0 ? (
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconFilterOff size={16} />}
            onClick={() => {
              setSearch('');
              update({
                q: null,
                stage: null,
                clientId: null,
                partnerId: null,
                orderTypeId: null,
                companyId: null,
                assigneeId: null,
                from: null,
                to: null,
                dateField: null,
                overdue: null,
                documents: null,
              });
            }}
          >
            Clear filters
          </Button>
        ) : null}
      </Group>
      {isOpen ? (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" data-testid="order-more-filters">
          <PartySelect
            role="client"
            label="Client"
            placeholder="Any client"
            value={state.clientId ?? null}
            onChange={(v) => update({ clientId: idOrNull(v) })}
          />
          <PartySelect
            role="partner"
            label="Partner"
            placeholder="Any partner"
            value={state.partnerId ?? null}
            onChange={(v) => update({ partnerId: idOrNull(v) })}
          />
          <OrderTypeSelect
            label="Order type"
            placeholder="Any type"
            clearable
            value={state.orderTypeId ?? null}
            onChange={(v) => update({ orderTypeId: idOrNull(v) })}
          />
          <CompanySelect
            label="Company"
            placeholder="Any company"
            value={state.companyId ?? null}
            onChange={(v) => update({ companyId: idOrNull(v) })}
          />
          <Select
            label="Documents"
            placeholder="Any"
            data={[
              { value: 'incomplete', label: 'Some still missing' },
              { value: 'complete', label: 'All received' },
            ]}
            value={state.documents ?? null}
            onChange={(v) => update({ documents: v })}
            clearable
          />
          <Select
            label="Date"
            data={[
              { value: 'created', label: 'Created on' },
              { value: 'due', label: 'Due on' },
            ]}
            value={state.dateField}
            onChange={(v) => update({ dateField: v })}
            allowDeselect={false}
          />
          <DatePickerInput
            label="From"
            placeholder="dd-mm-yyyy"
            valueFormat="DD-MM-YYYY"
            value={state.from ?? null}
            onChange={(v) => update({ from: v })}
            maxDate={state.to}
            clearable
            leftSection={<IconCalendar size={16} />}
          />
          <DatePickerInput
            label="To"
            placeholder="dd-mm-yyyy"
            valueFormat="DD-MM-YYYY"
            value={state.to ?? null}
            onChange={(v) => update({ to: v })}
            minDate={state.from}
            clearable
            leftSection={<IconCalendar size={16} />}
          />
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}
