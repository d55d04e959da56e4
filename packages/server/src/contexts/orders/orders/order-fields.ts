import { parseAmount } from '@bizdash/domain/money';
import { invalid } from './order-support';
import type { OrderRow } from './orders.tables';

/** An amount field of create and update in paise, refused when negative. */
export function money(text: string, field: string): number {
  const paise = parseAmount(text, field);
  if (paise < 0) invalid(field, 'must not be negative');
  return paise;
}

/** What the audit trail records of an order: its stored values, by field. */
export function auditView(
  row: Pick<
    OrderRow,
    | 'title'
    | 'description'
    | 'client_id'
    | 'partner_id'
    | 'order_type_id'
    | 'company_id'
    | 'share_count'
    | 'share_price_paise'
    | 'fees_paise'
    | 'base_charges_paise'
    | 'assignee_id'
    | 'priority'
    | 'tags'
    | 'due_date'
    | 'share_bp'
  >,
): Record<string, unknown> {
  return {
    title: row.title,
    description: row.description,
    clientId: row.client_id,
    partnerId: row.partner_id,
    orderTypeId: row.order_type_id,
    companyId: row.company_id,
    shareCount: row.share_count === null ? null : Number(row.share_count),
    sharePricePaise: row.share_price_paise === null ? null : Number(row.share_price_paise),
    feesPaise: Number(row.fees_paise),
    baseChargesPaise: Number(row.base_charges_paise),
    shareBp: Number(row.share_bp),
    assigneeId: row.assignee_id,
    priority: row.priority,
    tags: JSON.parse(row.tags) as unknown,
    dueDate: row.due_date,
  };
}
