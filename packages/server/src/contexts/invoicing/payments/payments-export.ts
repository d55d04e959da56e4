import type { PaymentSummary } from '@bizdash/contracts/payments';
import type { ExportColumn } from '../../../platform/export/table-export';

/** The payments list as a spreadsheet: date cells (dd-mm-yyyy) and plain decimal amounts, so spreadsheets parse them. */
export const PAYMENT_EXPORT_COLUMNS: readonly ExportColumn<PaymentSummary>[] = [
  { header: 'Date', kind: 'date', value: (p) => p.date },
  { header: 'Direction', value: (p) => p.direction },
  { header: 'Party', value: (p) => p.party.name, width: 30 },
  { header: 'Mode', value: (p) => p.mode },
  { header: 'Reference', value: (p) => p.reference, width: 20 },
  { header: 'Amount', kind: 'money', value: (p) => p.amount },
  { header: 'TDS', kind: 'money', value: (p) => p.tdsAmount },
  { header: 'Allocated', kind: 'money', value: (p) => p.allocatedAmount },
  { header: 'Unallocated', kind: 'money', value: (p) => p.unallocatedAmount },
  { header: 'Notes', value: (p) => p.notes, width: 30 },
];
