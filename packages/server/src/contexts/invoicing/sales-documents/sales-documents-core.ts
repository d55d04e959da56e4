import type { CreateInvoiceInput } from '@bizdash/contracts/invoices';
import type { SalesDocument, SalesDocumentStatus } from '@bizdash/contracts/sales-documents';
import type { CreateOrderInput, OrderDetail } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import { formatQuantity } from '@bizdash/domain/gst/units';
import type { Transaction } from 'kysely';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database, Dialect } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import type { RequestContext } from '../../../platform/request-context';
import { toLine } from '../invoices/invoice-mapping';
import type { InvoiceLineRow, InvoiceRow } from '../invoices/invoices.tables';
import type { InvoicesService } from '../invoices/invoices.service';
import type { PaymentsService } from '../payments/payments.service';
import * as repo from './sales-documents.repo';
import type { SalesDocumentLineRow, SalesDocumentRow } from './sales-documents.repo';

/** What the sales-documents service and its use cases are made from. */
export interface SalesDocumentsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time: today's date decides what has expired. */
  calendar: BusinessCalendar;
  invoices: Pick<InvoicesService, 'create' | 'get'>;
  /** A quotation accepted becomes an order (the orders context; wired by the composition root). */
  orders: { create(ctx: RequestContext, input: CreateOrderInput): Promise<OrderDetail> };
  payments: Pick<PaymentsService, 'createIn' | 'allocateIn'>;
  /** Address of the public listener as clients reach it (PUBLIC_URL). */
  publicBaseUrl?: string | undefined;
}

/** The document as the API shows it, re-read after a change. */
export type GetSalesDocument = (id: number) => Promise<SalesDocument>;

export const KIND_NAME = { quotation: 'Quotation', proforma: 'Proforma invoice', delivery_challan: 'Delivery challan' };

/** The status a reader sees: a draft or sent quotation/proforma past its validity date has expired. */
export function effectiveStatus(
  row: Pick<SalesDocumentRow, 'status' | 'valid_until'>,
  today: string,
): SalesDocumentStatus {
  if ((repo.EXPIRING as readonly string[]).includes(row.status) && row.valid_until !== null && row.valid_until < today)
    return 'expired';
  return row.status;
}

/** The stored row read as an invoice row: the tax and total columns share their names, the rest is fixed. */
export function asInvoiceRow(row: SalesDocumentRow): InvoiceRow {
  return {
    ...row,
    type: 'sales',
    kind: 'tax_invoice',
    direction: 'receivable',
    due_date: null,
    original_invoice_id: null,
    amount_paid_paise: 0,
    amount_credited_paise: 0,
    balance_due_paise: 0,
    payment_status: null,
  } as unknown as InvoiceRow; // only the tax, party and total columns are read
}

export function asInvoiceLine(line: SalesDocumentLineRow): InvoiceLineRow {
  return { ...line, invoice_id: line.document_id } as unknown as InvoiceLineRow;
}

/** The invoice line input that prices `line` again (at `quantityMilli` when given) through the same engine. */
export function lineInput(line: SalesDocumentLineRow, regime: InvoiceRow['regime'], quantityMilli?: number) {
  const view = toLine(asInvoiceLine(line), regime);
  return {
    itemId: line.item_id,
    description: line.description,
    hsnSac: line.hsn_sac,
    quantity: quantityMilli === undefined ? view.quantity : formatQuantity(quantityMilli),
    unit: line.unit,
    rate: view.rate,
    discount: view.discount ? { type: view.discount.type, value: view.discount.value } : null,
    gstRate: view.gstRate,
    cessRate: view.cessRate,
    cessPerUnit: view.cessPerUnit,
    taxability: line.taxability,
  } as CreateInvoiceInput['lines'][number];
}

export async function lockOrThrow(tx: Transaction<DB>, dialect: Dialect, id: number): Promise<SalesDocumentRow> {
  const row = await repo.lockRow(tx, dialect, id);
  if (!row) throw new AppError('NOT_FOUND', `Document ${id} not found`);
  return row;
}
