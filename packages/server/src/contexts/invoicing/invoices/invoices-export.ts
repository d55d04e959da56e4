import type { InvoiceSummary } from '@bizdash/contracts/invoices';
import type { ExportColumn } from '../../../platform/export/table-export';

/** The invoice list as a spreadsheet: date cells (dd-mm-yyyy) and plain decimal amounts, so spreadsheets parse them. */
export const INVOICE_EXPORT_COLUMNS: readonly ExportColumn<InvoiceSummary>[] = [
  { header: 'Number', value: (i) => i.number ?? (i.status === 'draft' ? 'Draft' : null), width: 20 },
  { header: 'Type', value: (i) => i.type },
  { header: 'Kind', value: (i) => i.kind },
  { header: 'Status', value: (i) => i.status },
  { header: 'Date', kind: 'date', value: (i) => i.date },
  { header: 'Due date', kind: 'date', value: (i) => i.dueDate },
  { header: 'Financial year', value: (i) => i.financialYear },
  { header: 'Party', value: (i) => i.party.name, width: 30 },
  { header: 'Party GSTIN', value: (i) => i.party.gstin, width: 18 },
  { header: 'Supplier number', value: (i) => i.supplierNumber },
  { header: 'Place of supply', value: (i) => i.placeOfSupply },
  { header: 'Tax regime', value: (i) => i.regime },
  { header: 'Taxable value', kind: 'money', value: (i) => i.taxableValue },
  { header: 'Tax', kind: 'money', value: (i) => i.totalTax },
  { header: 'Total', kind: 'money', value: (i) => i.grandTotal },
  { header: 'Paid', kind: 'money', value: (i) => i.amountPaid },
  { header: 'Credited', kind: 'money', value: (i) => i.amountCredited },
  { header: 'Balance due', kind: 'money', value: (i) => i.balanceDue },
  { header: 'Payment status', value: (i) => i.paymentStatus },
  { header: 'Overdue', value: (i) => (i.isOverdue ? 'yes' : 'no') },
];
