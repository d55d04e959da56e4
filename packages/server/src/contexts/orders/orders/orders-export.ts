import type { Order } from '@bizdash/contracts/orders';
import type { ExportColumn } from '../../../platform/export/table-export';

/**
 * The columns of the orders export. Money columns (and payment status, by its field) are left out for roles that
 * may not read money, by the same field visibility as the JSON answers (platform/export/table-export.ts).
 */
export const ORDER_EXPORT_COLUMNS: readonly ExportColumn<Order>[] = [
  { header: 'Number', value: (o) => o.number, width: 20 },
  { header: 'Title', value: (o) => o.title, width: 30 },
  { header: 'Stage', value: (o) => o.stage.label, width: 18 },
  { header: 'Client', value: (o) => o.client.name, width: 28 },
  { header: 'Partner', value: (o) => o.partner?.name, width: 24 },
  { header: 'Order type', value: (o) => o.orderType.name, width: 20 },
  { header: 'Company', value: (o) => o.company?.name, width: 24 },
  { header: 'Share count', kind: 'number', value: (o) => o.shareCount },
  { header: 'Assignee', value: (o) => o.assignee?.name, width: 20 },
  { header: 'Priority', value: (o) => o.priority },
  { header: 'Tags', value: (o) => o.tags.join('; ') },
  { header: 'Due date', kind: 'date', value: (o) => o.dueDate },
  { header: 'Overdue', value: (o) => (o.isOverdue ? 'yes' : 'no') },
  { header: 'Documents received', value: (o) => `${o.documents.received}/${o.documents.required}` },
  { header: 'Payment status', field: 'paymentStatus', value: (o) => o.paymentStatus },
  // Instants become their day in the business's time zone; the time of day is noise in a list.
  { header: 'Created', kind: 'instant', value: (o) => o.createdAt },
  { header: 'Closed', kind: 'instant', value: (o) => o.closedAt },
  { header: 'Share price', kind: 'money', value: (o) => o.sharePrice },
  { header: 'Order value', kind: 'money', value: (o) => o.orderValue },
  { header: 'Fees', kind: 'money', value: (o) => o.fees },
  { header: 'Base charges', kind: 'money', value: (o) => o.baseCharges },
  { header: 'Amount due', kind: 'money', value: (o) => o.amountDue },
  { header: 'Received', kind: 'money', value: (o) => o.amountReceived },
  { header: 'Balance due', kind: 'money', value: (o) => o.balanceDue },
];
