import { finished } from 'node:stream/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppError } from '@bizdash/domain/errors';
import { IMPORT_LIMITS, limitError } from './import-limits';
import { readXlsx } from './read-xlsx';

export interface Table {
  headers: string[];
  rows: string[][];
}

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
  // The route's body limit refuses larger bodies first; this keeps the service safe when called directly.
  if (bytes.length > IMPORT_LIMITS.uploadBytes) throw limitError('uploadBytes', bytes.length);
  const deadline = Date.now() + IMPORT_LIMITS.parseMs;
  const [headers = [], ...allRows] = isZip(bytes)
    ? await readXlsx(bytes, deadline)
    : await parseCsvText(bytes, deadline);
  const table = { headers, rows: allRows };
  const rows = table.rows.filter((r) => r.some((cell) => cell.trim() !== ''));
  if (table.headers.every((h) => h.trim() === '')) {
    throw new AppError('IMPORT_INVALID', 'The file has no heading row', { field: 'file' });
  }
  if (rows.length === 0) throw new AppError('IMPORT_INVALID', 'The file has no data rows', { field: 'file' });
  if (rows.length > IMPORT_LIMITS.rows) throw limitError('rows', rows.length);
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

/** Characters handed to csv-parse between yields: about 20 ms of parsing, so other requests are not held up. */
const CSV_SLICE = 256 * 1024;

/**
 * The same limits as an XLSX: the upload limit bounds the text, these bound the shape csv-parse builds from it.
 * Parsed in slices with a yield between them, stopping at the first record over a limit.
 */
async function parseCsvText(bytes: Buffer, deadline: number): Promise<string[][]> {
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
  const records: string[][] = [];
  let failure: unknown = null;
  // csv-parse is loaded by the first import, not at start-up (issue 21: idle memory).
  const { parse: parseCsv } = await import('csv-parse');
  const parser = parseCsv({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true });
  parser.on('data', (record: string[]) => {
    if (failure) return;
    // The heading plus the data rows.
    if (records.length > IMPORT_LIMITS.rows) failure = limitError('rows', records.length);
    else if (record.length > IMPORT_LIMITS.columns) failure = limitError('columns', record.length);
    else {
      const long = record.find((cell) => cell.length > IMPORT_LIMITS.cellChars);
      if (long === undefined) records.push(record);
      else failure = limitError('cellChars', long.length);
    }
  });
  parser.on('error', (error) => {
    failure ??= error;
  });
  for (let at = 0; at < text.length && !failure; at += CSV_SLICE) {
    if (Date.now() > deadline) failure = limitError('parseMs', null);
    else {
      parser.write(text.slice(at, at + CSV_SLICE));
      await yieldToEventLoop();
    }
  }
  if (!failure) {
    parser.end();
    await finished(parser).catch((error: unknown) => {
      failure ??= error;
    });
  } else parser.destroy();
  if (failure instanceof AppError) throw failure;
  if (failure) {
    const message = failure instanceof Error ? failure.message : String(failure);
    throw new AppError('IMPORT_INVALID', `The CSV cannot be read: ${message}`, { field: 'file' });
  }
  return records;
}
