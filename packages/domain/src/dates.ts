/** The business's calendar: Indian firms book by the date in Asia/Kolkata, whatever the server's zone. */
export const DEFAULT_TIMEZONE = 'Asia/Kolkata';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (yyyy-mm-dd) of an instant in a time zone. */
export function dateInZone(instant: Date, timeZone: string = DEFAULT_TIMEZONE): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as yyyy-mm-dd.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}
