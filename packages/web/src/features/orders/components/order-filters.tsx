import { useState } from 'react';
import { Button, Group, Select, SimpleGrid, Stack, Switch } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconAdjustmentsHorizontal, IconCalendar } from '@tabler/icons-react';
import { ListSearch } from '../../../components/list-page/list-search';
import { useStages } from '../use-stages';
import type { OrderListState } from '../url-state';
import { AssigneeSelect, CompanySelect, OrderTypeSelect, PartySelect } from './pickers';

interface OrderFiltersProps {
  state: OrderListState;
  update: (changes: Partial<Record<keyof OrderListState, string | number | null>>, o?: { replace?: boolean }) => void;
  /** The board shows every stage as a column, so it hides the stage filter. */
  showStage: boolean;
}

const SECONDARY = ['clientId', 'partnerId', 'orderTypeId', 'companyId', 'from', 'to', 'documents'] as const;

/** The orders' filters: the common ones in a row, the rest behind "More filters" ("Clear filters" is the shell's). */
export function OrderFilters({ state, update, showStage }: OrderFiltersProps) {
  const { stages } = useStages();
  const secondaryCount = SECONDARY.filter((k) => state[k] !== undefined).length;
  const [isOpen, setOpen] = useState(secondaryCount > 0);
  const idOrNull = (v: number | null) => (v === null ? null : v);

  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap" align="flex-end">
        <ListSearch
          aria-label="Search orders"
          placeholder="Search number, title or client"
          value={state.q}
          onCommit={(q) => update({ q }, { replace: true })}
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
