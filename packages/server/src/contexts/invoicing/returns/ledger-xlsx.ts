import { loadExcelJs } from '../../../platform/export/exceljs';
import type { PartyLedger } from '@bizdash/contracts/payments';
import { parseMoney, toMoneyString } from '@bizdash/domain/money';
import { XLSX_DATE_FORMAT, ddmmyyyy, xlsxDateCell } from '../../../platform/export/table-export';
import { INDIAN_MONEY_FORMAT } from '../../../platform/export/register-xlsx';

const rupees = (text: string) => Number(toMoneyString(parseMoney(text)));

/**
 * A party's statement of account as a one-sheet workbook: heading, opening balance, entries, totals, closing. Dates
 * are business days written as date cells shown dd-mm-yyyy.
 */
export async function ledgerWorkbook(ledger: PartyLedger): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.created = new Date(ledger.generatedAt);
  const ws = wb.addWorksheet('Ledger', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.columns = [
    { width: 12, style: { numFmt: XLSX_DATE_FORMAT } },
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
    `Period ${ddmmyyyy(ledger.from)} to ${ddmmyyyy(ledger.to)}${ledger.party.gstin ? `; party GSTIN ${ledger.party.gstin}` : ''}`,
  ]);
  ws.addRow([]);
  ws.addRow(['Date', 'Document', 'Particulars', 'Debit', 'Credit', 'Balance', 'Dr/Cr']).font = { bold: true };
  const balanceRow = (label: string, balanceText: string, date: string) => {
    const balance = parseMoney(balanceText);
    const row = ws.addRow([
      xlsxDateCell(date),
      '',
      label,
      null,
      null,
      Math.abs(rupees(balanceText)),
      balance >= 0 ? 'Dr' : 'Cr',
    ]);
    row.font = { bold: true };
  };
  balanceRow('Opening balance', ledger.openingBalance, ledger.from);
  for (const e of ledger.entries) {
    const balance = parseMoney(e.balance);
    ws.addRow([
      xlsxDateCell(e.date),
      e.number ?? '',
      e.description,
      parseMoney(e.debit) ? rupees(e.debit) : null,
      parseMoney(e.credit) ? rupees(e.credit) : null,
      Math.abs(rupees(e.balance)),
      balance >= 0 ? 'Dr' : 'Cr',
    ]);
  }
  ws.addRow(['', '', 'Total', rupees(ledger.totalDebit), rupees(ledger.totalCredit)]).font = { bold: true };
  balanceRow('Closing balance', ledger.closingBalance, ledger.to);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
