/**
 * The one place the web app turns values into text: rupee amounts, Indian-grouped numbers, dd-mm-yyyy dates and
 * times in India Standard Time. Components never format money or dates themselves.
 *
 * Every formatter returns PLACEHOLDER ("—") for null, undefined or malformed input instead of throwing, so one bad
 * value never takes down a whole table.
 */
import { formatMoney, groupIndianDigits, tryParseMoney } from '@bizdash/domain/money';
import { findState } from '@bizdash/domain/states';

/** What a formatter shows when there is nothing (or nothing valid) to show. */
export const PLACEHOLDER = '—';

/** The business timezone. Dates and times are shown here unless a caller passes another IANA zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Kolkata';

type Maybe<T> = T | null | undefined;

export interface AmountOptions {
  /** Prefix with "₹". Default true. */
  symbol?: boolean;
}

/**
 * A decimal money string from the API ("123456.00", "-12.5") as Indian rupees: "₹1,23,456.00", "-₹12.50".
 * Parsed to integer paise first, never through a float.
 */
export function formatAmount(value: Maybe<string>, options: AmountOptions = {}): string {
  if (typeof value !== 'string') return PLACEHOLDER;
  const paise = tryParseMoney(value);
  if (paise === null) return PLACEHOLDER;
  return formatMoney(paise, { symbol: options.symbol ?? true });
}

/** An integer number of paise as Indian rupees: 12345600 → "₹1,23,456.00". */
export function formatPaise(paise: Maybe<number>, options: AmountOptions = {}): string {
  if (typeof paise !== 'number' || !Number.isSafeInteger(paise)) return PLACEHOLDER;
  return formatMoney(paise, { symbol: options.symbol ?? true });
}

const NUMBER_RE = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * A count or plain number with Indian digit grouping: 1234567 → "12,34,567", "-98765.5" → "-98,765.5".
 * Accepts safe integers, finite numbers and decimal strings (strings keep their digits exactly).
 */
export function formatNumber(value: Maybe<number | string | bigint>): string {
  if (value === null || value === undefined) return PLACEHOLDER;
  let text: string;
  if (typeof value === 'bigint') text = value.toString();
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return PLACEHOLDER;
    // Numbers are display-only here (counts, quantities); large or fractional ones keep JS's shortest form.
    text = Number.isInteger(value) ? value.toFixed(0) : String(value);
    if (text.includes('e')) return PLACEHOLDER;
  } else text = value.trim();
  const match = NUMBER_RE.exec(text);
  if (!match) return PLACEHOLDER;
  const [, sign, whole = '0', fraction] = match;
  const grouped = groupIndianDigits(whole.replace(/^0+(?=\d)/, ''));
  const isZero = /^0+$/.test(whole) && (fraction === undefined || /^0*$/.test(fraction));
  return `${sign && !isZero ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * A chart axis tick in rupees, short enough for an axis: "₹4.8 Cr", "₹45 L", "₹12,000". Display only (the chart
 * already holds the plotted number); amounts people read in full use formatAmount.
 */
export function formatRupeesShort(rupees: number): string {
  if (!Number.isFinite(rupees)) return PLACEHOLDER;
  const sign = rupees < 0 ? '-' : '';
  const abs = Math.abs(rupees);
  const short = (value: number, unit: string) => {
    const text = value >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
    return `${sign}₹${formatNumber(text)} ${unit}`;
  };
  if (abs >= 1e7) return short(abs / 1e7, 'Cr');
  if (abs >= 1e5) return short(abs / 1e5, 'L');
  return `${sign}₹${formatNumber(Math.round(abs))}`;
}

/**
 * A tick formatter for one rupee chart axis: every tick in the same unit, chosen from the largest value on the axis
 * ("₹0 L, ₹0.5 L, ₹1 L, ₹1.5 L", never "₹90,000" beside "₹1.8 L"). Below ₹1 lakh the unit is thousands ("₹45 K")
 * and below ₹1,000 plain rupees.
 */
export function rupeeAxisFormatter(values: readonly number[]): (rupees: number) => string {
  const max = Math.max(0, ...values.filter(Number.isFinite).map(Math.abs));
  const [divisor, unit] = max >= 1e7 ? [1e7, ' Cr'] : max >= 1e5 ? [1e5, ' L'] : max >= 1e3 ? [1e3, ' K'] : [1, ''];
  return (rupees: number) => {
    if (!Number.isFinite(rupees)) return PLACEHOLDER;
    const sign = rupees < 0 ? '-' : '';
    const scaled = Math.abs(rupees) / divisor;
    // Up to two decimals, trailing zeros dropped: 1.25 L, 1.5 L, 2 L.
    const text = scaled >= 100 || divisor === 1 ? scaled.toFixed(0) : String(Number(scaled.toFixed(2)));
    return `${sign}₹${formatNumber(text)}${unit}`;
  };
}

/** "1 user", "2 users", "1,250 invoices". */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface DateParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a real calendar date written as yyyy-mm-dd (rejects 2024-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE_RE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

function toInstant(value: string | Date | number): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function zonedParts(instant: Date, timeZone: string): DateParts | null {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = partsFormatter(timeZone).formatToParts(instant);
  } catch {
    return null; // unknown timezone name
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: get('year').padStart(4, '0'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/**
 * A date as dd-mm-yyyy. A calendar date ("2025-03-31") is shown as is, with no timezone shift; an instant
 * ("2025-03-31T20:00:00Z", a Date or epoch milliseconds) is first converted to `timeZone` (IST by default), so
 * 20:00 UTC on the 31st shows as 01-04-2025.
 */
export function formatDate(value: Maybe<string | Date | number>, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (value === null || value === undefined || value === '') return PLACEHOLDER;
  if (typeof value === 'string' && ISO_DATE_RE.test(value)) {
    if (!isIsoDate(value)) return PLACEHOLDER;
    const [y, m, d] = value.split('-');
    return `${d}-${m}-${y}`;
  }
  const instant = toInstant(value);
  if (!instant) return PLACEHOLDER;
  const p = zonedParts(instant, timeZone);
  return p ? `${p.day}-${p.month}-${p.year}` : PLACEHOLDER;
}

export interface DateTimeOptions {
  /** Include seconds: "dd-mm-yyyy HH:mm:ss". Default false. */
  seconds?: boolean;
  /** IANA timezone. Default Asia/Kolkata. */
  timeZone?: string;
}

/** An instant as "dd-mm-yyyy HH:mm" (24-hour) in IST, or another zone when asked. */
export function formatDateTime(value: Maybe<string | Date | number>, options: DateTimeOptions = {}): string {
  if (value === null || value === undefined || value === '') return PLACEHOLDER;
  if (typeof value === 'string' && ISO_DATE_RE.test(value)) return PLACEHOLDER; // a date has no time of day
  const instant = toInstant(value);
  if (!instant) return PLACEHOLDER;
  const p = zonedParts(instant, options.timeZone ?? DEFAULT_TIME_ZONE);
  if (!p) return PLACEHOLDER;
  const time = options.seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${p.day}-${p.month}-${p.year} ${time}`;
}

/** Today's calendar date in the business timezone, as yyyy-mm-dd (the wire format). */
export function todayIsoDate(now: Date = new Date(), timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(now, timeZone);
  if (!p) throw new RangeError(`unknown timezone: ${timeZone}`);
  return `${p.year}-${p.month}-${p.day}`;
}

const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

let relativeFormatter: Intl.RelativeTimeFormat | undefined;

/**
 * How long ago (or until) an instant is, in words: "just now", "5 minutes ago", "yesterday", "in 2 hours".
 * Pair it with formatDateTime in a tooltip; relative text alone is not a record.
 */
export function formatRelativeTime(value: Maybe<string | Date | number>, now: Date | number = Date.now()): string {
  if (value === null || value === undefined || value === '') return PLACEHOLDER;
  const instant = toInstant(value);
  if (!instant) return PLACEHOLDER;
  const nowMs = typeof now === 'number' ? now : now.getTime();
  let delta = (instant.getTime() - nowMs) / 1000;
  if (Math.abs(delta) < 45) return 'just now';
  relativeFormatter ??= new Intl.RelativeTimeFormat('en-IN', { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    const rounded = Math.round(delta);
    if (Math.abs(rounded) < size) return relativeFormatter.format(rounded, unit);
    delta /= size;
  }
  return PLACEHOLDER;
}

/** A file size for people: 512 B, 12.4 KB, 3.1 MB (binary units, one decimal). */
export function formatFileSize(bytes: Maybe<number>): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return PLACEHOLDER;
  if (bytes < 1024) return `${formatNumber(Math.round(bytes))} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${formatNumber((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A month "2026-11" (or a date in it) as "November 2026", the way GST return periods are named. */
export function formatMonth(value: Maybe<string>): string {
  if (typeof value !== 'string') return PLACEHOLDER;
  const match = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(value.trim());
  const name = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : PLACEHOLDER;
}

/** A GST state code with its name ("29 · Karnataka"); an unknown code as it is, nothing for none. */
export function stateName(code: string | null | undefined): string {
  if (!code) return '';
  const state = findState(code);
  return state ? `${code} · ${state.name}` : code;
}
