import type { Executor } from '../../../platform/db/database';

/** The queries of invoice-from-order.ts. */

/** The order with its type's name, SAC code and GST rate: what its invoice bills. */
export function findOrderToInvoice(executor: Executor, orderId: number) {
  return executor
    .selectFrom('orders')
    .innerJoin('order_types', 'order_types.id', 'orders.order_type_id')
    .select([
      'orders.id',
      'orders.number',
      'orders.title',
      'orders.client_id',
      'orders.stage_code',
      'orders.fees_paise',
      'orders.base_charges_paise',
      'order_types.name as type_name',
      'order_types.sac_code',
      'order_types.gst_rate_bp',
    ])
    .where('orders.id', '=', orderId)
    .executeTakeFirst();
}

/** The order's first sales invoice that is a draft or issued (a cancelled one does not count). */
export function findLiveSalesInvoice(executor: Executor, orderId: number) {
  return executor
    .selectFrom('invoices')
    .select(['id', 'number', 'status'])
    .where('order_id', '=', orderId)
    .where('type', '=', 'sales')
    .where('status', 'in', ['draft', 'issued'])
    .orderBy('id')
    .executeTakeFirst();
}
