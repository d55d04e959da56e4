import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';

/**
 * What invoicing tells the orders context. An order is billed through its invoices, so the orders context follows
 * their figures; invoicing does not import it (the orders context imports invoicing), and the composition root hands
 * this in. Both calls run in the caller's transaction.
 */
export interface OrderLink {
  /** A document's paid, credited or balance figures changed: the order it bills follows them. */
  documentChanged(executor: Executor, invoiceId: number, now: string): Promise<void>;
  /** An order's invoice was issued: receipts recorded on the order before it settle it as advances. */
  applyAdvances(tx: Transaction<DB>, ctx: RequestContext, orderId: number): Promise<void>;
}
