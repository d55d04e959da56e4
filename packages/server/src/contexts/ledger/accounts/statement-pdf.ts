import type { PartyStatement } from '@bizdash/contracts/accounts';
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
const PARTY_HEIGHT = 70;
/** Page 1 carries the letterhead and the party block; later pages a one-line running head. */
const FIRST_TABLE_TOP = PARTY_TOP + PARTY_HEIGHT + 10;
const NEXT_TABLE_TOP = PAGE.margin + 20;
const TABLE_BOTTOM = PAGE.height - PAGE.margin - 14;
const rowsFrom = (top: number) =>
  Math.floor((TABLE_BOTTOM - top - TABLE_HEADER_HEIGHT - 2 * SUBTOTAL_ROW_HEIGHT) / ROW_HEIGHT);
export const FIRST_PAGE_ROWS = rowsFrom(FIRST_TABLE_TOP);
export const NEXT_PAGE_ROWS = rowsFrom(NEXT_TABLE_TOP);

const money = (paise: Paise) => formatMoney(paise, { symbol: false });
/** A running balance the way an Indian ledger prints it: the amount with Dr (the party owes) or Cr (is owed). */
const balance = (paise: Paise) => (paise === 0 ? money(0) : `${money(Math.abs(paise))} ${paise > 0 ? 'Dr' : 'Cr'}`);
/** dd-mm-yyyy without the array `displayDate` builds: called once per line. */
const shortDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

const VOUCHER_LABELS: Record<PartyStatement['lines'][number]['voucherType'], string> = {
  sales: 'Sales',
  purchase: 'Purchase',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
  receipt: 'Receipt',
  payment: 'Payment',
  journal: 'Journal',
};

/** "Sales INV/2026-27/0001": the voucher column of a statement line (PDF and XLSX alike). */
export function voucherLabel(line: Pick<PartyStatement['lines'][number], 'voucherType' | 'reference'>): string {
  const type = VOUCHER_LABELS[line.voucherType];
  return line.reference ? `${type} ${line.reference}` : type;
}

const COLUMNS: Column[] = [
  { title: 'Date', width: 50, align: 'left' },
  { title: 'Voucher', width: 112, align: 'left' },
  { title: 'Narration', width: CONTENT_WIDTH - 50 - 112 - 2 * 68 - 80, align: 'left' },
  { title: 'Debit', width: 68, align: 'right' },
  { title: 'Credit', width: 68, align: 'right' },
  { title: 'Balance', width: 80, align: 'right' },
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
  /** Σ debit and Σ credit of the rows on earlier pages, and up to the end of this one. */
  before: { debit: number; credit: number };
  after: { debit: number; credit: number };
}

function paginate(debits: readonly number[], credits: readonly number[]): Page[] {
  const pages: Page[] = [];
  let index = 0;
  const run = { debit: 0, credit: 0 };
  do {
    const first = pages.length === 0;
    const start = index;
    index = Math.min(debits.length, index + (first ? FIRST_PAGE_ROWS : NEXT_PAGE_ROWS));
    const before = { ...run };
    for (let i = start; i < index; i++) {
      run.debit += debits[i] ?? 0;
      run.credit += credits[i] ?? 0;
    }
    pages.push({ start, end: index, top: first ? FIRST_TABLE_TOP : NEXT_TABLE_TOP, before, after: { ...run } });
  } while (index < debits.length);
  return pages;
}

/** What the statement prints about the party beyond its name: GSTIN and billing address. */
export interface StatementPartyDetails {
  addressLines: string[];
}

/**
 * A party's statement of account as an A4 PDF: the invoices' letterhead (business name, address, GSTIN), the party
 * (name, GSTIN, address) and a summary on page 1, a running head on later pages, and a table of every voucher with
 * the party (date, voucher, narration, debit, credit, running balance in Dr/Cr) between the opening balance and the
 * closing balance, with brought and carried forward totals between pages. Table text goes through the fast
 * single-line writer so that 10,000 lines render in a fraction of a second.
 */
export async function renderPartyStatementPdf(
  statement: PartyStatement,
  party: StatementPartyDetails,
  business: BusinessSettings,
  generatedAt: string,
): Promise<Buffer> {
  const pdf = await createPdf({
    title: `Statement of account: ${statement.party.name}`,
    author: business.name,
    creationDate: new Date(generatedAt),
  });
  const fast = makeFastText(pdf);
  const opening = parseMoney(statement.opening);
  const closing = parseMoney(statement.closing);
  // Paise once per line, in flat arrays: a 10,000-line statement should not copy 10,000 objects.
  const lines = statement.lines;
  const debitP = lines.map((l) => parseMoney(l.debit));
  const creditP = lines.map((l) => parseMoney(l.credit));
  const balanceP = lines.map((l) => parseMoney(l.balance));
  const pages = paginate(debitP, creditP);
  const businessName = business.tradeName ?? business.name;
  const businessLines = addressLines({ ...business.address, stateCode: business.stateCode });
  if (business.gstin) businessLines.push(`GSTIN: ${business.gstin}`);
  const period = `${displayDate(statement.from)} to ${displayDate(statement.to)}`;
  const partyLines = [...party.addressLines];
  if (statement.party.gstin) partyLines.unshift(`GSTIN: ${statement.party.gstin}`);

  pages.forEach((page, p) => {
    addPage(pdf);
    if (p === 0) {
      drawLetterhead(
        pdf,
        {
          name: businessName,
          legalName: business.legalName,
          lines: businessLines,
          title: 'Statement of Account',
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
          { heading: 'Party', name: statement.party.name, lines: partyLines.slice(0, 4) },
          {
            heading: 'Summary',
            name: `Closing balance ₹${balance(closing)}`,
            lines: [
              `Opening balance: ₹${balance(opening)}`,
              `Debits: ₹${money(parseMoney(statement.totalDebit))}`,
              `Credits: ₹${money(parseMoney(statement.totalCredit))}`,
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
            text: `Statement of account: ${statement.party.name}, ${period}`,
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

    // Header, opening balance or brought forward, rows, carried forward or closing balance.
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
          ? [shortDate(statement.from), '', 'Opening balance', '', '', balance(opening)]
          : ['', '', 'Brought forward', money(bf.debit), money(bf.credit), balance(opening + bf.debit - bf.credit)],
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
        const debit = debitP[n] ?? 0;
        const credit = creditP[n] ?? 0;
        put(shortDate(l.date), x0 + 2.5, ty, w0, 'left', false);
        put(voucherLabel(l), x1 + 2.5, ty, w1, 'left', false);
        put(l.narration, x2 + 2.5, ty, w2, 'left', false);
        if (debit) put(money(debit), x3 + 2.5, ty, w3, 'right', false);
        if (credit) put(money(credit), x4 + 2.5, ty, w4, 'right', false);
        put(balance(balanceP[n] ?? 0), x5 + 2.5, ty, w5, 'right', false);
        rules.push(top + ROW_HEIGHT);
      }
    });
    const af = page.after;
    cells.push(
      ...rowCells(
        [
          isLast ? shortDate(statement.to) : '',
          '',
          isLast ? 'Closing balance' : 'Carried forward',
          money(af.debit),
          money(af.credit),
          balance(isLast ? closing : opening + af.debit - af.credit),
        ],
        bottomTop + 3.5,
        true,
      ),
    );
    if (isLast && lines.length === 0) {
      cells.push({
        text: 'No documents or payments in this period.',
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
          text: 'Dr: the party owes us. Cr: we owe the party or hold its advance. Please report differences within 15 days.',
          x: PAGE.margin,
          y: footY,
          width: CONTENT_WIDTH * 0.75,
        },
      ],
      6.5,
      COLORS.muted,
    );
    fast.writeCells(
      [
        {
          text: pageLabel(p + 1, pages.length),
          x: PAGE.margin + CONTENT_WIDTH * 0.75,
          y: footY,
          width: CONTENT_WIDTH * 0.25,
          align: 'right',
          bold: true,
        },
      ],
      7,
    );
  });
  return finishPdf(pdf);
}
