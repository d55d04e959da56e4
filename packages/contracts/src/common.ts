import { z } from 'zod';
import { ERROR_CODES } from './errors';
import { classified } from './visibility';

/**
 * Money in JSON: a decimal string with up to two places, such as "1234.50". Of the field class `money` (issue 16):
 * hidden from roles that cannot read money wherever it appears in an answer or an export, so its fields must be
 * nullable (or optional) in response schemas. An amount that is not the firm's money opts out with `unclassified`.
 */
export const MoneyString = classified(
  'money',
  z.string().regex(/^-?\d{1,13}(\.\d{1,2})?$/, 'must be a decimal amount with at most two decimals, such as "1234.50"'),
);

/** A calendar date as yyyy-mm-dd (the wire format; the UI shows dd-mm-yyyy). */
/** True for a real calendar day (no 31 April, no 29 February outside leap years). */
function isCalendarDay(text: string): boolean {
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/**
 * A calendar date as yyyy-mm-dd (the wire format; the UI shows dd-mm-yyyy): a real day between 1900 and 2099, so a
 * typo such as 2026-13-45 or 1899-01-01 is a 400 naming the field, not a 500 or a record in the wrong century.
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as yyyy-mm-dd')
  .refine((text) => isCalendarDay(text), 'is not a real calendar date')
  .refine((text) => text >= '1900-01-01' && text <= '2099-12-31', 'must be between 1900 and 2099');

/** An instant in UTC, ISO 8601. */
export const Timestamp = z.string().describe('ISO 8601 instant in UTC');

/**
 * A record id: a whole number, or its plain decimal text in a path or query. Coercion would read "0x1", " 1", "1e0"
 * and `true` as 1 (issue 16); an id is exactly a positive safe integer.
 */
export const Id = z.union([
  z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'must be a whole number such as 42')
    .transform(Number),
]);
export const IdParams = z.object({ id: Id });

/**
 * A whole number between min and max: a JSON number, or its plain decimal text in a query or path. Unlike
 * `z.coerce.number()` it refuses `true` (which coerces to 1), "0x10", " 5" and "1e3" with a 400 naming the field.
 */
export function WholeNumber(min: number, max: number) {
  const bounded = z.number().int().min(min).max(max);
  return z.union([
    bounded,
    z
      .string()
      .regex(/^-?[0-9]{1,15}$/, 'must be a whole number such as 42')
      .transform(Number)
      .pipe(bounded),
  ]);
}

export const PageQuery = z.object({
  page: WholeNumber(1, 1_000_000).default(1),
  pageSize: WholeNumber(1, 200).default(50),
});

/** A page of a list with its total, for lists whose size a user wants to see. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** RFC 9457 problem details, with BizDash's stable `code`. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.enum(ERROR_CODES),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Ok = z.object({ ok: z.literal(true) });
