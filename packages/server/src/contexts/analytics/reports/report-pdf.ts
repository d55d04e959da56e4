import type { Report, ReportColumn } from '@bizdash/contracts/reports';
import { formatMoney, parseMoney } from '@bizdash/domain/money';
import { dateInZone } from '@bizdash/domain/dates';
import {
  displayDate,
  drawFooter,
  drawTableHeader,
  drawTableRow,
  type Cell,
  type Column,
} from '../../../platform/pdf/blocks';
import {
  addPage,
  CONTENT_WIDTH,
  createPdf,
  finishPdf,
  PAGE,
  textBox,
  COLORS,
} from '../../../platform/pdf/pdf-document';

const ROW_HEIGHT = 15;
const TOP = PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 16;

/** A report cell as printed: money with Indian grouping (₹ in the heading), dates dd-mm-yyyy, percent with %. */
export function printedCell(column: ReportColumn, value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (column.kind === 'money') return formatMoney(parseMoney(String(value)), { symbol: false });
  if (column.kind === 'date') return displayDate(String(value));
  if (column.kind === 'percent') return `${String(value)}%`;
  return String(value);
}

function layout(columns: readonly ReportColumn[]): Column[] {
  const first = Math.max(110, CONTENT_WIDTH - (columns.length - 1) * 70);
  const rest = columns.length > 1 ? (CONTENT_WIDTH - first) / (columns.length - 1) : 0;
  return columns.map((c, i) => ({
    title: c.label,
    ...(c.kind === 'money' ? { subtitle: '₹' } : {}),
    width: i === 0 ? first : rest,
    align: c.kind === 'text' || c.kind === 'date' ? 'left' : 'right',
  }));
}

/** The report as an A4 PDF: title, period and note on page 1, the table across pages, totals at the end. */
export async function renderReportPdf(
  report: Report,
  businessName: string,
  generatedAt: Date,
  timeZone?: string,
): Promise<Buffer> {
  // The day the reader sees on the calendar where the business is, not the server's UTC date (issue 18).
  const generatedOn = displayDate(dateInZone(generatedAt, timeZone));
  const pdf = await createPdf({ title: report.title, author: businessName, creationDate: generatedAt });
  const columns = layout(report.columns);
  const cells = (values: Record<string, string | number | null>, bold = false): Cell[] =>
    report.columns.map((c) => ({ text: printedCell(c, values[c.key]), bold }));
  const pages: Cell[][][] = [[]];
  const firstPageRows = Math.floor((BOTTOM - (TOP + 60) - 22) / ROW_HEIGHT) - 1;
  const otherPageRows = Math.floor((BOTTOM - TOP - 22) / ROW_HEIGHT) - 1;
  for (const row of report.rows) {
    const current = pages[pages.length - 1]!;
    if (current.length >= (pages.length === 1 ? firstPageRows : otherPageRows)) pages.push([]);
    pages[pages.length - 1]!.push(cells(row.cells));
  }
  pages[pages.length - 1]!.push(cells(report.totals, true));

  pages.forEach((rows, index) => {
    addPage(pdf);
    let y: number = TOP;
    if (index === 0) {
      textBox(pdf, businessName, PAGE.margin, y, CONTENT_WIDTH, { size: 9, color: COLORS.muted });
      textBox(pdf, report.title, PAGE.margin, y + 13, CONTENT_WIDTH, { size: 15, bold: true });
      textBox(pdf, `${displayDate(report.from)} to ${displayDate(report.to)}`, PAGE.margin, y + 33, CONTENT_WIDTH, {
        size: 9,
      });
      if (report.note)
        textBox(pdf, report.note, PAGE.margin, y + 45, CONTENT_WIDTH, { size: 7.5, color: COLORS.muted });
      y += 60;
    }
    y = drawTableHeader(pdf, columns, y);
    rows.forEach((row, i) => {
      drawTableRow(pdf, columns, row, y, ROW_HEIGHT, i % 2 === 1);
      y += ROW_HEIGHT;
    });
    drawFooter(pdf, index + 1, pages.length, `${report.title}, generated ${generatedOn}`);
  });
  return finishPdf(pdf);
}
