import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '@bizdash/domain/errors';
import { IMPORT_LIMITS, limitError } from './import-limits';
import { inflateEntries, invalid } from './xlsx-zip';

/**
 * The first sheet of an XLSX as string cells, read with hard limits instead of exceljs: exceljs inflates every zip
 * entry without a bound and builds an object per cell, which let a 4 MB file inflate to 4 GiB and kill the process.
 * Here the zip's declared sizes are checked before anything is inflated, the entries we need are inflated in small
 * pieces against a running byte budget (a zip can lie about its sizes), and the XML is read with a streaming
 * parser that stops at the first row, column or cell over its limit.
 */
export async function readXlsx(bytes: Buffer, deadline: number): Promise<string[][]> {
  const entries = inflateEntries(bytes);
  const workbook = entries.get('xl/workbook.xml');
  if (!workbook) throw invalid('The workbook cannot be read as XLSX');
  const sheetPath = await firstSheetPath(workbook, entries.get('xl/_rels/workbook.xml.rels'), deadline);
  const sheet = entries.get(sheetPath);
  if (!sheet) throw invalid('The workbook has no sheet');
  const sharedXml = entries.get('xl/sharedStrings.xml');
  const shared = sharedXml ? await readSharedStrings(sharedXml, deadline) : [];
  const stylesXml = entries.get('xl/styles.xml');
  const dateStyles = stylesXml ? await readDateStyles(stylesXml, deadline) : new Set<number>();
  return readSheet(sheet, shared, dateStyles, deadline);
}

/** Characters handed to the XML parser between yields, so a large sheet does not hold the event loop. */
const XML_SLICE = 256 * 1024;

/** Runs a SAX parse in slices, yielding between them and stopping at the parse deadline. */
async function parseXml(xml: string, deadline: number, wire: (parser: SaxesParser) => void): Promise<void> {
  const parser = new SaxesParser();
  wire(parser);
  try {
    for (let at = 0; at < xml.length; at += XML_SLICE) {
      if (Date.now() > deadline) throw limitError('parseMs', null);
      // saxes calls the handlers synchronously, so a limit thrown in one stops the parse here.
      parser.write(xml.slice(at, at + XML_SLICE));
      await yieldToEventLoop();
    }
    parser.close();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid('The workbook cannot be read as XLSX');
  }
}

async function firstSheetPath(workbook: string, rels: string | undefined, deadline: number): Promise<string> {
  let relId: string | null = null;
  await parseXml(workbook, deadline, (p) =>
    p.on('opentag', (tag) => {
      if (relId === null && localName(tag) === 'sheet') relId = attr(tag, 'r:id') ?? attr(tag, 'id');
    }),
  );
  if (relId === null || !rels) return 'xl/worksheets/sheet1.xml';
  let target: string | null = null;
  await parseXml(rels, deadline, (p) =>
    p.on('opentag', (tag) => {
      if (localName(tag) === 'Relationship' && attr(tag, 'Id') === relId) target = attr(tag, 'Target');
    }),
  );
  if (target === null) return 'xl/worksheets/sheet1.xml';
  const t: string = target;
  return t.startsWith('/') ? t.slice(1) : `xl/${t}`;
}

function localName(tag: SaxesTagPlain): string {
  const i = tag.name.indexOf(':');
  return i === -1 ? tag.name : tag.name.slice(i + 1);
}

function attr(tag: SaxesTagPlain, name: string): string | null {
  const value = tag.attributes[name];
  return typeof value === 'string' ? value : null;
}

async function readSharedStrings(xml: string, deadline: number): Promise<string[]> {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false;
  await parseXml(xml, deadline, (p) => {
    p.on('opentag', (tag: SaxesTagPlain) => {
      const name = localName(tag);
      if (name === 'si') current = '';
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && !inPhonetic) inText = true;
    });
    p.on('text', (text: string) => {
      if (!inText || current === null) return;
      current += text;
      if (current.length > IMPORT_LIMITS.cellChars) throw limitError('cellChars', current.length);
    });
    p.on('closetag', (tag) => {
      const name = localName(tag);
      if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si' && current !== null) {
        strings.push(current);
        current = null;
      }
    });
  });
  return strings;
}

/** Excel's built-in number formats that show a date (ECMA-376 18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** The cell style indexes whose number format shows a date, so their serial numbers are read as dates. */
async function readDateStyles(xml: string, deadline: number): Promise<Set<number>> {
  const customDates = new Set<number>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parseXml(xml, deadline, (p) => {
    p.on('opentag', (tag) => {
      const name = localName(tag);
      if (name === 'numFmt') {
        // Quoted text and [colour] sections are not date parts.
        const code = (attr(tag, 'formatCode') ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
        if (/[dmy]/i.test(code)) customDates.add(Number(attr(tag, 'numFmtId')));
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attr(tag, 'numFmtId') ?? 0));
    });
    p.on('closetag', (tag) => {
      if (localName(tag) === 'cellXfs') inCellXfs = false;
    });
  });
  const styles = new Set<number>();
  xfFormats.forEach((id, i) => {
    if (BUILTIN_DATE_FORMATS.has(id) || customDates.has(id)) styles.add(i);
  });
  return styles;
}

/** "BC12" → 54 (0-based), or -1 when the reference has no column letters. */
function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
    // Past three letters no sheet is this wide; stop before the number grows.
    if (n > 16_384) return n;
  }
  return i === 0 ? -1 : n - 1;
}

/** Days from 1899-12-30, Excel's 1900 date system (which keeps Lotus's false 29-02-1900). */
function serialToIsoDate(serial: number): string {
  const ms = Math.round((serial - 25_569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

async function readSheet(
  xml: string,
  shared: readonly string[],
  dateStyles: ReadonlySet<number>,
  deadline: number,
): Promise<string[][]> {
  const rows: string[][] = [];
  let row: string[] | null = null;
  let cell: { column: number; type: string; style: number; text: string } | null = null;
  let inValue = false;
  await parseXml(xml, deadline, (p) => {
    p.on('opentag', (tag: SaxesTagPlain) => {
      const name = localName(tag);
      if (name === 'row') {
        // The heading row plus the data rows.
        if (rows.length > IMPORT_LIMITS.rows) throw limitError('rows', rows.length);
        row = [];
      } else if (name === 'c' && row) {
        const ref = attr(tag, 'r');
        const column = ref === null ? row.length : columnIndex(ref);
        if (column >= IMPORT_LIMITS.columns) throw limitError('columns', column + 1);
        cell = {
          column: Math.max(column, 0),
          type: attr(tag, 't') ?? 'n',
          style: Number(attr(tag, 's') ?? 0),
          text: '',
        };
      } else if (cell && (name === 'v' || name === 't')) inValue = true;
    });
    p.on('text', (text: string) => {
      if (!inValue || !cell) return;
      cell.text += text;
      if (cell.text.length > IMPORT_LIMITS.cellChars) throw limitError('cellChars', cell.text.length);
    });
    p.on('closetag', (tag: SaxesTagPlain) => {
      const name = localName(tag);
      if (name === 'v' || name === 't') inValue = false;
      else if (name === 'c' && row && cell) {
        const value = cellValue(cell, shared, dateStyles);
        while (row.length < cell.column) row.push('');
        row[cell.column] = value;
        cell = null;
      } else if (name === 'row' && row) {
        rows.push(row);
        row = null;
      }
    });
  });
  return rows;
}

function cellValue(
  cell: { type: string; style: number; text: string },
  shared: readonly string[],
  dateStyles: ReadonlySet<number>,
): string {
  switch (cell.type) {
    case 's': {
      const value = shared[Number(cell.text)];
      if (value === undefined) throw invalid('The workbook cannot be read as XLSX');
      return value;
    }
    case 'b':
      return cell.text === '1' ? 'true' : 'false';
    case 'e':
      return '';
    case 'd':
      return cell.text.slice(0, 10);
    case 'str':
    case 'inlineStr':
      return cell.text;
    default: {
      if (cell.text === '') return '';
      const n = Number(cell.text);
      if (!Number.isFinite(n)) return cell.text;
      return dateStyles.has(cell.style) ? serialToIsoDate(n) : String(n);
    }
  }
}
