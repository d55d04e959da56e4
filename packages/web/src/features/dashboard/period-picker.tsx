import { Group, SegmentedControl, TextInput, useMatches } from '@mantine/core';
import { todayIsoDate } from '../../lib/format';

export type PeriodPreset = 'month' | 'quarter' | 'year' | 'custom';
export interface PeriodValue {
  preset: PeriodPreset;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The dates of a preset around today (business calendar): this month, this financial-year quarter, this FY. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today = todayIsoDate()): PeriodValue {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  if (preset === 'month') return { preset, from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${monthEnd(y, m)}` };
  if (preset === 'quarter') {
    // Financial-year quarters: Apr–Jun, Jul–Sep, Oct–Dec, Jan–Mar.
    const start = m - ((m - 1) % 3);
    const end = start + 2;
    return { preset, from: `${y}-${pad(start)}-01`, to: `${y}-${pad(end)}-${monthEnd(y, end)}` };
  }
  const startYear = m >= 4 ? y : y - 1;
  return { preset, from: `${startYear}-04-01`, to: `${startYear + 1}-03-31` };
}

/** This month / quarter / financial year, or custom dates. */
export function PeriodPicker({ value, onChange }: { value: PeriodValue; onChange: (v: PeriodValue) => void }) {
  const size = useMatches({ base: 'xs', sm: 'sm' });
  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      {/* Shrinks to the screen on a phone instead of pushing the page sideways. */}
      <SegmentedControl
        size={size}
        styles={{ label: { paddingInline: size === 'xs' ? 6 : 10 } }}
        aria-label="Period"
        value={value.preset}
        onChange={(preset) =>
          onChange(preset === 'custom' ? { ...value, preset: 'custom' } : presetPeriod(preset as 'month'))
        }
        data={[
          { value: 'month', label: 'This month' },
          { value: 'quarter', label: 'Quarter' },
          { value: 'year', label: 'Financial year' },
          { value: 'custom', label: 'Custom' },
        ]}
      />
      {value.preset === 'custom' ? (
        <>
          <TextInput
            type="date"
            label="From"
            size="xs"
            value={value.from}
            onChange={(e) => e.currentTarget.value && onChange({ ...value, from: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label="To"
            size="xs"
            value={value.to}
            onChange={(e) => e.currentTarget.value && onChange({ ...value, to: e.currentTarget.value })}
          />
        </>
      ) : null}
    </Group>
  );
}
