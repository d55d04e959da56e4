import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';

/** "5-11-2026" or "05-11-2026" (as shown) or "2026-11-05" → "2026-11-05". */
export function parseTypedDate(text: string): string | null {
  const value = text.trim();
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

/** A date typed or picked as dd-mm-yyyy; the value is the API's yyyy-mm-dd string. */
export function DateField({
  value,
  onChange,
  ...props
}: Omit<DateInputProps, 'value' | 'onChange'> & { value: string | null; onChange: (value: string | null) => void }) {
  return (
    <DateInput
      valueFormat="DD-MM-YYYY"
      placeholder="dd-mm-yyyy"
      dateParser={parseTypedDate}
      value={value}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
      leftSection={<IconCalendar size={16} />}
      popoverProps={{ withinPortal: true }}
      classNames={{ input: 'num' }}
      {...props}
    />
  );
}
