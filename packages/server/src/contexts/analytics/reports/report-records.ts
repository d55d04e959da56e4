import type { ReportName, ReportRecords, ReportRowsQuery } from '@bizdash/contracts/reports';
import { AppError } from '@bizdash/domain/errors';
import type { Period } from '@bizdash/domain/metrics/definitions';
import type { Database } from '../../../platform/db/database';
import type { AccountsService } from '../../ledger/index';
import { accountRecords } from './book-reports';
import { spanOf } from './periods';
import { closedOrdersPage, issuedInvoicesPage, type InvoiceFilter, type Page } from './records.repo';
import { asOfOf, assertPartners, col, money, n, type Filters } from './report-common';

/** Drill-down: the records behind a report row (orders, documents or ledger lines), paginated. */

const ORDER_COLUMNS = [
  col('number', 'Order', 'text'),
  col('title', 'Title', 'text'),
  col('client', 'Client', 'text'),
  col('stage', 'Stage', 'text'),
  col('closedOn', 'Closed on', 'date'),
  col('amountDue', 'Amount due'),
  col('received', 'Received'),
];
const INVOICE_COLUMNS = [
  col('date', 'Date', 'date'),
  col('number', 'Number', 'text'),
  col('type', 'Type', 'text'),
  col('party', 'Party', 'text'),
  col('taxable', 'Taxable value'),
  col('tax', 'Tax'),
  col('total', 'Total'),
  col('balanceDue', 'Balance due'),
];

function parseKey(key: string | undefined): { kind: string; value: string } {
  if (!key) return { kind: 'all', value: '' };
  const i = key.indexOf(':');
  if (i < 1) throw new AppError('VALIDATION_FAILED', 'key must look like kind:value', { field: 'key' });
  return { kind: key.slice(0, i), value: key.slice(i + 1) };
}

function keyId(value: string): number | null {
  if (value === 'none') return null;
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0)
    throw new AppError('VALIDATION_FAILED', 'key has no valid id', { field: 'key' });
  return id;
}

function keyPeriod(value: string, within: Period): Period {
  const [from, to] = value.split('..');
  if (!from || !to || from < within.from || to > within.to || from > to) {
    throw new AppError('VALIDATION_FAILED', 'key period must lie within from..to', { field: 'key' });
  }
  return { from, to };
}

/** The records behind the row `query.key` of report `name`, under the report's filters. */
export async function reportRecords(
  database: Database,
  accounts: AccountsService,
  f: Filters,
  name: ReportName,
  query: ReportRowsQuery,
): Promise<ReportRecords> {
  const { kind, value } = parseKey(query.key);
  const page = { page: query.page, pageSize: query.pageSize };
  const orders = (period: Period, by: Parameters<typeof closedOrdersPage>[3]) =>
    orderRecords(database, f, period, by, page);
  const invoices = (period: Period | null, by: InvoiceFilter) => invoiceRecords(database, period, by, page);
  switch (name) {
    case 'revenue':
      return orders(kind === 'period' ? keyPeriod(value, f.period) : f.period, {});
    case 'partner-revenue':
      assertPartners(f);
      return orders(f.period, kind === 'partner' ? { partnerId: keyId(value) } : {});
    case 'order-turnaround':
      return orders(
        f.period,
        kind === 'type' ? { orderTypeId: keyId(value) } : kind === 'assignee' ? { assigneeId: keyId(value) } : {},
      );
    case 'sales-register':
    case 'purchase-register':
      return invoices(kind === 'period' ? keyPeriod(value, f.period) : f.period, {
        direction: name === 'sales-register' ? 'receivable' : 'payable',
      });
    case 'tax-liability':
      return invoices(f.period, kind === 'rate' ? { rateBp: Number(value) } : {});
    case 'profit-and-loss':
      return accountRecords(accounts, query.key, f.period, page);
    case 'balance-sheet': {
      const asOf = asOfOf(f);
      return accountRecords(accounts, query.key, { from: f.period.from < asOf ? f.period.from : asOf, to: asOf }, page);
    }
    case 'party-ageing':
      return invoices(null, {
        direction: f.query.direction,
        outstanding: true,
        partyId: kind === 'party' ? keyId(value) : null,
      });
  }
}

async function orderRecords(
  database: Database,
  f: Filters,
  period: Period,
  by: { partnerId?: number | null; orderTypeId?: number | null; assigneeId?: number | null },
  page: Page,
): Promise<ReportRecords> {
  const { total, items } = await closedOrdersPage(database, spanOf(period, f.timeZone), f.timeZone, by, page);
  return {
    entity: 'order',
    columns: ORDER_COLUMNS,
    total: n(total),
    ...page,
    items: items.map((o) => ({
      id: n(o.id),
      cells: {
        number: o.number,
        title: o.title,
        client: o.name,
        stage: o.stage_code,
        closedOn: o.closed_on,
        amountDue: money(n(o.amount_due)),
        received: money(n(o.amount_received_paise)),
      },
    })),
  };
}

async function invoiceRecords(
  database: Database,
  period: Period | null,
  by: InvoiceFilter,
  page: Page,
): Promise<ReportRecords> {
  const { total, items } = await issuedInvoicesPage(database, period, by, page);
  return {
    entity: 'invoice',
    columns: INVOICE_COLUMNS,
    total: n(total),
    ...page,
    items: items.map((i) => {
      const sign = i.type === 'credit_note' ? -1 : 1;
      return {
        id: n(i.id),
        cells: {
          date: i.date_text,
          number: i.number,
          type: i.type,
          party: i.party_name,
          taxable: money(sign * n(i.taxable_paise)),
          tax: money(sign * n(i.total_tax_paise)),
          total: money(sign * n(i.grand_total_paise)),
          balanceDue: money(n(i.balance_due_paise)),
        },
      };
    }),
  };
}
