import type { Period } from '@bizdash/domain/metrics/definitions';
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../../platform/db/database';
import { dateText, localDaySql } from './metrics.repo';
import type { Span } from './periods';

/** The drill-down queries: a page of the orders or documents behind a report row, and how many there are. */

export interface Page {
  page: number;
  pageSize: number;
}

/** The drill-down's amount due of an order: its fees, or its base charges once failed. */
const AMOUNT_DUE = sql`case when o.stage_code = 'failed' then o.base_charges_paise else o.fees_paise end`;

/** Orders closed (completed or failed) in the span, optionally of one partner, order type or assignee. */
export async function closedOrdersPage(
  database: Database,
  span: Span,
  timeZone: string,
  by: { partnerId?: number | null; orderTypeId?: number | null; assigneeId?: number | null },
  page: Page,
) {
  const { db } = database;
  let q = db
    .selectFrom('orders as o')
    .where('o.closed_at', '>=', span.fromTs)
    .where('o.closed_at', '<', span.toTsExclusive)
    .where('o.stage_code', 'in', ['completed', 'failed']);
  if (by.partnerId !== undefined) q = q.where('o.partner_id', by.partnerId === null ? 'is' : '=', by.partnerId);
  if (by.orderTypeId !== undefined) q = q.where('o.order_type_id', '=', by.orderTypeId ?? -1);
  if (by.assigneeId !== undefined) q = q.where('o.assignee_id', by.assigneeId === null ? 'is' : '=', by.assigneeId);
  const [count, items] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    q
      .innerJoin('parties as c', 'c.id', 'o.client_id')
      .select([
        'o.id',
        'o.number',
        'o.title',
        'o.stage_code',
        'o.amount_received_paise',
        'c.name',
        localDaySql(database, 'o.closed_at', timeZone).as('closed_on'),
        (AMOUNT_DUE as RawBuilder<number>).as('amount_due'),
      ])
      .orderBy('o.closed_at')
      .orderBy('o.id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
  ]);
  return { total: count?.n, items };
}

export interface InvoiceFilter {
  direction?: 'receivable' | 'payable';
  trading?: boolean;
  rateBp?: number;
  outstanding?: boolean;
  partyId?: number | null;
}

/** Issued documents, dated in the period when there is one, by direction, GST rate, open balance or party. */
export async function issuedInvoicesPage(database: Database, period: Period | null, by: InvoiceFilter, page: Page) {
  let q = database.db.selectFrom('invoices as i').where('i.status', '=', 'issued');
  if (period) q = q.where('i.date', '>=', period.from).where('i.date', '<=', period.to);
  if (by.direction) q = q.where('i.direction', '=', by.direction);
  if (by.trading) q = q.where('i.order_id', 'is', null);
  if (by.outstanding) q = q.where('i.type', '<>', 'credit_note').where('i.balance_due_paise', '>', 0);
  if (by.partyId) q = q.where('i.party_id', '=', by.partyId);
  if (by.rateBp !== undefined) {
    const rate = by.rateBp;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('invoice_lines as l')
          .select('l.id')
          .whereRef('l.invoice_id', '=', 'i.id')
          .where('l.gst_rate_bp', '=', rate),
      ),
    );
  }
  const [count, items] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    q
      .select([
        'i.id',
        'i.number',
        'i.type',
        'i.party_name',
        'i.taxable_paise',
        'i.total_tax_paise',
        'i.grand_total_paise',
        'i.balance_due_paise',
        dateText(database, 'i.date').as('date_text'),
      ])
      .orderBy('i.date')
      .orderBy('i.id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
  ]);
  return { total: count?.n, items };
}
