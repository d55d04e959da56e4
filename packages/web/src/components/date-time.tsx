import { Tooltip } from '@mantine/core';
import { PLACEHOLDER, formatDate, formatDateTime, formatRelativeTime } from '../lib/format';

interface DateTimeProps {
  value: string | null | undefined;
  seconds?: boolean;
  /** Show only dd-mm-yyyy. */
  dateOnly?: boolean;
  /** Show "5 minutes ago" with the exact time in a tooltip. */
  relative?: boolean;
}

/** An instant shown in IST through lib/format, with the exact time one hover away. */
export function DateTime({ value, seconds = false, dateOnly = false, relative = false }: DateTimeProps) {
  const exact = formatDateTime(value, { seconds: true });
  if (exact === PLACEHOLDER) return <span className="num">{PLACEHOLDER}</span>;
  const text = relative ? formatRelativeTime(value) : dateOnly ? formatDate(value) : formatDateTime(value, { seconds });
  return (
    <Tooltip label={`${exact} IST`}>
      <time className="num" dateTime={value ?? undefined}>
        {text}
      </time>
    </Tooltip>
  );
}
