import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '@bizdash/domain/errors';

export interface Table {
  headers: string[];
  rows: string[][];
}

/** Past this, an import is split by the user: one transaction of 50,000 rows is the most we stage. */
export const MAX_IMPORT_ROWS = 50_000;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function isZip(bytes: Buffer): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Reads a CSV or an XLSX file into a heading row and string cells. The format is taken from the bytes (an XLSX is
 * a ZIP), never from the name. CSV may be comma, semicolon or tab separated (Excel in many locales writes
 * semicolons) and may carry a UTF-8 byte-order mark.
 */
export async function parseTable(bytes: Buffer): Promise<Table> {
  const table = isZip(bytes) ? await parseXlsx(bytes) : parseCsvText(bytes);
  const rows = table.rows.filter((r) => r.some((cell) => cell.trim() !== ''));
  if (table.headers.every((h) => h.trim() === '')) {
    throw new AppError('IMPORT_INVALID', 'The file has no heading row', { field: 'file' });
  }
  if (rows.length === 0) throw new AppError('IMPORT_INVALID', 'The file has no data rows', { field: 'file' });
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError(
      'IMPORT_INVALID',
      `The file has ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`,
      { field: 'file', rowCount: rows.length },
    );
  }
  const width = table.headers.length;
  return {
    headers: table.headers.map((h) => h.trim()),
    rows: rows.map((r) => Array.from({ length: width }, (_, i) => unescapeCell((r[i] ?? '').trim()))),
  };
}

/**
 * Our CSV exports put an apostrophe before a cell that a spreadsheet would run as a formula (+91 phones, negative
 * text); it is taken off again here, so an export imports back unchanged.
 */
function unescapeCell(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

function parseCsvText(bytes: Buffer): Table {
  const text = bytes.toString('utf8');
  if (text.includes('\u0000')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The file is neither CSV text nor an XLSX workbook', {
      field: 'file',
    });
  }
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  let records: string[][];
  try {
    records = parseCsv(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('IMPORT_INVALID', `The CSV cannot be read: ${message}`, { field: 'file' });
  }
  const [headers = [], ...rows] = records;
  return { headers, rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

async function parseXlsx(bytes: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_INVALID', 'The workbook cannot be read as XLSX', { field: 'file' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_INVALID', 'The workbook has no sheet', { field: 'file' });
  const out: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    // row.values is 1-based with a hole at 0.
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    for (let i = 0; i < values.length; i++) cells.push(cellText(values[i] as ExcelJS.CellValue));
    out.push(cells);
  });
  const [headers = [], ...rows] = out;
  return { headers, rows };
}
