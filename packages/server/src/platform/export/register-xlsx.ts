import { PassThrough } from 'node:stream';
import { loadExcelJs } from './exceljs';
import { XLSX_DATE_FORMAT, xlsxDateCell } from './table-export';
import { toMoneyString } from '@bizdash/domain/money';

/** Excel number format with Indian digit grouping (1,23,45,678.00). */
export const INDIAN_MONEY_FORMAT = '[>=10000000]##\\,##\\,##\\,##0.00;[>=100000]##\\,##\\,##0.00;##,##0.00';

export interface RegisterColumn<Row> {
  header: string;
  width: number;
  /** Money columns hold paise; they are written as rupees with the Indian format and totalled exactly. */
  money?: boolean;
  /** Date columns give yyyy-mm-dd; they are written as date cells shown dd-mm-yyyy, so Excel sorts and filters them. */
  date?: boolean;
  value: (row: Row) => string | number | null;
}

/**
 * Streams a register (one row per document) into an XLSX workbook: rows arrive in pages from `pages`, so a year of
 * documents is never held at once. A last row carries the money totals, summed in paise.
 */
export async function registerWorkbook<Row>(
  title: string,
  columns: readonly RegisterColumn<Row>[],
  pages: AsyncIterable<Row[]>,
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    ...(c.money ? { style: { numFmt: INDIAN_MONEY_FORMAT } } : c.date ? { style: { numFmt: XLSX_DATE_FORMAT } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const totals = columns.map(() => 0);
  for await (const page of pages) {
    for (const row of page) {
      const values = columns.map((c, i) => {
        const v = c.value(row);
        if (c.money && typeof v === 'number') {
          totals[i] = (totals[i] ?? 0) + v;
          return Number(toMoneyString(v));
        }
        if (c.date && typeof v === 'string') return xlsxDateCell(v) ?? v;
        return v ?? '';
      });
      ws.addRow(values).commit();
    }
  }
  const totalRow = ws.addRow(
    columns.map((c, i) => (c.money ? Number(toMoneyString(totals[i] ?? 0)) : i === 0 ? 'Total' : '')),
  );
  totalRow.font = { bold: true };
  totalRow.commit();
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
