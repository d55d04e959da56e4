import type { ListInvoicesQuery } from '@bizdash/contracts/invoices';
import { sql } from 'kysely';
import type { Dialect, Executor } from '../../../platform/db/database';
import { matchesSearch } from '../../../platform/db/trigram-search';
import type { InvoiceRow } from './invoices.tables';

const SORTS = {
  date: 'date',
  number: 'number',
  total: 'grand_total_paise',
  balance: 'balance_due_paise',
  dueDate: 'due_date',
} as const;

/** A page of the documents a list query filters (overdue as of `today`) and how many there are in all. */
export async function pageOfInvoices(
  executor: Executor,
  dialect: Dialect,
  query: ListInvoicesQuery,
  today: string,
): Promise<{ rows: InvoiceRow[]; total: number }> {
  let base = executor.selectFrom('invoices');
  if (query.type) base = base.where('type', '=', query.type);
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.direction) base = base.where('direction', '=', query.direction);
  if (query.status) base = base.where('status', '=', query.status);
  if (query.partyId) base = base.where('party_id', '=', query.partyId);
  if (query.orderId) base = base.where('order_id', '=', query.orderId);
  if (query.ids) base = base.where('id', 'in', query.ids);
  if (query.from) base = base.where('date', '>=', query.from);
  if (query.to) base = base.where('date', '<=', query.to);
  const overdueFilter = (b: typeof base) =>
    b
      .where('status', '=', 'issued')
      .where('type', '<>', 'credit_note')
      .where('balance_due_paise', '>', 0)
      .where('due_date', '<', today);
  if (query.overdue === 'true' || query.paymentStatus === 'overdue') base = overdueFilter(base);
  if (query.overdue === 'false') {
    base = base.where((eb) =>
      eb.or([
        eb('status', '<>', 'issued'),
        eb('type', '=', 'credit_note'),
        eb('balance_due_paise', '<=', 0),
        eb('due_date', 'is', null),
        eb('due_date', '>=', today),
      ]),
    );
  }
  if (query.open === 'true') {
    base = base.where('status', '=', 'issued').where('type', '<>', 'credit_note').where('balance_due_paise', '>', 0);
  }
  if (query.open === 'false') {
    base = base.where((eb) =>
      eb.or([eb('status', '<>', 'issued'), eb('type', '=', 'credit_note'), eb('balance_due_paise', '<=', 0)]),
    );
  }
  if (query.paymentStatus === 'paid') base = base.where('payment_status', '=', 'paid');
  if (query.paymentStatus === 'unpaid' || query.paymentStatus === 'partial') {
    // Overdue documents answer `overdue`, so they are left out here.
    base = base
      .where('payment_status', '=', query.paymentStatus)
      .where((eb) => eb.or([eb('due_date', 'is', null), eb('due_date', '>=', today)]));
  }
  if (query.q) {
    const q = query.q;
    const escaped = q.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`invoices.number like ${`${escaped}%`} escape '\\'`,
        eb('invoices.supplier_number', '=', q),
        eb('invoices.party_id', 'in', eb.selectFrom('parties').select('parties.id').where(matchesSearch(dialect, q))),
      ]),
    );
  }
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy(SORTS[query.sort], query.order)
    // id breaks ties so pages never overlap or skip rows
    .orderBy('id', query.order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(countRow.total) };
}
