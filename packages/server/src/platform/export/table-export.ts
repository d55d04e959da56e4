import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { loadExcelJs } from './exceljs';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { ExportFormat } from '@bizdash/contracts/imports';
import { fieldClassAt, hideUnreadable, type CanReadField } from '@bizdash/contracts/visibility';
import { DEFAULT_TIMEZONE, dateInZone } from '@bizdash/domain/dates';
import { canReadField, type FieldClass } from '@bizdash/domain/permissions';

export interface ExportColumn<R> {
  header: string;
  /**
   * Money comes as its decimal string and is written as a number in XLSX, as text in CSV. A money column without a
   * `field` is of the field class `money`.
   */
  kind?: 'text' | 'money' | 'number' | 'date' | 'instant' | 'month';
  /**
   * A `date` column gives a calendar date (yyyy-mm-dd), an `instant` column an ISO timestamp, shown as its date in
   * the business's time zone (an order created 21:49 UTC on 5 Dec is 6 Dec in India). Both are written dd-mm-yyyy:
   * as text in CSV, as real date cells (number format dd-mm-yyyy) in XLSX, so sorting and date filters work.
   * A `month` column gives yyyy-mm and is written Apr-2026 (a date cell of the 1st, format mmm-yyyy); other text in
   * it (a quarter, "Total") passes through.
   */
  value: (row: R) => string | number | boolean | null | undefined;
  width?: number;
  /** The row field shown (dotted path in the row schema): its field class decides who gets the column. */
  field?: string;
}

export interface ExportSpec<R> {
  format: ExportFormat;
  /** Without extension; the date is added. */
  fileName: string;
  sheetName?: string;
  columns: readonly ExportColumn<R>[];
  rows: AsyncIterable<readonly R[]>;
  /**
   * The contract of a row (the list's item schema): each row is filtered by it as the JSON answer is, so a column
   * reading a field the caller may not read shows nothing even when the column itself is not classed.
   */
  rowSchema: z.core.$ZodType;
  /** The business's time zone, for `instant` columns; Asia/Kolkata when not given. */
  timeZone?: string;
}

/** The field class of an export column: its field's class in the row schema, else `money` for a money column. */
export function columnClass<R>(column: ExportColumn<R>, rowSchema: z.core.$ZodType): FieldClass | null {
  if (column.field !== undefined) return fieldClassAt(rowSchema, column.field.split('.'));
  return column.kind === 'money' ? 'money' : null;
}

async function* hiddenRows<R>(
  rows: AsyncIterable<readonly R[]>,
  rowSchema: z.core.$ZodType,
  canRead: CanReadField,
): AsyncIterable<readonly R[]> {
  for await (const page of rows) yield page.map((row) => hideUnreadable(rowSchema, row, canRead));
}

/**
 * The export as a reader may see it (issue 16): columns of a class they may not read are left out (an empty "Fees"
 * column would read as "no fee"), and every row is filtered by its schema like a JSON answer.
 */
export function visibleExport<R>(spec: ExportSpec<R>, canRead: CanReadField): ExportSpec<R> {
  return {
    ...spec,
    columns: spec.columns.filter((column) => {
      const fieldClass = columnClass(column, spec.rowSchema);
      return fieldClass === null || canRead(fieldClass);
    }),
    rows: hiddenRows(spec.rows, spec.rowSchema, canRead),
  };
}

const PAGE = 1000;

/**
 * Walks a paginated list a page at a time, so an export of 100,000 rows never holds more than one page: the same
 * query, filters and order as the screen, just larger pages.
 */
export async function* pagesOf<R>(
  fetchPage: (page: number, pageSize: number) => Promise<{ items: readonly R[] }>,
): AsyncIterable<readonly R[]> {
  for (let page = 1; ; page++) {
    const { items } = await fetchPage(page, PAGE);
    if (items.length > 0) yield items;
    if (items.length < PAGE) return;
  }
}

function cell<R>(column: ExportColumn<R>, row: R): string | number | boolean | null {
  const value = column.value(row);
  if (value === undefined || value === null) return null;
  return value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date (yyyy-mm-dd) of a date or instant cell; null when the cell is empty or not a date. */
export function businessDateOf(
  kind: ExportColumn<unknown>['kind'],
  value: string | number | boolean | null,
  timeZone: string = DEFAULT_TIMEZONE,
): string | null {
  if (typeof value !== 'string' || value === '') return null;
  if (kind === 'date') return ISO_DATE.test(value.slice(0, 10)) ? value.slice(0, 10) : null;
  if (kind === 'month') return /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : dateInZone(instant, timeZone);
}

/** dd-mm-yyyy, the way Indian businesses write dates (and the app shows them). */
export function ddmmyyyy(isoDate: string): string {
  const [, y, m, d] = ISO_DATE.exec(isoDate) ?? [];
  return y ? `${d}-${m}-${y}` : isoDate;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Apr-2026 for the month of a yyyy-mm-dd date. */
export function monthLabel(isoDate: string): string {
  return `${MONTHS[Number(isoDate.slice(5, 7)) - 1] ?? isoDate.slice(5, 7)}-${isoDate.slice(0, 4)}`;
}

const isDateKind = (kind: ExportColumn<unknown>['kind']) => kind === 'date' || kind === 'instant' || kind === 'month';

/** A CSV date cell: dd-mm-yyyy text; anything unparseable is passed through as it came. */
function csvCell<R>(column: ExportColumn<R>, row: R, timeZone: string | undefined): string | number | boolean | null {
  const value = cell(column, row);
  if (!isDateKind(column.kind)) return value;
  const date = businessDateOf(column.kind, value, timeZone);
  if (date === null) return value;
  return column.kind === 'month' ? monthLabel(date) : ddmmyyyy(date);
}

/** The number format of XLSX date cells: dd-mm-yyyy, as the app and Indian businesses write dates. */
export const XLSX_DATE_FORMAT = 'dd-mm-yyyy';

/**
 * The XLSX cell value of a business day (yyyy-mm-dd, or a longer form PostgreSQL may hand back): a Date at UTC
 * midnight of that day. ExcelJS writes a Date as its UTC serial, so the spreadsheet shows that calendar day whatever
 * the zone of the server or of the person opening it. Null when the value is empty or not a date. Every workbook
 * (list exports, statements, ledgers) writes its dates through this, in a cell formatted `XLSX_DATE_FORMAT`.
 */
export function xlsxDateCell(isoDate: string | null | undefined): Date | null {
  const date = isoDate?.slice(0, 10);
  return date !== undefined && ISO_DATE.test(date) ? new Date(`${date}T00:00:00Z`) : null;
}

/** An export's date, instant or month cell as an XLSX date cell; anything unparseable is passed through. */
function xlsxDate(kind: ExportColumn<unknown>['kind'], value: string | number | boolean | null, timeZone?: string) {
  return xlsxDateCell(businessDateOf(kind, value, timeZone)) ?? value;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A CSV cell a spreadsheet will not run as a formula (OWASP "CSV injection"): text that begins with =, +, -, @, tab
 * or carriage return gets a leading apostrophe, which Excel and LibreOffice show as text. Numbers in number and
 * money columns stay numbers (a negative balance is "-100.00", not a formula). XLSX cells are typed and need none.
 */
export function csvSafeCell(value: string | number | boolean | null, numeric = false): string | number | boolean {
  if (value === null) return '';
  if (typeof value !== 'string') return value;
  if (numeric && NUMBER.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

async function* csvChunks<R>(spec: ExportSpec<R>): AsyncIterable<string> {
  // A byte-order mark makes Excel read the file as UTF-8 (₹ and Indian names survive a double click).
  yield '\uFEFF' + stringify([spec.columns.map((c) => csvSafeCell(c.header))]);
  for await (const page of spec.rows) {
    yield stringify(
      page.map((row) =>
        spec.columns.map((c) => csvSafeCell(csvCell(c, row, spec.timeZone), c.kind === 'money' || c.kind === 'number')),
      ),
    );
  }
}

async function writeXlsx<R>(spec: ExportSpec<R>, out: PassThrough): Promise<void> {
  const workbook = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(spec.sheetName ?? 'Export', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(12, Math.min(40, c.header.length + 4)),
    style:
      c.kind === 'money'
        ? { numFmt: '#,##,##0.00' }
        : c.kind === 'month'
          ? { numFmt: 'mmm-yyyy' }
          : isDateKind(c.kind)
            ? { numFmt: XLSX_DATE_FORMAT }
            : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const page of spec.rows) {
    for (const row of page) {
      sheet
        .addRow(
          spec.columns.map((c) => {
            const value = cell(c, row);
            if (isDateKind(c.kind)) return xlsxDate(c.kind, value, spec.timeZone);
            // Display conversion at the very edge: the decimal string is exact, the spreadsheet holds a double.
            return c.kind === 'money' && typeof value === 'string' ? Number(value) : value;
          }),
        )
        .commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}

/** Streams a list as CSV or XLSX, with only the columns and fields the caller's role may read. */
export function sendExport<R>(reply: FastifyReply, allColumns: ExportSpec<R>, today: string): FastifyReply {
  const role = reply.request.ctx.actor.role;
  const spec = visibleExport(allColumns, (fieldClass) => canReadField(role, fieldClass));
  const name = `${spec.fileName}-${today}.${spec.format}`;
  reply.header('content-disposition', `attachment; filename="${name}"`);
  if (spec.format === 'csv') {
    reply.type('text/csv; charset=utf-8');
    return reply.send(Readable.from(csvChunks(spec)));
  }
  reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const out = new PassThrough();
  writeXlsx(spec, out).catch((error: unknown) =>
    out.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return reply.send(out);
}
