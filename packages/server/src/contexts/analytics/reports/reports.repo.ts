import type { Period } from '@bizdash/domain/metrics/definitions';
import { sql } from 'kysely';
import type { Database } from '../../../platform/db/database';
import { dateText, daysBetweenSql, localDaySql } from './metrics.repo';
import type { Span } from './periods';

/**
 * The aggregate queries of the reports read from the sources (the revenue report reads the day summaries in
 * metrics.repo.ts; ageing has ageing.repo.ts; drill-downs records.repo.ts). Rows come back as the database gives them.
 */

/** +1, or -1 for a credit note: notes count against the period they fall in. */
const SIGN = sql`case when i.type = 'credit_note' then -1 else 1 end`;

/** Settlements by partner of orders closed in the span, with the payouts made to each in the period. */
export async function partnerRevenueRows(database: Database, period: Period, span: Span) {
  const r = await sql<Record<string, unknown>>`
        select p.id as id, p.name as name, t.orders as orders, t.revenue as revenue, t.expenses as expenses,
          t.partner_share as partner_share, t.business_share as business_share,
          coalesce((select sum(y.amount_paise) from payouts y where y.partner_id = p.id
                    and y.date >= ${period.from} and y.date <= ${period.to}), 0) as payouts
        from (
          select e.partner_id as partner_id, count(distinct o.id) as orders, sum(e.revenue_paise) as revenue,
            sum(e.expenses_paise) as expenses, sum(e.partner_share_paise) as partner_share,
            sum(e.business_share_paise) as business_share
          from orders o join settlement_entries e on e.order_id = o.id
          where o.closed_at >= ${span.fromTs} and o.closed_at < ${span.toTsExclusive}
            and o.stage_code in ('completed', 'failed') and e.partner_id is not null
          group by e.partner_id
        ) t join parties p on p.id = t.partner_id
        order by t.partner_share desc, p.id`.execute(database.db);
  return r.rows;
}

/** Taxable value and tax of issued documents by GST rate and direction, ITC-ineligible bills left out. */
export async function taxLiabilityRows(database: Database, period: Period) {
  const r = await sql<Record<string, unknown>>`
        select l.gst_rate_bp as rate, i.direction as direction,
          sum(${SIGN} * l.taxable_paise) as taxable,
          sum(${SIGN} * (l.cgst_paise + l.sgst_paise + l.igst_paise + l.cess_paise)) as tax
        from invoices i join invoice_lines l on l.invoice_id = i.id
        where i.status = 'issued' and i.date >= ${period.from} and i.date <= ${period.to}
          and not (i.direction = 'payable' and i.itc_eligibility = 'ineligible')
        group by l.gst_rate_bp, i.direction
        order by l.gst_rate_bp`.execute(database.db);
  return r.rows;
}

/** Issued documents of one direction by month (yyyy-mm), credit notes negative. */
export async function registerRows(database: Database, period: Period, direction: 'receivable' | 'payable') {
  const month = database.dialect === 'postgres' ? sql`to_char(i.date, 'YYYY-MM')` : sql`substr(i.date, 1, 7)`;
  const r = await sql<Record<string, unknown>>`
      select ${month} as month, count(*) as documents,
        sum(${SIGN} * i.taxable_paise) as taxable, sum(${SIGN} * i.cgst_paise) as cgst,
        sum(${SIGN} * i.sgst_paise) as sgst, sum(${SIGN} * i.igst_paise) as igst,
        sum(${SIGN} * i.cess_paise) as cess, sum(${SIGN} * i.grand_total_paise) as total
      from invoices i
      where i.status = 'issued' and i.direction = ${direction}
        and i.date >= ${period.from} and i.date <= ${period.to}
      group by 1
      order by 1`.execute(database.db);
  return r.rows;
}

/** Orders closed in the span by order type or assignee: completed, failed, days to complete, on time. */
export async function orderTurnaroundRows(database: Database, span: Span, timeZone: string, byType: boolean) {
  const group = byType ? sql`o.order_type_id` : sql`o.assignee_id`;
  const nameJoin = byType
    ? sql`left join order_types g on g.id = t.group_id`
    : sql`left join users g on g.id = t.group_id`;
  const day = localDaySql(database, 'o.closed_at', timeZone);
  const dueText = dateText(database, 'o.due_date');
  const r = await sql<Record<string, unknown>>`
        select t.group_id as group_id, g.name as name, t.completed as completed, t.failed as failed,
          t.days_sum as days_sum, t.with_due as with_due, t.on_time as on_time
        from (
          select ${group} as group_id,
            sum(case when o.stage_code = 'completed' then 1 else 0 end) as completed,
            sum(case when o.stage_code = 'failed' then 1 else 0 end) as failed,
            sum(case when o.stage_code = 'completed' then ${daysBetweenSql(database, 'o.created_at', 'o.closed_at')} else 0 end) as days_sum,
            sum(case when o.stage_code = 'completed' and o.due_date is not null then 1 else 0 end) as with_due,
            sum(case when o.stage_code = 'completed' and o.due_date is not null and ${day} <= ${dueText} then 1 else 0 end) as on_time
          from orders o
          where o.closed_at >= ${span.fromTs} and o.closed_at < ${span.toTsExclusive}
            and o.stage_code in ('completed', 'failed')
          group by ${group}
        ) t ${nameJoin}
        order by g.name, t.group_id`.execute(database.db);
  return r.rows;
}
