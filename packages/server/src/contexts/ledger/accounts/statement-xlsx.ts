import { loadExcelJs } from '../../../platform/export/exceljs';
import type { PartyStatement } from '@bizdash/contracts/accounts';
import { parseMoney } from '@bizdash/domain/money';
import { XLSX_DATE_FORMAT, ddmmyyyy, xlsxDateCell } from '../../../platform/export/table-export';
import { INDIAN_MONEY_FORMAT } from '../../../platform/export/register-xlsx';
import { voucherLabel, type StatementPartyDetails } from './statement-pdf';

// Display conversion at the very edge: the decimal string is exact, the spreadsheet cell holds a double.
const rupees = (text: string) => Number(text);

/**
 * A party's statement of account as a one-sheet workbook: business and party heading (GSTIN, address), opening
 * balance, one row per voucher with its running balance, totals and closing balance. Balances are signed numbers
 * (positive: the party owes the business), so a spreadsheet can sum and compare them; dates are date cells shown
 * dd-mm-yyyy, so it can sort and filter by them.
 */
export async function partyStatementWorkbook(
  statement: PartyStatement,
  party: StatementPartyDetails,
  businessName: string,
  generatedAt: string,
): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.created = new Date(generatedAt);
  const heading = [
    [`Statement of account: ${statement.party.name}`],
    [businessName, '', `Period ${ddmmyyyy(statement.from)} to ${ddmmyyyy(statement.to)}`],
    [statement.party.gstin ? `GSTIN: ${statement.party.gstin}` : 'Unregistered', '', party.addressLines.join(', ')],
    [],
  ];
  const ws = wb.addWorksheet('Statement', { views: [{ state: 'frozen', ySplit: heading.length + 1 }] });
  ws.columns = [
    { width: 12, style: { numFmt: XLSX_DATE_FORMAT } },
    { width: 30 },
    { width: 48 },
    { width: 16, style: { numFmt: INDIAN_MONEY_FORMAT } },
    { width: 16, style: { numFmt: INDIAN_MONEY_FORMAT } },
    { width: 18, style: { numFmt: INDIAN_MONEY_FORMAT } },
  ];
  for (const row of heading) ws.addRow(row);
  ws.getRow(1).font = { bold: true, size: 13 };
  ws.addRow(['Date', 'Voucher', 'Narration', 'Debit', 'Credit', 'Balance (Dr +)']).font = { bold: true };
  ws.addRow([xlsxDateCell(statement.from), '', 'Opening balance', null, null, rupees(statement.opening)]).font = {
    bold: true,
  };
  for (const l of statement.lines) {
    ws.addRow([
      xlsxDateCell(l.date),
      voucherLabel(l),
      l.narration,
      parseMoney(l.debit) ? rupees(l.debit) : null,
      parseMoney(l.credit) ? rupees(l.credit) : null,
      rupees(l.balance),
    ]);
  }
  ws.addRow(['', '', 'Total', rupees(statement.totalDebit), rupees(statement.totalCredit)]).font = { bold: true };
  ws.addRow([xlsxDateCell(statement.to), '', 'Closing balance', null, null, rupees(statement.closing)]).font = {
    bold: true,
  };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
