import type { Order } from '@bizdash/contracts/orders';
import type { ExportColumn } from '../../platform/export/table-export';

/** ISO instants become their UTC date: spreadsheets parse yyyy-mm-dd, and the time of day is noise in a list. */
const dayOf = (instant: string | null) => instant?.slice(0, 10) ?? null;

const COMMON: readonly ExportColumn<Order>[] = [
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
  { header: 'Due date', value: (o) => o.dueDate },
  { header: 'Overdue', value: (o) => (o.isOverdue ? 'yes' : 'no') },
  { header: 'Documents received', value: (o) => `${o.documents.received}/${o.documents.required}` },
  { header: 'Payment status', value: (o) => o.paymentStatus },
  { header: 'Created', value: (o) => dayOf(o.createdAt) },
  { header: 'Closed', value: (o) => dayOf(o.closedAt) },
];

const MONEY: readonly ExportColumn<Order>[] = [
  { header: 'Share price', kind: 'money', value: (o) => o.sharePrice },
  { header: 'Order value', kind: 'money', value: (o) => o.orderValue },
  { header: 'Fees', kind: 'money', value: (o) => o.fees },
  { header: 'Base charges', kind: 'money', value: (o) => o.baseCharges },
  { header: 'Amount due', kind: 'money', value: (o) => o.amountDue },
  { header: 'Received', kind: 'money', value: (o) => o.amountReceived },
  { header: 'Balance due', kind: 'money', value: (o) => o.balanceDue },
];

/**
 * The columns of the orders export. Without money.read the money columns are left out altogether rather than
 * exported empty: an empty "Fees" column would read as "no fee".
 */
export function orderExportColumns(canSeeMoney: boolean): readonly ExportColumn<Order>[] {
  return canSeeMoney ? [...COMMON, ...MONEY] : COMMON;
}
