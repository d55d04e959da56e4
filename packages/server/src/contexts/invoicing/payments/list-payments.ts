import type { ListPaymentsQuery, PaymentPage } from '@bizdash/contracts/payments';
import type { Database } from '../../../platform/db/database';
import { summaryOf } from './payment-core';
import * as repo from './payments.repo';

/** The payments list: one page of payments, each with the documents it settles. */
export async function listPayments(database: Database, query: ListPaymentsQuery): Promise<PaymentPage> {
  const { rows, total } = await repo.listPayments(database.db, database.dialect, query);
  // The documents each payment of the page settles: one query for the page, on the allocations' primary key.
  const ids = rows.map((r) => r.id);
  const settled = ids.length === 0 ? [] : await repo.documentsSettledBy(database.db, ids);
  const settles = new Map<number, { invoiceId: number; number: string | null }[]>();
  for (const s of settled) {
    const list = settles.get(s.payment_id) ?? [];
    list.push({ invoiceId: s.id, number: s.number });
    settles.set(s.payment_id, list);
  }
  return {
    items: rows.map((r) => ({ ...summaryOf(r), settles: settles.get(r.id) ?? [] })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
