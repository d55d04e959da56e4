import type { PartnerStatement } from '@bizdash/contracts/order-money';
import type { BusinessSettings } from '@bizdash/contracts/settings';
import { formatMoney, parseMoney, type Paise } from '@bizdash/domain/money';
import {
  addressLines,
  displayDate,
  drawLetterhead,
  drawPartyBlocks,
  drawTableFrame,
  SUBTOTAL_ROW_HEIGHT,
  TABLE_HEADER_HEIGHT,
  type Column,
} from '../../../platform/pdf/blocks';
import {
  addPage,
  box,
  COLORS,
  CONTENT_WIDTH,
  createPdf,
  finishPdf,
  hline,
  PAGE,
} from '../../../platform/pdf/pdf-document';
import { pageLabel } from '../../../platform/pdf/table-pages';
import { makeFastText, type FastCell } from '../../../platform/pdf/fast-text';

/** Row geometry: one text line per statement line, so a page holds many. */
const ROW_HEIGHT = 12.5;
const TEXT_SIZE = 7;
const PARTY_TOP = 118;
const PARTY_HEIGHT = 62;
/** Page 1 carries the letterhead and the partner block; later pages a one-line running head. */
const FIRST_TABLE_TOP = PARTY_TOP + PARTY_HEIGHT + 10;
const NEXT_TABLE_TOP = PAGE.margin + 20;
const TABLE_BOTTOM = PAGE.height - PAGE.margin - 14;
const rowsFrom = (top: number) =>
  Math.floor((TABLE_BOTTOM - top - TABLE_HEADER_HEIGHT - 2 * SUBTOTAL_ROW_HEIGHT) / ROW_HEIGHT);
export const FIRST_PAGE_ROWS = rowsFrom(FIRST_TABLE_TOP);
export const NEXT_PAGE_ROWS = rowsFrom(NEXT_TABLE_TOP);

const money = (paise: Paise) => formatMoney(paise, { symbol: false });
/** dd-mm-yyyy without the array `displayDate` builds: called once per line. */
const shortDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

const COLUMNS: Column[] = [
  { title: 'Date', width: 54, align: 'left' },
  { title: 'Order', width: 92, align: 'left' },
  { title: 'Particulars', width: CONTENT_WIDTH - 54 - 92 - 3 * 78, align: 'left' },
  { title: 'Share earned (₹)', width: 78, align: 'right' },
  { title: 'Paid out (₹)', width: 78, align: 'right' },
  { title: 'Balance owed (₹)', width: 78, align: 'right' },
];
const XS = COLUMNS.reduce<number[]>(
  (xs, c, i) => [...xs, i === 0 ? PAGE.margin : (xs[i - 1] ?? 0) + (COLUMNS[i - 1]?.width ?? 0)],
  [],
);
const TABLE_WIDTH = COLUMNS.reduce((s, c) => s + c.width, 0);

/** The cells of one table row at `y`: six texts, amounts right-aligned. */
function rowCells(texts: readonly string[], y: number, bold = false): FastCell[] {
  return COLUMNS.map((c, i) => ({
    text: texts[i] ?? '',
    x: (XS[i] ?? 0) + 2.5,
    y,
    width: c.width - 5,
    align: c.align === 'right' ? 'right' : 'left',
    bold,
  }));
}

interface Page {
  /** Lines [start, end) of the statement. */
  start: number;
  end: number;
  top: number;
  /** Σ credit and Σ debit of the rows on earlier pages. */
  before: { credit: number; debit: number };
  after: { credit: number; debit: number };
}

function paginate(credits: readonly number[], debits: readonly number[]): Page[] {
  const pages: Page[] = [];
  let index = 0;
  const run = { credit: 0, debit: 0 };
  do {
    const first = pages.length === 0;
    const start = index;
    index = Math.min(credits.length, index + (first ? FIRST_PAGE_ROWS : NEXT_PAGE_ROWS));
    const before = { ...run };
    for (let i = start; i < index; i++) {
      run.credit += credits[i] ?? 0;
      run.debit += debits[i] ?? 0;
    }
    pages.push({ start, end: index, top: first ? FIRST_TABLE_TOP : NEXT_TABLE_TOP, before, after: { ...run } });
  } while (index < credits.length);
  return pages;
}

/**
 * A partner's statement as an A4 PDF: the invoices' letterhead (business name, address, GSTIN) and a partner and
 * summary block on page 1, a running head on later pages, and a table with the opening balance, brought and carried
 * forward totals between pages and the closing balance owed at the end. Table text goes through the fast single-line
 * writer so that 10,000 lines render in a fraction of a second.
 */
export async function renderStatementPdf(
  statement: PartnerStatement,
  business: BusinessSettings,
  generatedAt: string,
): Promise<Buffer> {
  const pdf = await createPdf({
    title: `Partner statement: ${statement.partner.name}`,
    author: business.name,
    creationDate: new Date(generatedAt),
  });
  const fast = makeFastText(pdf);
  const opening = parseMoney(statement.openingBalance);
  const closing = parseMoney(statement.closingBalance);
  // Paise once per line, in flat arrays: a 10,000-line statement should not copy 10,000 objects.
  const lines = statement.lines;
  const creditP = lines.map((l) => parseMoney(l.credit));
  const debitP = lines.map((l) => parseMoney(l.debit));
  const balanceP = lines.map((l) => parseMoney(l.balance));
  const pages = paginate(creditP, debitP);
  const businessName = business.tradeName ?? business.name;
  const businessLines = addressLines({ ...business.address, stateCode: business.stateCode });
  if (business.gstin) businessLines.push(`GSTIN: ${business.gstin}`);
  const period = `${displayDate(statement.from)} to ${displayDate(statement.to)}`;

  pages.forEach((page, p) => {
    addPage(pdf);
    if (p === 0) {
      drawLetterhead(
        pdf,
        {
          name: businessName,
          legalName: business.legalName,
          lines: businessLines,
          title: 'Partner Statement',
          meta: [
            ['Period', period],
            ['Generated', displayDate(generatedAt)],
          ],
        },
        PAGE.margin,
      );
      drawPartyBlocks(
        pdf,
        [
          { heading: 'Partner', name: statement.partner.name, lines: [`Partner no. ${statement.partner.id}`] },
          {
            heading: 'Summary',
            name: `Balance owed ₹${money(closing)}`,
            lines: [
              `Opening balance: ₹${money(opening)}`,
              `Share earned: ₹${money(parseMoney(statement.totalCredit))}`,
              `Paid out: ₹${money(parseMoney(statement.totalDebit))}`,
            ],
          },
        ],
        PARTY_TOP,
        PARTY_HEIGHT,
      );
    } else {
      fast.writeCells(
        [
          { text: businessName, x: PAGE.margin, y: PAGE.margin, width: CONTENT_WIDTH / 2, bold: true },
          {
            text: `Partner statement: ${statement.partner.name}, ${period}`,
            x: PAGE.margin + CONTENT_WIDTH / 2,
            y: PAGE.margin,
            width: CONTENT_WIDTH / 2,
            align: 'right',
          },
        ],
        8,
      );
      hline(pdf, PAGE.margin, PAGE.margin + CONTENT_WIDTH, PAGE.margin + 13, COLORS.text, 0.8);
    }

    // Header, brought forward, rows, carried forward.
    let y = page.top;
    box(pdf, PAGE.margin, y, TABLE_WIDTH, TABLE_HEADER_HEIGHT, COLORS.shade);
    const cells = rowCells(
      COLUMNS.map((c) => c.title),
      y + 8,
      true,
    );
    y += TABLE_HEADER_HEIGHT;
    const subtotalTop = y;
    const isLast = p === pages.length - 1;
    const bottomTop = y + SUBTOTAL_ROW_HEIGHT + (page.end - page.start) * ROW_HEIGHT;
    pdf.save().rect(PAGE.margin, subtotalTop, TABLE_WIDTH, SUBTOTAL_ROW_HEIGHT).fill(COLORS.shade).restore();
    pdf.save().rect(PAGE.margin, bottomTop, TABLE_WIDTH, SUBTOTAL_ROW_HEIGHT).fill(COLORS.shade).restore();
    const bf = page.before;
    cells.push(
      ...rowCells(
        p === 0
          ? ['', '', `Opening balance as on ${displayDate(statement.from)}`, '', '', money(opening)]
          : ['', '', 'Brought forward', money(bf.credit), money(bf.debit), money(opening + bf.credit - bf.debit)],
        subtotalTop + 3.5,
        true,
      ),
    );
    y += SUBTOTAL_ROW_HEIGHT;
    const rules: number[] = [];
    const [x0, x1, x2, x3, x4, x5] = XS as [number, number, number, number, number, number];
    const [w0, w1, w2, w3, w4, w5] = COLUMNS.map((c) => c.width - 5) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    fast.writeBlock(TEXT_SIZE, COLORS.text, (put) => {
      for (let n = page.start; n < page.end; n++) {
        const l = lines[n];
        if (!l) continue;
        const top = y + (n - page.start) * ROW_HEIGHT;
        const ty = top + 3;
        const credit = creditP[n] ?? 0;
        const debit = debitP[n] ?? 0;
        put(shortDate(l.date), x0 + 2.5, ty, w0, 'left', false);
        put(l.order?.number ?? '', x1 + 2.5, ty, w1, 'left', false);
        put(l.order ? `${l.description}: ${l.order.title}` : l.description, x2 + 2.5, ty, w2, 'left', false);
        if (credit) put(money(credit), x3 + 2.5, ty, w3, 'right', false);
        if (debit) put(money(debit), x4 + 2.5, ty, w4, 'right', false);
        put(money(balanceP[n] ?? 0), x5 + 2.5, ty, w5, 'right', false);
        rules.push(top + ROW_HEIGHT);
      }
    });
    const af = page.after;
    cells.push(
      ...rowCells(
        [
          '',
          '',
          isLast ? 'Closing balance owed' : 'Carried forward',
          money(af.credit),
          money(af.debit),
          money(isLast ? closing : opening + af.credit - af.debit),
        ],
        bottomTop + 3.5,
        true,
      ),
    );
    if (isLast && lines.length === 0) {
      cells.push({
        text: 'No settlements or payouts in this period.',
        x: PAGE.margin,
        y: bottomTop + SUBTOTAL_ROW_HEIGHT + 6,
        width: CONTENT_WIDTH,
      });
    }
    // One path for all the row rules of the page.
    if (rules.length > 0) {
      pdf.save().lineWidth(0.4).strokeColor('#d6d6d6');
      for (const r of rules) pdf.moveTo(PAGE.margin, r).lineTo(PAGE.margin + TABLE_WIDTH, r);
      pdf.stroke().restore();
    }
    drawTableFrame(pdf, COLUMNS, page.top, bottomTop + SUBTOTAL_ROW_HEIGHT);
    fast.writeCells(cells, TEXT_SIZE);

    const footY = PAGE.height - PAGE.margin + 4;
    hline(pdf, PAGE.margin, PAGE.width - PAGE.margin, footY - 4, COLORS.rule, 0.5);
    fast.writeCells(
      [
        {
          text: 'Share earned: approved settlements and adjustments. Balance owed: what the business owes the partner.',
          x: PAGE.margin,
          y: footY,
          width: CONTENT_WIDTH * 0.7,
        },
      ],
      6.5,
      COLORS.muted,
    );
    fast.writeCells(
      [
        {
          text: pageLabel(p + 1, pages.length),
          x: PAGE.margin + CONTENT_WIDTH * 0.7,
          y: footY,
          width: CONTENT_WIDTH * 0.3,
          align: 'right',
          bold: true,
        },
      ],
      7,
    );
  });
  return finishPdf(pdf);
}
