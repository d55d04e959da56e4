import type { CreateInvoiceInput, Invoice, PartySnapshot, SupplyKind } from '@bizdash/contracts/invoices';
import type {
  ConvertToInvoiceInput,
  ConvertToOrderInput,
  CreateSalesDocumentInput,
  CreateSalesDocumentLinkInput,
  ListSalesDocumentsQuery,
  PublicQuotationResponse,
  RecordAdvanceInput,
  SalesDocument,
  SalesDocumentLink,
  SalesDocumentPage,
  SalesDocumentStatus,
  SetSalesDocumentStatusInput,
  UpdateSalesDocumentInput,
} from '@bizdash/contracts/sales-documents';
import type { CreateOrderInput, OrderDetail } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { formatQuantity, parseQuantity } from '@bizdash/domain/gst/units';
import { toMoneyString } from '@bizdash/domain/money';
import { amountInWords } from '@bizdash/domain/words';
import type { Transaction } from 'kysely';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import type { DB } from '../../../db-schema';
import type { RequestContext } from '../../../platform/request-context';
import { prepareInvoice, type PreparedInvoice } from '../invoices/invoice-prepare';
import { toLine, toTaxDecision, toTotals } from '../invoices/invoice-mapping';
import type { InvoiceLineRow, InvoiceRow } from '../invoices/invoices.tables';
import type { InvoicesService } from '../invoices/invoices.service';
import type { PaymentsService } from '../payments/payments.service';
import { hashLinkToken, newLinkToken } from '../../../platform/security/link-tokens';
import { applyProformaAdvances } from './proforma-advances';
import * as repo from './sales-documents.repo';
import type { SalesDocumentLineRow, SalesDocumentRow } from './sales-documents.repo';

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

export type SalesDocumentsService = ReturnType<typeof makeSalesDocumentsService>;

const DAY_MS = 24 * 60 * 60 * 1000;
const LINK_GONE = 'This link has expired, was revoked or does not exist';

const KIND_NAME = { quotation: 'Quotation', proforma: 'Proforma invoice', delivery_challan: 'Delivery challan' };

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

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
function asInvoiceRow(row: SalesDocumentRow): InvoiceRow {
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

function asInvoiceLine(line: SalesDocumentLineRow): InvoiceLineRow {
  return { ...line, invoice_id: line.document_id } as unknown as InvoiceLineRow;
}

/** The invoice line input that prices `line` again (at `quantityMilli` when given) through the same engine. */
function lineInput(line: SalesDocumentLineRow, regime: InvoiceRow['regime'], quantityMilli?: number) {
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

function auditView(row: Partial<SalesDocumentRow>, lineCount?: number): Record<string, unknown> {
  return {
    kind: row.kind,
    status: row.status,
    number: row.number,
    date: row.date,
    validUntil: row.valid_until,
    partyId: row.party_id,
    placeOfSupply: row.place_of_supply,
    taxable: row.taxable_paise,
    totalTax: row.total_tax_paise,
    grandTotal: row.grand_total_paise,
    ...(lineCount !== undefined ? { lines: lineCount } : {}),
  };
}

function created(view: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(view).map(([k, v]) => [k, { before: null, after: v ?? null }]));
}

export function makeSalesDocumentsService({
  database,
  audit,
  clock,
  calendar,
  invoices,
  orders,
  payments,
  publicBaseUrl,
}: SalesDocumentsServiceDeps) {
  const { dialect } = database;

  /** Kind rules, then the invoice engine: the same preparation (party, regime, lines, totals) as a sales invoice. */
  async function prepare(
    executor: Executor,
    kind: SalesDocumentRow['kind'],
    input: UpdateSalesDocumentInput,
  ): Promise<PreparedInvoice> {
    const isChallan = kind === 'delivery_challan';
    if (isChallan && !input.challanReason) {
      throw new AppError('VALIDATION_FAILED', 'challanReason: is required on a delivery challan (Rule 55)', {
        field: 'challanReason',
      });
    }
    if (!isChallan && input.challanReason) {
      throw new AppError('VALIDATION_FAILED', 'challanReason: only delivery challans have one', {
        field: 'challanReason',
      });
    }
    if (isChallan && input.validUntil) {
      throw new AppError('VALIDATION_FAILED', 'validUntil: a delivery challan has no validity date', {
        field: 'validUntil',
      });
    }
    if (kind !== 'quotation' && (input.orderTypeId || input.partnerId)) {
      throw new AppError('VALIDATION_FAILED', 'orderTypeId: only quotations become orders', { field: 'orderTypeId' });
    }
    if (input.validUntil && input.validUntil < input.date) {
      throw new AppError('VALIDATION_FAILED', 'validUntil: is before the document date', { field: 'validUntil' });
    }
    if (input.orderTypeId) {
      const type = await executor
        .selectFrom('order_types')
        .select('id')
        .where('id', '=', input.orderTypeId)
        .executeTakeFirst();
      if (!type) {
        throw new AppError('VALIDATION_FAILED', `orderTypeId: order type ${input.orderTypeId} does not exist`, {
          field: 'orderTypeId',
        });
      }
    }
    if (input.partnerId) {
      const partner = await executor
        .selectFrom('parties')
        .select(['id', 'is_partner'])
        .where('id', '=', input.partnerId)
        .executeTakeFirst();
      if (!partner || !toBool(partner.is_partner)) {
        throw new AppError('VALIDATION_FAILED', `partnerId: party ${input.partnerId} is not a partner`, {
          field: 'partnerId',
        });
      }
    }
    return prepareInvoice(
      {
        type: 'sales',
        partyId: input.partyId,
        date: input.date,
        businessRegistrationId: input.businessRegistrationId ?? null,
        placeOfSupply: input.placeOfSupply ?? null,
        supplyKind: input.supplyKind ?? null,
        reverseCharge: input.reverseCharge,
        roundToRupee: input.roundToRupee,
        shippingAddress: input.shippingAddress ?? null,
        notes: input.notes ?? null,
        terms: input.terms ?? null,
        lines: input.lines,
      },
      { executor, dialect },
    );
  }

  /** The columns a save writes, from the prepared invoice and the kind's own fields. */
  function columns(kind: SalesDocumentRow['kind'], input: UpdateSalesDocumentInput, prepared: PreparedInvoice) {
    const r = prepared.row;
    return {
      financial_year: r.financial_year,
      date: r.date,
      valid_until: kind === 'delivery_challan' ? null : (input.validUntil ?? addDays(input.date, 15)),
      party_id: r.party_id,
      party_name: r.party_name,
      party_gstin: r.party_gstin ?? null,
      party_state_code: r.party_state_code ?? null,
      party_snapshot: r.party_snapshot,
      business_registration_id: r.business_registration_id ?? null,
      business_gstin: r.business_gstin ?? null,
      business_state_code: r.business_state_code,
      business_snapshot: r.business_snapshot,
      place_of_supply: r.place_of_supply,
      supplier_state_code: r.supplier_state_code,
      supply_kind: r.supply_kind,
      regime: r.regime,
      is_inter_state: r.is_inter_state,
      is_zero_rated: r.is_zero_rated,
      is_igst_on_intra: r.is_igst_on_intra,
      regime_override_reason: r.regime_override_reason ?? null,
      reverse_charge: r.reverse_charge,
      round_to_rupee: r.round_to_rupee,
      order_type_id: input.orderTypeId ?? null,
      partner_id: input.partnerId ?? null,
      challan_reason: input.challanReason ?? null,
      transport: input.transport?.trim() || null,
      notes: input.notes ?? null,
      terms: input.terms ?? null,
      gross_paise: r.gross_paise,
      discount_paise: r.discount_paise,
      taxable_paise: r.taxable_paise,
      cgst_paise: r.cgst_paise,
      sgst_paise: r.sgst_paise,
      igst_paise: r.igst_paise,
      cess_ad_valorem_paise: r.cess_ad_valorem_paise,
      cess_non_ad_valorem_paise: r.cess_non_ad_valorem_paise,
      cess_paise: r.cess_paise,
      other_charges_paise: r.other_charges_paise,
      total_tax_paise: r.total_tax_paise,
      round_off_paise: r.round_off_paise,
      grand_total_paise: r.grand_total_paise,
    };
  }

  function lineColumns(prepared: PreparedInvoice) {
    return prepared.lines.map((l) => ({
      ...l,
      original_line_id: null,
      taxability: l.taxability ?? 'taxable',
      converted_quantity_milli: 0,
    }));
  }

  async function load(executor: Executor, id: number): Promise<SalesDocument> {
    const row = await repo.getRow(executor, id);
    if (!row) throw new AppError('NOT_FOUND', `Document ${id} not found`);
    const lines = await repo.getLines(executor, id);
    const conversions = await repo.conversionsOf(executor, id);
    const advances = await repo.advancesOf(executor, id);
    const today = await calendar.today(executor);
    const orderType =
      row.order_type_id === null
        ? null
        : ((await executor
            .selectFrom('order_types')
            .select(['id', 'name'])
            .where('id', '=', row.order_type_id)
            .executeTakeFirst()) ?? null);
    const partner =
      row.partner_id === null
        ? null
        : ((await executor
            .selectFrom('parties')
            .select(['id', 'name'])
            .where('id', '=', row.partner_id)
            .executeTakeFirst()) ?? null);
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

  async function create(ctx: RequestContext, input: CreateSalesDocumentInput): Promise<SalesDocument> {
    // Validate and compute before the transaction: bad input never takes the write lock.
    await prepare(database.db, input.kind, input);
    const id = await database.transaction(async (tx) => {
      const prepared = await prepare(tx, input.kind, input);
      const now = clock.now().toISOString();
      const cols = columns(input.kind, input, prepared);
      const series = repo.SERIES_OF[input.kind];
      const { number, sequence } = await repo.takeNumber(tx, dialect, {
        series,
        fy: cols.financial_year,
        gstin: cols.business_gstin ?? '',
        furtherStateCode: cols.business_registration_id === null ? null : cols.business_state_code,
        now,
      });
      const row = await tx
        .insertInto('sales_documents')
        .values({
          ...cols,
          kind: input.kind,
          status: 'draft',
          number,
          series,
          sequence,
          converted_invoice_id: null,
          converted_order_id: null,
          sent_at: null,
          responded_at: null,
          response_note: null,
          created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await repo.replaceLines(tx, row.id, lineColumns(prepared));
      await audit.record(tx, ctx, {
        action: 'sales_document.created',
        entity: 'sales_document',
        entityId: row.id,
        changes: created(auditView(row, prepared.lines.length)),
      });
      return row.id;
    });
    return get(id);
  }

  async function lockOrThrow(tx: Transaction<DB>, id: number): Promise<SalesDocumentRow> {
    const row = await repo.lockRow(tx, dialect, id);
    if (!row) throw new AppError('NOT_FOUND', `Document ${id} not found`);
    return row;
  }

  async function update(ctx: RequestContext, id: number, input: UpdateSalesDocumentInput): Promise<SalesDocument> {
    await database.transaction(async (tx) => {
      const before = await lockOrThrow(tx, id);
      if (before.status !== 'draft' && before.status !== 'sent') {
        throw new AppError('INVALID_STATE', `A ${before.status} document cannot be changed`, { status: before.status });
      }
      if (before.converted_invoice_id !== null) {
        throw new AppError('INVALID_STATE', 'A document already (partly) converted cannot be changed', {
          status: before.status,
        });
      }
      const prepared = await prepare(tx, before.kind, input);
      const cols = columns(before.kind, input, prepared);
      if (cols.financial_year !== before.financial_year) {
        throw new AppError('VALIDATION_FAILED', `date: must stay in FY ${before.financial_year} (its number's year)`, {
          field: 'date',
        });
      }
      const after = await tx
        .updateTable('sales_documents')
        .set({ ...cols, updated_at: clock.now().toISOString() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await repo.replaceLines(tx, id, lineColumns(prepared));
      const b = auditView(before);
      const a = auditView(after, prepared.lines.length);
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      for (const key of Object.keys(a)) {
        if (JSON.stringify(b[key] ?? null) !== JSON.stringify(a[key] ?? null))
          changes[key] = { before: b[key] ?? null, after: a[key] ?? null };
      }
      await audit.record(tx, ctx, {
        action: 'sales_document.updated',
        entity: 'sales_document',
        entityId: id,
        changes,
      });
    });
    return get(id);
  }

  const ALLOWED: Record<SetSalesDocumentStatusInput['status'], readonly SalesDocumentStatus[]> = {
    sent: ['draft'],
    accepted: ['draft', 'sent'],
    declined: ['draft', 'sent'],
    cancelled: ['draft', 'sent', 'accepted', 'declined', 'expired'],
  };

  async function changeStatus(
    tx: Transaction<DB>,
    ctx: RequestContext,
    row: SalesDocumentRow,
    to: SetSalesDocumentStatusInput['status'],
    note: string | null,
  ) {
    const today = await calendar.today(tx);
    const current = effectiveStatus(row, today);
    if ((to === 'accepted' || to === 'declined') && row.kind !== 'quotation') {
      throw new AppError('INVALID_STATE', 'Only a quotation is accepted or declined', { status: current });
    }
    if (!ALLOWED[to].includes(current)) {
      throw new AppError('INVALID_STATE', `A ${current} ${KIND_NAME[row.kind].toLowerCase()} cannot become ${to}`, {
        status: current,
      });
    }
    const now = clock.now().toISOString();
    const responded = to === 'accepted' || to === 'declined';
    await tx
      .updateTable('sales_documents')
      .set({
        status: to,
        updated_at: now,
        ...(to === 'sent' ? { sent_at: now } : {}),
        ...(responded ? { responded_at: now, response_note: note } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    await audit.record(tx, ctx, {
      action: `sales_document.${to}`,
      entity: 'sales_document',
      entityId: row.id,
      changes: { status: { before: current, after: to }, ...(note ? { note: { before: null, after: note } } : {}) },
    });
  }

  async function setStatus(ctx: RequestContext, id: number, input: SetSalesDocumentStatusInput) {
    await database.transaction(async (tx) => {
      const row = await lockOrThrow(tx, id);
      await changeStatus(tx, ctx, row, input.status, input.note ?? null);
    });
    return get(id);
  }

  // ---- public view links (quotations and proformas)

  async function createLink(
    ctx: RequestContext,
    id: number,
    input: CreateSalesDocumentLinkInput,
  ): Promise<SalesDocumentLink> {
    return database.transaction(async (tx) => {
      const row = await lockOrThrow(tx, id);
      if (row.kind === 'delivery_challan') {
        throw new AppError('INVALID_STATE', 'A delivery challan travels with the goods; it has no view link');
      }
      const current = effectiveStatus(row, await calendar.today(tx));
      if (current === 'cancelled' || current === 'expired' || current === 'converted') {
        throw new AppError('INVALID_STATE', `A ${current} document cannot be shared`, { status: current });
      }
      // Sharing is sending: a draft becomes sent, which is what the client may answer.
      if (current === 'draft') await changeStatus(tx, ctx, row, 'sent', null);
      const token = newLinkToken();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString();
      const link = await tx
        .insertInto('sales_document_links')
        .values({
          document_id: id,
          token_hash: hashLinkToken(token),
          expires_at: expiresAt,
          revoked_at: null,
          created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
          created_at: now.toISOString(),
          last_used_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(tx, ctx, {
        action: 'public_link.created',
        entity: 'public_link',
        entityId: `sd-${link.id}`,
        changes: {
          kind: { before: null, after: `${row.kind}_view` },
          salesDocumentId: { before: null, after: id },
          expiresAt: { before: null, after: expiresAt },
        },
      });
      const path = `/public/quotation/${token}`;
      const url = publicBaseUrl ? `${publicBaseUrl.replace(/\/+$/, '')}${path}` : null;
      return { token, path, url, expiresAt };
    });
  }

  async function resolve(executor: Executor, token: string) {
    const link = await repo.linkByHash(executor, hashLinkToken(token));
    if (!link || link.revoked_at !== null || link.expires_at <= clock.now().toISOString()) {
      throw new AppError('NOT_FOUND', LINK_GONE);
    }
    return link;
  }

  /** The document behind a view link, for its public page; each view is counted. */
  async function publicView(token: string): Promise<{ document: SalesDocument; expiresAt: string }> {
    const link = await resolve(database.db, token);
    await database.db
      .updateTable('sales_document_links')
      .set({ last_used_at: clock.now().toISOString() })
      .where('id', '=', link.id)
      .execute();
    return { document: await get(link.document_id), expiresAt: link.expires_at };
  }

  /** The client's answer on the public page; recorded as theirs (anonymous actor named after the party). */
  async function publicRespond(
    requestCtx: RequestContext,
    token: string,
    input: PublicQuotationResponse,
  ): Promise<SalesDocument> {
    const link = await resolve(database.db, token);
    await database.transaction(async (tx) => {
      const row = await lockOrThrow(tx, link.document_id);
      const ctx: RequestContext = {
        ...requestCtx,
        actor: { type: 'anonymous', id: null, name: `${row.party_name} (via quotation link)`, role: null },
      };
      if (row.kind !== 'quotation') throw new AppError('INVALID_STATE', 'Only a quotation is accepted or declined');
      const current = effectiveStatus(row, await calendar.today(tx));
      if (current !== 'sent') {
        throw new AppError('INVALID_STATE', `This quotation is ${current}; it can no longer be answered`, {
          status: current,
        });
      }
      await changeStatus(tx, ctx, row, input.response === 'accept' ? 'accepted' : 'declined', input.note || null);
    });
    return get(link.document_id);
  }

  // ---- conversions

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
      const locked = await lockOrThrow(tx, id);
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
          await tx
            .updateTable('sales_document_lines')
            .set({ converted_quantity_milli: converted })
            .where('id', '=', line.id)
            .execute();
        }
      }
      await tx
        .insertInto('sales_document_conversions')
        .values({
          document_id: id,
          invoice_id: invoiceId,
          quantities: JSON.stringify(Object.fromEntries(take)),
          created_at: now,
        })
        .execute();
      await tx
        .updateTable('sales_documents')
        .set({
          converted_invoice_id: locked.converted_invoice_id ?? invoiceId,
          ...(fullyConverted ? { status: 'converted' as const } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
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
      const locked = await lockOrThrow(tx, id);
      const now = clock.now().toISOString();
      await tx
        .updateTable('sales_documents')
        .set({ converted_order_id: order.id, status: 'converted', updated_at: now })
        .where('id', '=', id)
        .execute();
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

  // ---- proforma advances

  async function recordAdvance(ctx: RequestContext, id: number, input: RecordAdvanceInput): Promise<SalesDocument> {
    await database.transaction(async (tx) => {
      const row = await lockOrThrow(tx, id);
      if (row.kind !== 'proforma') throw new AppError('INVALID_STATE', 'Advances are received against a proforma');
      if (row.status === 'cancelled') throw new AppError('INVALID_STATE', 'The proforma is cancelled');
      // An unallocated customer payment: the money book sees an advance of the party; the proforma only links it.
      const paymentId = await payments.createIn(tx, ctx, {
        direction: 'received',
        partyId: row.party_id,
        date: input.date,
        amount: input.amount,
        mode: input.mode,
        reference: input.reference ?? null,
        tdsAmount: '0',
        notes: `Advance against proforma ${row.number}`,
        allocations: [],
      });
      const now = clock.now().toISOString();
      await tx
        .insertInto('sales_document_advances')
        .values({ document_id: id, payment_id: paymentId, created_at: now })
        .execute();
      // Received after its tax invoice was issued: applied to that invoice now, as issuing would have.
      for (const c of await repo.conversionsOf(tx, id)) {
        if (c.status === 'issued') await applyProformaAdvances(tx, ctx, payments, Number(c.id));
      }
      await audit.record(tx, ctx, {
        action: 'sales_document.advance_recorded',
        entity: 'sales_document',
        entityId: id,
        changes: { paymentId: { before: null, after: paymentId }, amount: { before: null, after: input.amount } },
      });
    });
    return get(id);
  }

  return {
    get,
    list,
    create,
    update,
    setStatus,
    createLink,
    publicView,
    publicRespond,
    convertToInvoice,
    convertToOrder,
    recordAdvance,
  };
}
