import ExcelJS from 'exceljs';
import type { PartyLedger } from '@bizdash/contracts/payments';
import { parseMoney, toMoneyString } from '@bizdash/domain/money';
import { INDIAN_MONEY_FORMAT } from './register-xlsx';

const rupees = (text: string) => Number(toMoneyString(parseMoney(text)));
const displayDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

/** A party's statement of account as a one-sheet workbook: heading, opening balance, entries, totals, closing. */
export async function ledgerWorkbook(ledger: PartyLedger): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(ledger.generatedAt);
  const ws = wb.addWorksheet('Ledger', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.columns = [
    { width: 12 },
    { width: 20 },
    { width: 44 },
    { width: 16, style: { numFmt: INDIAN_MONEY_FORMAT } },
    { width: 16, style: { numFmt: INDIAN_MONEY_FORMAT } },
    { width: 16, style: { numFmt: INDIAN_MONEY_FORMAT } },
    { width: 6 },
  ];
  ws.addRow([`Statement of account: ${ledger.party.name}`]).font = { bold: true, size: 13 };
  ws.addRow([
    `${ledger.business.name}${ledger.business.gstin ? ` (GSTIN ${ledger.business.gstin})` : ''}`,
    '',
    `Period ${displayDate(ledger.from)} to ${displayDate(ledger.to)}${ledger.party.gstin ? `; party GSTIN ${ledger.party.gstin}` : ''}`,
  ]);
  ws.addRow([]);
  ws.addRow(['Date', 'Document', 'Particulars', 'Debit', 'Credit', 'Balance', 'Dr/Cr']).font = { bold: true };
  const balanceRow = (label: string, balanceText: string, date = '') => {
    const balance = parseMoney(balanceText);
    const row = ws.addRow([date, '', label, null, null, Math.abs(rupees(balanceText)), balance >= 0 ? 'Dr' : 'Cr']);
    row.font = { bold: true };
  };
  balanceRow('Opening balance', ledger.openingBalance, displayDate(ledger.from));
  for (const e of ledger.entries) {
    const balance = parseMoney(e.balance);
    ws.addRow([
      displayDate(e.date),
      e.number ?? '',
      e.description,
      parseMoney(e.debit) ? rupees(e.debit) : null,
      parseMoney(e.credit) ? rupees(e.credit) : null,
      Math.abs(rupees(e.balance)),
      balance >= 0 ? 'Dr' : 'Cr',
    ]);
  }
  ws.addRow(['', '', 'Total', rupees(ledger.totalDebit), rupees(ledger.totalCredit)]).font = { bold: true };
  balanceRow('Closing balance', ledger.closingBalance, displayDate(ledger.to));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
