import type { CreateInvoiceInput, Invoice, PartySnapshot, SupplyKind } from '@bizdash/contracts/invoices';
import type { ConvertToInvoiceInput, ConvertToOrderInput } from '@bizdash/contracts/sales-documents';
import type { OrderDetail } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { formatQuantity, parseQuantity } from '@bizdash/domain/gst/units';
import { toMoneyString } from '@bizdash/domain/money';
import { toBool } from '../../../platform/db/columns';
import type { RequestContext } from '../../../platform/request-context';
import * as conversionsRepo from './sales-document-conversions.repo';
import {
  effectiveStatus,
  KIND_NAME,
  lineInput,
  lockOrThrow,
  type SalesDocumentsServiceDeps,
} from './sales-documents-core';
import * as repo from './sales-documents.repo';
import type { SalesDocumentRow } from './sales-documents.repo';

/** Converting a document: to a draft sales invoice (challans in parts), or a quotation to an order. */
export function makeSalesDocumentConversions({
  database,
  audit,
  clock,
  calendar,
  invoices,
  orders,
}: Pick<SalesDocumentsServiceDeps, 'database' | 'audit' | 'clock' | 'calendar' | 'invoices' | 'orders'>) {
  function assertConvertible(row: SalesDocumentRow, today: string) {
    const current = effectiveStatus(row, today);
    if (current === 'declined' || current === 'cancelled' || current === 'expired' || current === 'converted') {
      throw new AppError('INVALID_STATE', `A ${current} ${KIND_NAME[row.kind].toLowerCase()} cannot be converted`, {
        status: current,
      });
    }
  }

  /**
   * A draft sales invoice with the document's party, place of supply, supply kind and lines, priced again by the
   * same engine (so its lines and totals equal the document's for the same quantities). Challans take per-line
   * quantities up to what remains and stay open until every line is invoiced.
   */
  async function convertToInvoice(ctx: RequestContext, id: number, input: ConvertToInvoiceInput): Promise<Invoice> {
    const row = await repo.getRow(database.db, id);
    if (!row) throw new AppError('NOT_FOUND', `Document ${id} not found`);
    const today = await calendar.today();
    assertConvertible(row, today);
    const lines = await repo.getLines(database.db, id);
    const asked = new Map<number, number>();
    if (input.lines) {
      if (row.kind !== 'delivery_challan') {
        throw new AppError('VALIDATION_FAILED', 'lines: only a delivery challan is converted in parts', {
          field: 'lines',
        });
      }
      input.lines.forEach((l, i) => {
        if (!lines.some((x) => x.id === l.lineId)) {
          throw new AppError('VALIDATION_FAILED', `lines.${i}.lineId: line ${l.lineId} is not on this challan`, {
            field: `lines.${i}.lineId`,
          });
        }
        asked.set(l.lineId, parseQuantity(l.quantity, `lines.${i}.quantity`));
      });
    }
    const take = new Map<number, number>();
    for (const line of lines) {
      const remaining = Number(line.quantity_milli) - Number(line.converted_quantity_milli);
      const qty = input.lines ? (asked.get(line.id) ?? 0) : remaining;
      if (qty > remaining) {
        throw new AppError(
          'LIMIT_EXCEEDED',
          `Line ${line.position} (${line.description}): ${formatQuantity(qty)} asked, ${formatQuantity(remaining)} left to invoice`,
          { field: `lines`, lineId: line.id, remaining: formatQuantity(remaining) },
        );
      }
      if (qty > 0) take.set(line.id, qty);
    }
    if (take.size === 0) {
      throw new AppError('VALIDATION_FAILED', 'lines: nothing left to invoice', { field: 'lines' });
    }
    const party = JSON.parse(row.party_snapshot) as PartySnapshot;
    const ship = party.shippingAddress;
    const invoiceInput: CreateInvoiceInput = {
      type: 'sales',
      partyId: row.party_id,
      date: input.date ?? today,
      businessRegistrationId: row.business_registration_id,
      placeOfSupply: row.place_of_supply,
      supplyKind: row.supply_kind as SupplyKind, // written only from the SupplyKind enum
      reverseCharge: toBool(row.reverse_charge),
      roundToRupee: toBool(row.round_to_rupee),
      shippingAddress: ship
        ? { line1: ship.line1, line2: ship.line2, city: ship.city, stateCode: ship.stateCode, pin: ship.pin }
        : null,
      notes: row.notes,
      terms: row.terms,
      lines: lines
        .filter((l) => take.has(l.id))
        .map((l) => {
          const qty = take.get(l.id)!; // filtered above
          return lineInput(l, row.regime, qty === Number(l.quantity_milli) ? undefined : qty);
        }),
    };
    financialYearOf(invoiceInput.date, 'date');
    return invoices.create(ctx, invoiceInput, async (tx, invoiceId) => {
      // Under the document's lock: two conversions of one challan cannot both take the same remaining quantity.
      const locked = await lockOrThrow(tx, database.dialect, id);
      assertConvertible(locked, today);
      const now = clock.now().toISOString();
      let fullyConverted = true;
      for (const line of await repo.getLines(tx, id)) {
        const qty = take.get(line.id) ?? 0;
        const converted = Number(line.converted_quantity_milli) + qty;
        if (converted > Number(line.quantity_milli)) {
          throw new AppError('CONFLICT', 'The challan was converted meanwhile; reload it', { lineId: line.id });
        }
        if (converted < Number(line.quantity_milli)) fullyConverted = false;
        if (qty > 0) {
          await conversionsRepo.setLineConverted(tx, line.id, converted);
        }
      }
      await conversionsRepo.insertConversion(tx, {
        document_id: id,
        invoice_id: invoiceId,
        quantities: JSON.stringify(Object.fromEntries(take)),
        created_at: now,
      });
      await repo.updateDocument(tx, id, {
        converted_invoice_id: locked.converted_invoice_id ?? invoiceId,
        ...(fullyConverted ? { status: 'converted' as const } : {}),
        updated_at: now,
      });
      await audit.record(tx, ctx, {
        action: 'sales_document.converted',
        entity: 'sales_document',
        entityId: id,
        changes: {
          invoiceId: { before: null, after: invoiceId },
          ...(fullyConverted ? { status: { before: locked.status, after: 'converted' } } : {}),
        },
      });
    });
  }

  /** A service quotation becomes an order: its order type, client, partner and fees (the taxable value). */
  async function convertToOrder(ctx: RequestContext, id: number, input: ConvertToOrderInput): Promise<OrderDetail> {
    const row = await repo.getRow(database.db, id);
    if (!row) throw new AppError('NOT_FOUND', `Document ${id} not found`);
    if (row.kind !== 'quotation') throw new AppError('INVALID_STATE', 'Only a quotation becomes an order');
    const today = await calendar.today();
    assertConvertible(row, today);
    if (row.converted_invoice_id !== null) {
      throw new AppError('INVALID_STATE', 'This quotation is already invoiced', { status: row.status });
    }
    if (row.order_type_id === null) {
      throw new AppError('VALIDATION_FAILED', 'orderTypeId: set the order type on the quotation first', {
        field: 'orderTypeId',
      });
    }
    const lines = await repo.getLines(database.db, id);
    const order = await orders.create(ctx, {
      title: (input.title ?? lines[0]?.description ?? `Quotation ${row.number}`).slice(0, 200),
      description: `From quotation ${row.number}`,
      clientId: row.party_id,
      partnerId: row.partner_id,
      orderTypeId: row.order_type_id,
      fees: toMoneyString(Number(row.taxable_paise)),
      priority: 'normal',
      tags: [],
    });
    await database.transaction(async (tx) => {
      const locked = await lockOrThrow(tx, database.dialect, id);
      const now = clock.now().toISOString();
      await repo.updateDocument(tx, id, { converted_order_id: order.id, status: 'converted', updated_at: now });
      await audit.record(tx, ctx, {
        action: 'sales_document.converted',
        entity: 'sales_document',
        entityId: id,
        changes: {
          orderId: { before: null, after: order.id },
          status: { before: locked.status, after: 'converted' },
        },
      });
    });
    return order;
  }

  return { convertToInvoice, convertToOrder };
}
