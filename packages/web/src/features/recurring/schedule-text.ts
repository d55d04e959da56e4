import type { RecurringFrequency } from '@bizdash/contracts/recurring';

export const FREQUENCY_LABELS: Record<RecurringFrequency, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  yearly: 'Yearly',
};

function ordinal(n: number): string {
  const rem = n % 100;
  if (rem >= 11 && rem <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** "Monthly on the 31st (or the month's last day)". */
export function scheduleText(frequency: RecurringFrequency, dayOfMonth: number): string {
  const day = dayOfMonth > 28 ? `${ordinal(dayOfMonth)} (or the month's last day)` : ordinal(dayOfMonth);
  return `${FREQUENCY_LABELS[frequency]} on the ${day}`;
}
