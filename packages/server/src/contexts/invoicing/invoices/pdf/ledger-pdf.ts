import type { PartyLedger } from '@bizdash/contracts/payments';
import type { BusinessSettings } from '@bizdash/contracts/settings';
import { formatMoney, parseMoney, type Paise } from '@bizdash/domain/money';
import {
  addressLines,
  displayDate,
  drawFooter,
  drawLetterhead,
  drawPartyBlocks,
  drawTableFrame,
  drawTableHeader,
  drawTableRow,
  stateWithCode,
  SUBTOTAL_ROW_HEIGHT,
  TABLE_HEADER_HEIGHT,
  type Cell,
  type Column,
} from '../../../../platform/pdf/blocks';
import {
  addPage,
  CONTENT_WIDTH,
  createPdf,
  finishPdf,
  PAGE,
  textBox,
  COLORS,
} from '../../../../platform/pdf/pdf-document';
import { paginateRows } from '../../../../platform/pdf/table-pages';

/** Ledger lines are one text line each, so a page holds more of them than an invoice's fixed 10. */
export const LEDGER_ROWS_PER_PAGE = 30;
const ROW_HEIGHT = 16;
const PARTY_TOP = 118;
const PARTY_HEIGHT = 70;
const TABLE_TOP = PARTY_TOP + PARTY_HEIGHT + 10;

const money = (paise: Paise) => formatMoney(paise, { symbol: false });
/** A balance as accountants print it: positive = the party owes us (Dr), negative = we owe the party (Cr). */
export function drCr(paise: Paise): string {
  if (paise === 0) return '0.00';
  return `${money(Math.abs(paise))} ${paise > 0 ? 'Dr' : 'Cr'}`;
}

const COLUMNS: Column[] = [
  { title: 'Date', width: 56, align: 'left' },
  { title: 'Document', width: 96, align: 'left' },
  { title: 'Particulars', width: CONTENT_WIDTH - 56 - 96 - 3 * 78, align: 'left' },
  { title: 'Debit', subtitle: '₹', width: 78, align: 'right' },
  { title: 'Credit', subtitle: '₹', width: 78, align: 'right' },
  { title: 'Balance', subtitle: '₹', width: 78, align: 'right' },
];

function sumRow(label: string, debit: Paise, credit: Paise, balance: Paise): Cell[] {
  return [
    { text: '' },
    { text: '' },
    { text: label, bold: true },
    { text: money(debit), bold: true },
    { text: money(credit), bold: true },
    { text: drCr(balance), bold: true },
  ];
}

/**
 * A party's statement of account as PDF, with the same letterhead, party block, fixed-row table and footer as the
 * invoices: opening balance brought in on page 1, running balance per entry, totals carried between pages, closing
 * balance at the end.
 */
export async function renderLedgerPdf(ledger: PartyLedger, business: BusinessSettings): Promise<Buffer> {
  const pdf = await createPdf({
    title: `Statement of account: ${ledger.party.name}`,
    author: business.name,
    creationDate: new Date(ledger.generatedAt),
  });
  const opening = parseMoney(ledger.openingBalance);
  const entries = ledger.entries.map((e) => ({ ...e, debitP: parseMoney(e.debit), creditP: parseMoney(e.credit) }));
  const pages = paginateRows(
    entries,
    ['debit', 'credit'] as const,
    (e) => ({ debit: e.debitP, credit: e.creditP }),
    LEDGER_ROWS_PER_PAGE,
  );
  const supplierLines = addressLines({ ...business.address, stateCode: business.stateCode });
  if (business.gstin) supplierLines.push(`GSTIN: ${business.gstin}`);
  const partyLines = addressLines(ledger.party.billingAddress);
  partyLines.push(ledger.party.gstin ? `GSTIN: ${ledger.party.gstin}` : 'Unregistered (no GSTIN)');

  for (const page of pages) {
    addPage(pdf);
    drawLetterhead(
      pdf,
      {
        name: business.tradeName ?? business.name,
        legalName: business.legalName,
        lines: supplierLines,
        title: 'Statement of Account',
        meta: [
          ['Period', `${displayDate(ledger.from)} to ${displayDate(ledger.to)}`],
          ['Generated', displayDate(ledger.generatedAt)],
        ],
      },
      PAGE.margin,
    );
    drawPartyBlocks(
      pdf,
      [
        { heading: 'Account of', name: ledger.party.name, lines: partyLines },
        {
          heading: 'Summary',
          name: `Closing balance ${drCr(parseMoney(ledger.closingBalance))}`,
          lines: [
            `Opening balance: ${drCr(opening)}`,
            `Total debit: ${money(parseMoney(ledger.totalDebit))}`,
            `Total credit: ${money(parseMoney(ledger.totalCredit))}`,
            ledger.party.billingAddress ? `State: ${stateWithCode(ledger.party.billingAddress.stateCode)}` : '',
          ].filter(Boolean),
        },
      ],
      PARTY_TOP,
      PARTY_HEIGHT,
    );
    let y = drawTableHeader(pdf, COLUMNS, TABLE_TOP);
    const bf = page.broughtForward ?? { debit: 0, credit: 0 };
    drawTableRow(
      pdf,
      COLUMNS,
      page.pageNumber === 1
        ? sumRow(`Opening balance as on ${displayDate(ledger.from)}`, 0, 0, opening)
        : sumRow('Brought forward', bf.debit, bf.credit, opening + bf.debit - bf.credit),
      y,
      SUBTOTAL_ROW_HEIGHT,
      true,
    );
    y += SUBTOTAL_ROW_HEIGHT;
    page.rows.forEach((e, i) => {
      drawTableRow(
        pdf,
        COLUMNS,
        [
          { text: displayDate(e.date) },
          { text: e.number ?? '' },
          { text: e.description },
          { text: e.debitP ? money(e.debitP) : '' },
          { text: e.creditP ? money(e.creditP) : '' },
          { text: drCr(parseMoney(e.balance)) },
        ],
        y + i * ROW_HEIGHT,
        ROW_HEIGHT,
      );
    });
    y += LEDGER_ROWS_PER_PAGE * ROW_HEIGHT;
    const run = page.runningTotals;
    drawTableRow(
      pdf,
      COLUMNS,
      page.carriedForward
        ? sumRow('Carried forward', run.debit, run.credit, opening + run.debit - run.credit)
        : sumRow('Closing balance', run.debit, run.credit, parseMoney(ledger.closingBalance)),
      y,
      SUBTOTAL_ROW_HEIGHT,
      true,
    );
    drawTableFrame(pdf, COLUMNS, TABLE_TOP, y + SUBTOTAL_ROW_HEIGHT);
    if (page.isLast && entries.length === 0) {
      textBox(
        pdf,
        'No entries in this period.',
        PAGE.margin,
        TABLE_TOP + TABLE_HEADER_HEIGHT + SUBTOTAL_ROW_HEIGHT + 6,
        CONTENT_WIDTH,
        {
          size: 8,
          align: 'center',
          color: COLORS.muted,
        },
      );
    }
    drawFooter(
      pdf,
      page.pageNumber,
      page.pageCount,
      'Dr: the party owes us; Cr: we owe the party. Please report any difference within 15 days.',
    );
  }
  return finishPdf(pdf);
}
