import { useState, type ReactNode } from 'react';
import { Button, Group, SegmentedControl } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { downloadFile } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import type { PeriodPreset, PeriodValue } from '../../dashboard/period-picker';
import { DateField } from '../../../components/date-field';
import type { Period } from '../api';

/**
 * The period picker of the book screens: this month, quarter or financial year (each to date), or custom dates
 * typed as dd-mm-yyyy. "Custom" keeps its own state: custom dates that happen to match a preset must still show
 * the date inputs while the user is typing them. Labels shorten on a phone so the control fits 390 px.
 */
export function BookPeriodPicker({ value, onChange }: { value: PeriodValue; onChange: (next: PeriodValue) => void }) {
  const [isCustom, setCustom] = useState(value.preset === 'custom');
  const isNarrow = useMediaQuery('(max-width: 36em)') ?? false;
  const preset = isCustom ? 'custom' : value.preset;
  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      <SegmentedControl
        aria-label="Period"
        value={preset}
        onChange={(next) => {
          if (next === 'custom') {
            setCustom(true);
            return;
          }
          setCustom(false);
          onChange({ ...value, preset: next as Exclude<PeriodPreset, 'custom'> }); // one of the options below
        }}
        data={[
          { value: 'month', label: isNarrow ? 'Month' : 'This month' },
          { value: 'quarter', label: 'Quarter' },
          { value: 'year', label: isNarrow ? 'FY' : 'Financial year' },
          { value: 'custom', label: 'Custom' },
        ]}
      />
      {preset === 'custom' ? (
        <Group gap="sm" wrap="nowrap">
          <DateField
            label="From"
            size="xs"
            w={140}
            value={value.from}
            onChange={(v) => v && onChange({ ...value, preset: 'custom', from: v })}
          />
          <DateField
            label="To"
            size="xs"
            w={140}
            value={value.to}
            onChange={(v) => v && onChange({ ...value, preset: 'custom', to: v })}
            error={value.from > value.to ? 'Before the start' : undefined}
          />
        </Group>
      ) : null}
    </Group>
  );
}

/** Downloads the period's vouchers as Tally XML (masters and vouchers), to import into Tally. */
export function TallyExportButton({ period }: { period: Period }) {
  const [isBusy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      // Only the dates: the query is strict, and a picker's value also carries its preset.
      await downloadFile(
        '/accounts/tally-export',
        { from: period.from, to: period.to },
        `tally-${period.from}-${period.to}.xml`,
      );
    } catch (error) {
      notifications.show({ color: 'red', title: 'Tally export failed', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={16} />}
      loading={isBusy}
      disabled={period.from > period.to}
      onClick={() => void run()}
      data-testid="tally-export"
    >
      Download for Tally
    </Button>
  );
}

/** The row above a book screen: the period picker, filters, and the Tally download on the right. */
export function PeriodBar({
  value,
  onChange,
  children,
}: {
  value: PeriodValue;
  onChange: (next: PeriodValue) => void;
  children?: ReactNode;
}) {
  return (
    <Group gap="md" wrap="wrap" align="flex-end" justify="space-between" mb="md">
      <Group gap="md" wrap="wrap" align="flex-end">
        <BookPeriodPicker value={value} onChange={onChange} />
        {children}
      </Group>
      <TallyExportButton period={value} />
    </Group>
  );
}
