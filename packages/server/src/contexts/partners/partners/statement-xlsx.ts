import { loadExcelJs } from '../../../platform/export/exceljs';
import type { PartnerStatement } from '@bizdash/contracts/order-money';
import { parseMoney } from '@bizdash/domain/money';
import { XLSX_DATE_FORMAT, ddmmyyyy, xlsxDateCell } from '../../../platform/export/table-export';
import { INDIAN_MONEY_FORMAT } from '../../../platform/export/register-xlsx';

// Display conversion at the very edge: the decimal string is exact, the spreadsheet cell holds a double.
const rupees = (text: string) => Number(text);

/**
 * A partner's statement as a one-sheet workbook: heading, opening balance, lines, totals, closing balance. Dates are
 * business days (approval and payout dates in the business's zone), written as date cells shown dd-mm-yyyy.
 */
export async function statementWorkbook(
  statement: PartnerStatement,
  businessName: string,
  generatedAt: string,
): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.created = new Date(generatedAt);
  const ws = wb.addWorksheet('Statement', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.columns = [
    { width: 12, style: { numFmt: XLSX_DATE_FORMAT } },
    { width: 22 },
    { width: 48 },
    { width: 16, style: { numFmt: INDIAN_MONEY_FORMAT } },
    { width: 16, style: { numFmt: INDIAN_MONEY_FORMAT } },
    { width: 16, style: { numFmt: INDIAN_MONEY_FORMAT } },
  ];
  ws.addRow([`Partner statement: ${statement.partner.name}`]).font = { bold: true, size: 13 };
  ws.addRow([businessName, '', `Period ${ddmmyyyy(statement.from)} to ${ddmmyyyy(statement.to)}`]);
  ws.addRow([]);
  ws.addRow(['Date', 'Order', 'Particulars', 'Share earned', 'Paid out', 'Balance owed']).font = { bold: true };
  ws.addRow([xlsxDateCell(statement.from), '', 'Opening balance', null, null, rupees(statement.openingBalance)]).font =
    {
      bold: true,
    };
  for (const l of statement.lines) {
    ws.addRow([
      xlsxDateCell(l.date),
      l.order?.number ?? '',
      l.order ? `${l.description}: ${l.order.title}` : l.description,
      parseMoney(l.credit) ? rupees(l.credit) : null,
      parseMoney(l.debit) ? rupees(l.debit) : null,
      rupees(l.balance),
    ]);
  }
  ws.addRow(['', '', 'Total', rupees(statement.totalCredit), rupees(statement.totalDebit)]).font = { bold: true };
  ws.addRow([
    xlsxDateCell(statement.to),
    '',
    'Closing balance owed',
    null,
    null,
    rupees(statement.closingBalance),
  ]).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
