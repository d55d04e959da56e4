import type { ListSalesDocumentsQuery, SalesDocument, SalesDocumentPage } from '@bizdash/contracts/sales-documents';
import { AppError } from '@bizdash/domain/errors';
import { formatQuantity } from '@bizdash/domain/gst/units';
import { toMoneyString } from '@bizdash/domain/money';
import { amountInWords } from '@bizdash/domain/words';
import type { Executor } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import { toLine, toTaxDecision, toTotals } from '../invoices/invoice-mapping';
import { asInvoiceLine, asInvoiceRow, effectiveStatus, type SalesDocumentsServiceDeps } from './sales-documents-core';
import * as repo from './sales-documents.repo';

/** Reading quotations, proformas and challans: one document as the API shows it, and pages of a kind. */
export function makeSalesDocumentReads({
  database,
  calendar,
  clock,
}: Pick<SalesDocumentsServiceDeps, 'database' | 'calendar' | 'clock'>) {
  async function load(executor: Executor, id: number): Promise<SalesDocument> {
    const row = await repo.getRow(executor, id);
    if (!row) throw new AppError('NOT_FOUND', `Document ${id} not found`);
    const lines = await repo.getLines(executor, id);
    const conversions = await repo.conversionsOf(executor, id);
    const advances = await repo.advancesOf(executor, id);
    const today = await calendar.today(executor);
    const orderType =
      row.order_type_id === null ? null : ((await repo.orderTypeName(executor, row.order_type_id)) ?? null);
    const partner = row.partner_id === null ? null : ((await repo.partyName(executor, row.partner_id)) ?? null);
    const fake = asInvoiceRow(row);
    const advanceTotal = advances.reduce((s, a) => s + Number(a.amount_paise) + Number(a.tds_paise), 0);
    return {
      id: row.id,
      kind: row.kind,
      status: effectiveStatus(row, today),
      number: row.number,
      financialYear: row.financial_year,
      date: row.date,
      validUntil: row.valid_until,
      party: JSON.parse(row.party_snapshot) as SalesDocument['party'],
      business: JSON.parse(row.business_snapshot) as SalesDocument['business'],
      tax: toTaxDecision(fake),
      roundToRupee: toBool(row.round_to_rupee),
      lines: lines.map((l) => ({
        ...toLine(asInvoiceLine(l), row.regime),
        convertedQuantity: formatQuantity(Number(l.converted_quantity_milli)),
        remainingQuantity: formatQuantity(Number(l.quantity_milli) - Number(l.converted_quantity_milli)),
      })),
      totals: toTotals(fake),
      amountInWords: amountInWords(Number(row.grand_total_paise)),
      orderType: orderType ? { id: Number(orderType.id), name: orderType.name } : null,
      partner: partner ? { id: Number(partner.id), name: partner.name } : null,
      challanReason: row.challan_reason,
      transport: row.transport,
      ewayBill: {
        number: row.ewb_number,
        date: row.ewb_date,
        validUntil: row.ewb_valid_until,
        partB: row.ewb_part_b === null ? null : (JSON.parse(row.ewb_part_b) as SalesDocument['ewayBill']['partB']),
      },
      notes: row.notes,
      terms: row.terms,
      conversions: conversions.map((c) => ({
        invoiceId: Number(c.id),
        number: c.number,
        date: c.date,
        status: c.status,
        grandTotal: toMoneyString(Number(c.grand_total_paise)),
      })),
      convertedOrderId: row.converted_order_id,
      advances: advances.map((a) => ({
        paymentId: Number(a.id),
        date: a.date,
        amount: toMoneyString(Number(a.amount_paise) + Number(a.tds_paise)),
        mode: a.mode,
        reference: a.reference,
        allocated: toMoneyString(Number(a.allocated_paise)),
      })),
      advanceTotal: toMoneyString(advanceTotal),
      hasLiveLink: await repo.hasLiveLink(executor, id, clock.now().toISOString()),
      sentAt: row.sent_at,
      respondedAt: row.responded_at,
      responseNote: row.response_note,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  function get(id: number): Promise<SalesDocument> {
    return load(database.db, id);
  }

  async function list(query: ListSalesDocumentsQuery): Promise<SalesDocumentPage> {
    const today = await calendar.today();
    const { rows, total } = await repo.listPage(database.db, query, today);
    return {
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        status: effectiveStatus(row, today),
        number: row.number,
        date: row.date,
        validUntil: row.valid_until,
        party: { id: row.party_id, name: row.party_name, gstin: row.party_gstin },
        taxableValue: toMoneyString(Number(row.taxable_paise)),
        totalTax: toMoneyString(Number(row.total_tax_paise)),
        grandTotal: toMoneyString(Number(row.grand_total_paise)),
        convertedInvoiceId: row.converted_invoice_id,
        convertedOrderId: row.converted_order_id,
        createdAt: row.created_at,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  return { get, list };
}
