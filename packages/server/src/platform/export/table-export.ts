import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { ExportFormat } from '@bizdash/contracts/imports';

export interface ExportColumn<R> {
  header: string;
  /** Money comes as its decimal string and is written as a number in XLSX, as text in CSV. */
  kind?: 'text' | 'money' | 'number';
  value: (row: R) => string | number | boolean | null | undefined;
  width?: number;
}

export interface ExportSpec<R> {
  format: ExportFormat;
  /** Without extension; the date is added. */
  fileName: string;
  sheetName?: string;
  columns: readonly ExportColumn<R>[];
  rows: AsyncIterable<readonly R[]>;
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
      page.map((row) => spec.columns.map((c) => csvSafeCell(cell(c, row), c.kind === 'money' || c.kind === 'number'))),
    );
  }
}

async function writeXlsx<R>(spec: ExportSpec<R>, out: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(spec.sheetName ?? 'Export', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(12, Math.min(40, c.header.length + 4)),
    style: c.kind === 'money' ? { numFmt: '#,##,##0.00' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const page of spec.rows) {
    for (const row of page) {
      sheet
        .addRow(
          spec.columns.map((c) => {
            const value = cell(c, row);
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

/** Streams a list as CSV or XLSX. */
export function sendExport<R>(reply: FastifyReply, spec: ExportSpec<R>, today: string): FastifyReply {
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
