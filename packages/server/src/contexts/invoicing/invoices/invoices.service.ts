import type {
  BusinessSnapshot,
  CancelInvoiceInput,
  CreateInvoiceInput,
  Invoice,
  IssueInvoiceInput,
  InvoicePage,
  InvoicePreview,
  ListInvoicesQuery,
  LockPeriodInput,
  PeriodLock,
  PeriodLockList,
  UnlockPeriodInput,
  UpdateInvoiceInput,
} from '@bizdash/contracts/invoices';
import { AppError, isAppError } from '@bizdash/domain/errors';
import { defaultSeriesTemplate, renderSeries } from '@bizdash/domain/invoice-number';
import { can } from '@bizdash/domain/permissions';
import { sql, type Transaction } from 'kysely';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import { forUpdate } from '../../../platform/db/dialect-sql';
import { matchesSearch } from '../../../platform/db/trigram-search';
import type { RequestContext } from '../../../platform/request-context';
import { emitEvent } from '../../../platform/jobs/events';
import type { OrderLink } from './order-link';
import type { PaymentsService } from '../payments/payments.service';
import { applyProformaAdvances } from '../sales-documents/proforma-advances';
import { releaseConversion } from '../sales-documents/release-conversion';
import { toDocumentRef, toInvoice, toSummary } from './invoice-mapping';
import { keepIssuedLogo } from './pdf/invoice-logo';
import { inputOfDraft, prepareInvoice, toPreview, type PreparedInvoice } from './invoice-prepare';
import type { InvoiceRow } from './invoices.tables';
import { assertPeriodOpen, lockInvoice, refreshSettlement, settlementOf } from './invoice-balance';

export interface InvoicesServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time: today's date decides what is overdue. */
  calendar: BusinessCalendar;
  /** Issuing an order's invoice applies the order's advances (its receipts' unallocated payments) to it. */
  payments?: PaymentsService | undefined;
  /** The orders context: an order follows its invoices' figures and applies its advances when one is issued. */
  orderLink: OrderLink;
}

export type InvoicesService = ReturnType<typeof makeInvoicesService>;

/** dd-mm-yyyy, as documents and messages show dates. */
const displayDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

/** Which number series a receivable document is numbered from; payable documents carry the supplier's number. */
function seriesOf(row: Pick<InvoiceRow, 'type' | 'kind' | 'direction'>): string | null {
  if (row.direction === 'payable') return null;
  switch (row.type) {
    case 'sales':
      return row.kind === 'bill_of_supply' ? 'bill_of_supply' : 'invoice';
    case 'credit_note':
      return 'credit_note';
    case 'debit_note':
      return 'debit_note';
    case 'purchase':
      return null;
    default: {
      const never: never = row.type;
      throw new Error(`unknown document type ${String(never)}`);
    }
  }
}

const SORTS = {
  date: 'date',
  number: 'number',
  total: 'grand_total_paise',
  balance: 'balance_due_paise',
  dueDate: 'due_date',
} as const;

/** What the audit trail shows of a document: its identity, amounts and state (lines are summarised by count). */
function auditView(row: Partial<InvoiceRow>, lineCount?: number): Record<string, unknown> {
  return {
    type: row.type,
    kind: row.kind,
    status: row.status,
    number: row.number,
    date: row.date,
    dueDate: row.due_date,
    partyId: row.party_id,
    placeOfSupply: row.place_of_supply,
    regime: row.regime,
    regimeOverrideReason: row.regime_override_reason,
    taxable: row.taxable_paise,
    totalTax: row.total_tax_paise,
    grandTotal: row.grand_total_paise,
    originalInvoiceId: row.original_invoice_id,
    ...(lineCount !== undefined ? { lines: lineCount } : {}),
  };
}

export function makeInvoicesService({ database, audit, clock, calendar, payments, orderLink }: InvoicesServiceDeps) {
  const { dialect } = database;

  function prepare(executor: Executor, input: CreateInvoiceInput, selfId?: number, lock = false) {
    return prepareInvoice(input, {
      executor,
      dialect,
      ...(selfId !== undefined ? { selfId } : {}),
      lockOriginal: lock,
    });
  }

  async function load(executor: Executor, id: number): Promise<Invoice> {
    const row = await executor.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `Document ${id} not found`);
    // Sequential on purpose: one pooled connection per request keeps the pool small under load.
    const lines = await executor
      .selectFrom('invoice_lines')
      .selectAll()
      .where('invoice_id', '=', id)
      .orderBy('position')
      .execute();
    const refColumns = ['id', 'type', 'number', 'date', 'status', 'grand_total_paise'] as const;
    const original =
      row.original_invoice_id === null
        ? undefined
        : await executor
            .selectFrom('invoices')
            .select(refColumns)
            .where('id', '=', row.original_invoice_id)
            .executeTakeFirst();
    const notes = await executor
      .selectFrom('invoices')
      .select(refColumns)
      .where('original_invoice_id', '=', id)
      .orderBy('date')
      .orderBy('id')
      .execute();
    const today = await calendar.today(executor);
    return toInvoice(row, lines, original ? toDocumentRef(original) : null, notes.map(toDocumentRef), today);
  }

  /** The full document (lines, tax, totals, snapshots, balance): the PDF and e-invoice builders read this. */
  function get(id: number): Promise<Invoice> {
    return load(database.db, id);
  }

  async function preview(input: CreateInvoiceInput): Promise<InvoicePreview> {
    return toPreview(await prepare(database.db, input));
  }

  /** `fresh`: the document was just inserted, so it has no lines to replace. */
  async function writeLines(tx: Transaction<DB>, invoiceId: number, prepared: PreparedInvoice, fresh = false) {
    if (!fresh) await tx.deleteFrom('invoice_lines').where('invoice_id', '=', invoiceId).execute();
    // Chunked: SQLite limits the bound parameters of one statement.
    for (let i = 0; i < prepared.lines.length; i += 25) {
      const chunk = prepared.lines.slice(i, i + 25).map((l) => ({ ...l, invoice_id: invoiceId }));
      await tx.insertInto('invoice_lines').values(chunk).execute();
    }
  }

  /**
   * `alsoInTransaction` lets a caller add its own record of the creation (an order's timeline entry) in the same
   * transaction, so the two exist together or not at all.
   */
  async function create(
    ctx: RequestContext,
    input: CreateInvoiceInput,
    alsoInTransaction?: (tx: Transaction<DB>, invoiceId: number) => Promise<void>,
  ): Promise<Invoice> {
    // Validate and compute before the transaction: bad input never takes the write lock.
    await prepare(database.db, input);
    const id = await database.transaction(async (tx) => {
      await assertPeriodOpen(tx, input.date);
      const prepared = await prepare(tx, input);
      const row = await insertDraft(tx, ctx, input, prepared);
      if (alsoInTransaction) await alsoInTransaction(tx, row.id);
      return row.id;
    });
    return get(id);
  }

  /** Writes a priced draft, its lines and the creation's audit entry: the one way a document comes to exist. */
  async function insertDraft(
    tx: Transaction<DB>,
    ctx: RequestContext,
    input: CreateInvoiceInput,
    prepared: PreparedInvoice,
  ): Promise<InvoiceRow> {
    const now = clock.now().toISOString();
    const row = await tx
      .insertInto('invoices')
      .values({
        ...prepared.row,
        status: 'draft',
        number: null,
        series: null,
        sequence: null,
        ...settlementOf({ status: 'draft', type: input.type, grand_total_paise: 0 }, 0, 0),
        created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeLines(tx, row.id, prepared, true);
    await audit.record(tx, ctx, {
      action: 'invoice.created',
      entity: 'invoice',
      entityId: row.id,
      changes: Object.fromEntries(
        Object.entries(auditView(row, prepared.lines.length)).map(([k, v]) => [k, { before: null, after: v ?? null }]),
      ),
    });
    return row;
  }

  /**
   * Create and issue in one transaction, for a caller that issues what it drafts (the recurring scheduler): the
   * same draft, audit entries, number, journal and events as `create` then `issue`, at a fraction of the cost. The
   * input is priced once, inside the transaction: issue re-prices a draft to catch master data changed since it was
   * saved, and nothing can change between the two steps here. It returns the id and number only; callers that show
   * the document load it with `get`. Either both steps happen or neither: a refused issue leaves no draft.
   */
  async function createIssued(
    ctx: RequestContext,
    input: CreateInvoiceInput,
    alsoInTransaction?: (tx: Transaction<DB>, invoiceId: number) => Promise<void>,
    options: IssueInvoiceInput = {},
  ): Promise<{ id: number; number: string }> {
    return database.transaction(async (tx) => {
      // The order first, as issue takes it (a receipt on the order locks order, then documents).
      if (input.orderId) {
        await forUpdate(dialect, tx.selectFrom('orders').select('id').where('id', '=', input.orderId)).execute();
      }
      await assertPeriodOpen(tx, input.date);
      // Locking the original as issue's re-validation does (a note's limits hold until commit).
      const prepared = await prepare(tx, input, undefined, true);
      const draft = await insertDraft(tx, ctx, input, prepared);
      if (alsoInTransaction) await alsoInTransaction(tx, draft.id);
      const number = await issuePrepared(tx, ctx, draft, prepared, options, true);
      return { id: draft.id, number };
    });
  }

  function assertDraft(row: InvoiceRow, what: string) {
    if (row.status !== 'draft') {
      throw new AppError(
        'INVALID_STATE',
        `Document ${row.number ?? row.id} is ${row.status}; ${what} only a draft. Correct an issued document with a credit or debit note.`,
        { status: row.status },
      );
    }
  }

  async function update(ctx: RequestContext, id: number, input: UpdateInvoiceInput): Promise<Invoice> {
    await database.transaction(async (tx) => {
      const before = await lockInvoice(tx, dialect, id);
      if (!before) throw new AppError('NOT_FOUND', `Document ${id} not found`);
      assertDraft(before, 'you can change');
      await assertPeriodOpen(tx, before.date);
      await assertPeriodOpen(tx, input.date);
      // The link to an order survives an edit that does not mention it (null unlinks on purpose).
      const orderId = input.orderId === undefined ? before.order_id : input.orderId;
      const prepared = await prepare(tx, { ...input, type: before.type, orderId }, id);
      const after = await tx
        .updateTable('invoices')
        .set({ ...prepared.row, updated_at: clock.now().toISOString() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeLines(tx, id, prepared);
      await audit.record(tx, ctx, {
        action: 'invoice.updated',
        entity: 'invoice',
        entityId: id,
        changes: diff(auditView(before), auditView(after, prepared.lines.length)),
      });
    });
    return get(id);
  }

  function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const key of Object.keys(after)) {
      const b = before[key] ?? null;
      const a = after[key] ?? null;
      if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = { before: b, after: a };
    }
    return changes;
  }

  /**
   * Takes the next number of a series inside the issuing transaction. A series belongs to one GST registration
   * (Rule 46(b): consecutive per GSTIN and financial year), so each GSTIN's run has no holes left by another's.
   * The series row is locked (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE holds the only write lock), so
   * concurrent issues queue on it and a rolled back issue gives its number back: numbers are never reused and never
   * skipped. Under that lock it also checks that numbers follow dates: a document dated before the latest of its
   * series is refused (BACKDATED_ISSUE, naming that document) unless back-dating is explicitly allowed.
   */
  async function takeNumber(
    tx: Transaction<DB>,
    ctx: RequestContext,
    doc: { series: string; fy: string; gstin: string; furtherStateCode: string | null; date: string },
    allowBackdated: boolean,
  ) {
    const { series, fy, gstin } = doc;
    const now = clock.now().toISOString();
    const inserted = await tx
      .insertInto('number_series')
      .values({
        gstin,
        document_type: series,
        financial_year: fy,
        template: defaultSeriesTemplate(series, doc.furtherStateCode),
        next_sequence: 1,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['gstin', 'document_type', 'financial_year']).doNothing())
      .executeTakeFirst();
    const row = await forUpdate(
      dialect,
      tx
        .selectFrom('number_series')
        .selectAll()
        .where('gstin', '=', gstin)
        .where('document_type', '=', series)
        .where('financial_year', '=', fy),
    ).executeTakeFirstOrThrow();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
      await audit.record(tx, ctx, {
        action: 'number_series.created',
        entity: 'number_series',
        entityId: row.id,
        changes: {
          gstin: { before: null, after: gstin || null },
          documentType: { before: null, after: series },
          financialYear: { before: null, after: fy },
          template: { before: null, after: row.template },
        },
      });
    }
    let later = tx
      .selectFrom('invoices')
      .select(['id', 'number', 'date'])
      .where('series', '=', series)
      .where('financial_year', '=', fy)
      .where('date', '>', doc.date)
      .where('sequence', 'is not', null);
    later = gstin ? later.where('business_gstin', '=', gstin) : later.where('business_gstin', 'is', null);
    const latest = await later.orderBy('date', 'desc').orderBy('sequence', 'desc').limit(1).executeTakeFirst();
    if (latest) {
      const details = { id: latest.id, number: latest.number, date: latest.date, field: 'date' };
      if (!allowBackdated) {
        throw new AppError(
          'BACKDATED_ISSUE',
          `${latest.number ?? latest.id} of this series is dated ${displayDate(latest.date)}, after this document's ` +
            `${displayDate(doc.date)}: numbers follow dates. Date it ${displayDate(latest.date)} or later, or issue ` +
            'it as back-dated.',
          details,
        );
      }
      if (ctx.actor.role === null || !can(ctx.actor.role, 'invoices.backdate')) {
        throw new AppError(
          'FORBIDDEN',
          'Only an owner, admin or accountant can issue a document dated before the latest of its series',
          details,
        );
      }
    }
    const sequence = Number(row.next_sequence);
    let number: string;
    try {
      number = renderSeries(row.template, { fy, seq: sequence });
    } catch (error) {
      if (isAppError(error) && error.code === 'VALIDATION_FAILED') {
        throw new AppError(
          'SERIES_INVALID',
          `The ${series} series for ${fy}${gstin ? ` of ${gstin}` : ''} cannot number more documents: ${error.message}`,
          {
            field: 'template',
            series,
            financialYear: fy,
            gstin,
          },
        );
      }
      throw error;
    }
    await tx
      .updateTable('number_series')
      .set({ next_sequence: sequence + 1, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    return { number, sequence, backdatedBehind: latest ? { number: latest.number, date: latest.date } : null };
  }

  /** Draft -> issued: re-validates against current master data, refreshes the snapshots, numbers and freezes it. */
  async function issue(ctx: RequestContext, id: number, options: IssueInvoiceInput = {}): Promise<Invoice> {
    await database.transaction(async (tx) => {
      // An order's invoice locks the order first, in the order a receipt on it takes its locks (order, then
      // documents), so the two never deadlock on PostgreSQL.
      const link = await tx.selectFrom('invoices').select('order_id').where('id', '=', id).executeTakeFirst();
      if (link?.order_id != null) {
        await forUpdate(dialect, tx.selectFrom('orders').select('id').where('id', '=', link.order_id)).execute();
      }
      const before = await lockInvoice(tx, dialect, id);
      if (!before) throw new AppError('NOT_FOUND', `Document ${id} not found`);
      assertDraft(before, 'you can issue');
      await assertPeriodOpen(tx, before.date);
      const lines = await tx
        .selectFrom('invoice_lines')
        .selectAll()
        .where('invoice_id', '=', id)
        .orderBy('position')
        .execute();
      const prepared = await prepare(tx, inputOfDraft(before, lines), id, true);
      await issuePrepared(tx, ctx, before, prepared, options, false);
    });
    return get(id);
  }

  /**
   * Issue's work on a locked draft priced as `prepared`: checks the supplier's number or takes ours, freezes the
   * figures, settles, applies advances, audits and announces. `stored`: the draft's row and lines were written
   * from this same `prepared` in this transaction, so only what issuing changes is written. Returns the number.
   */
  async function issuePrepared(
    tx: Transaction<DB>,
    ctx: RequestContext,
    before: InvoiceRow,
    prepared: PreparedInvoice,
    options: IssueInvoiceInput,
    stored: boolean,
  ): Promise<string> {
    const id = before.id;
    const series = seriesOf(before);
    let number: string;
    let sequence: number | null = null;
    let backdatedBehind: { number: string | null; date: string } | null = null;
    if (series === null) {
      // Payable documents are the supplier's: they carry its number, which must not be recorded twice.
      if (!before.supplier_number) {
        throw new AppError('VALIDATION_FAILED', "supplierNumber: the supplier's document number is required", {
          field: 'supplierNumber',
        });
      }
      if (before.type === 'purchase' && !before.supplier_date) {
        throw new AppError('VALIDATION_FAILED', "supplierDate: the supplier's bill date is required", {
          field: 'supplierDate',
        });
      }
      const dupe = await tx
        .selectFrom('invoices')
        .select('id')
        .where('party_id', '=', before.party_id)
        .where('type', '=', before.type)
        .where('financial_year', '=', before.financial_year)
        .where('supplier_number', '=', before.supplier_number)
        .where('status', '=', 'issued')
        .executeTakeFirst();
      if (dupe) {
        throw new AppError(
          'DUPLICATE',
          `Supplier number ${before.supplier_number} is already recorded (document ${dupe.id})`,
          {
            field: 'supplierNumber',
            id: dupe.id,
          },
        );
      }
      number = before.supplier_number;
    } else {
      // The series of the registration the document is issued from: the refreshed snapshot's GSTIN.
      const gstin = prepared.row.business_gstin ?? '';
      ({ number, sequence, backdatedBehind } = await takeNumber(
        tx,
        ctx,
        {
          series,
          fy: before.financial_year,
          gstin,
          furtherStateCode: prepared.row.business_registration_id === null ? null : prepared.row.business_state_code,
          date: before.date,
        },
        options.allowBackdated === true,
      ));
    }
    const now = clock.now().toISOString();
    const issuedRow = { ...before, ...prepared.row, status: 'issued' as const };
    await tx
      .updateTable('invoices')
      .set({
        ...(stored ? {} : prepared.row),
        status: 'issued',
        number,
        series,
        sequence,
        issued_at: now,
        updated_at: now,
        ...settlementOf(issuedRow, 0, 0),
      })
      .where('id', '=', id)
      .execute();
    if (!stored) await writeLines(tx, id, prepared);
    // The PDF of an issued document never changes: keep the logo it is issued with, whatever settings do later.
    await keepIssuedLogo(tx, (JSON.parse(prepared.row.business_snapshot) as BusinessSnapshot).logoSha256, now);
    // Figures that depend on other rows come from their sources.
    await refreshSettlement(tx, id, now, orderLink);
    if (before.type === 'credit_note' && before.original_invoice_id !== null) {
      await refreshSettlement(tx, before.original_invoice_id, now, orderLink);
    }
    // A receipt recorded before the invoice is an advance of the order: it settles the invoice as it is issued.
    const orderId = prepared.row.order_id ?? before.order_id;
    if (payments && orderId !== null && before.direction === 'receivable' && before.type !== 'credit_note') {
      await orderLink.applyAdvances(tx, ctx, orderId);
    }
    // Payments received against the proforma this invoice was converted from are advances applied to it now.
    if (payments && before.type === 'sales') await applyProformaAdvances(tx, ctx, payments, id);
    await audit.record(tx, ctx, {
      action: 'invoice.issued',
      entity: 'invoice',
      entityId: id,
      changes: {
        status: { before: 'draft', after: 'issued' },
        number: { before: null, after: number },
        grandTotal: { before: before.grand_total_paise, after: prepared.row.grand_total_paise },
        // The explicit override: this number comes after a document with a later date.
        ...(backdatedBehind
          ? {
              backdated: {
                before: null,
                after: { laterNumber: backdatedBehind.number, laterDate: backdatedBehind.date },
              },
            }
          : {}),
      },
    });
    await emitEvent(
      tx,
      {
        type: 'invoice.issued',
        entity: 'invoice',
        entityId: id,
        payload: { type: before.type, number, partyId: before.party_id, date: before.date },
      },
      now,
    );
    return number;
  }

  /** Issued -> cancelled with a reason; the number stays used. Refused while payments or notes rely on it. */
  async function cancel(ctx: RequestContext, id: number, input: CancelInvoiceInput): Promise<Invoice> {
    const reason = input.reason.trim();
    if (!reason) throw new AppError('REASON_REQUIRED', 'Say why the document is cancelled', { field: 'reason' });
    await database.transaction(async (tx) => {
      const before = await lockInvoice(tx, dialect, id);
      if (!before) throw new AppError('NOT_FOUND', `Document ${id} not found`);
      if (before.status !== 'issued') {
        throw new AppError(
          'INVALID_STATE',
          before.status === 'draft' ? 'A draft has no number to cancel; delete it instead' : 'Already cancelled',
          { status: before.status },
        );
      }
      await assertPeriodOpen(tx, before.date);
      if (Number(before.amount_paid_paise) > 0) {
        throw new AppError('INVALID_STATE', 'Payments are allocated to this document; deallocate them first', {
          amountPaid: before.amount_paid_paise,
        });
      }
      const note = await tx
        .selectFrom('invoices')
        .select(['id', 'number'])
        .where('original_invoice_id', '=', id)
        .where('status', '=', 'issued')
        .executeTakeFirst();
      if (note) {
        throw new AppError('INVALID_STATE', `Note ${note.number ?? note.id} corrects this document; cancel it first`, {
          noteId: note.id,
        });
      }
      const now = clock.now().toISOString();
      await tx
        .updateTable('invoices')
        .set({ status: 'cancelled', cancelled_at: now, cancel_reason: reason, updated_at: now })
        .where('id', '=', id)
        .execute();
      await refreshSettlement(tx, id, now, orderLink);
      if (before.type === 'credit_note' && before.original_invoice_id !== null) {
        await refreshSettlement(tx, before.original_invoice_id, now, orderLink);
      }
      await audit.record(tx, ctx, {
        action: 'invoice.cancelled',
        entity: 'invoice',
        entityId: id,
        changes: { status: { before: 'issued', after: 'cancelled' }, cancelReason: { before: null, after: reason } },
      });
      await emitEvent(
        tx,
        {
          type: 'invoice.cancelled',
          entity: 'invoice',
          entityId: id,
          payload: { type: before.type, number: before.number, partyId: before.party_id },
        },
        now,
      );
    });
    return get(id);
  }

  /** Deletes a draft (it has no number yet, so nothing is lost from a series). */
  async function remove(ctx: RequestContext, id: number): Promise<void> {
    await database.transaction(async (tx) => {
      const before = await lockInvoice(tx, dialect, id);
      if (!before) throw new AppError('NOT_FOUND', `Document ${id} not found`);
      assertDraft(before, 'you can delete');
      await assertPeriodOpen(tx, before.date);
      await tx.deleteFrom('invoice_lines').where('invoice_id', '=', id).execute();
      // A draft made from a quotation, proforma or challan gives its quantities back to it.
      await releaseConversion(tx, id);
      await tx.deleteFrom('invoices').where('id', '=', id).execute();
      await audit.record(tx, ctx, {
        action: 'invoice.deleted',
        entity: 'invoice',
        entityId: id,
        changes: Object.fromEntries(
          Object.entries(auditView(before)).map(([k, v]) => [k, { before: v ?? null, after: null }]),
        ),
      });
    });
  }

  async function list(query: ListInvoicesQuery): Promise<InvoicePage> {
    const today = await calendar.today(database.db);
    let base = database.db.selectFrom('invoices');
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
    return {
      items: rows.map((r) => toSummary(r, today)),
      total: Number(countRow.total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  // ---- period locks

  function toLock(row: {
    period: string;
    locked_at: string;
    locked_by_id: number | null;
    locked_by_name: string | null;
  }): PeriodLock {
    return {
      period: row.period,
      lockedAt: row.locked_at,
      lockedBy: { id: row.locked_by_id, name: row.locked_by_name },
    };
  }

  async function listLocks(): Promise<PeriodLockList> {
    const rows = await database.db.selectFrom('period_locks').selectAll().orderBy('period', 'desc').execute();
    return { items: rows.map(toLock) };
  }

  async function lockPeriod(ctx: RequestContext, input: LockPeriodInput): Promise<PeriodLock> {
    return database.transaction(async (tx) => {
      const existing = await tx
        .selectFrom('period_locks')
        .selectAll()
        .where('period', '=', input.period)
        .executeTakeFirst();
      if (existing) return toLock(existing);
      const row = await tx
        .insertInto('period_locks')
        .values({
          period: input.period,
          locked_at: clock.now().toISOString(),
          locked_by_id: ctx.actor.id,
          locked_by_name: ctx.actor.name,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(tx, ctx, {
        action: 'period.locked',
        entity: 'period_lock',
        entityId: input.period,
        changes: { locked: { before: false, after: true } },
      });
      return toLock(row);
    });
  }

  /** Only an owner or admin reopens a month, and says why. */
  async function unlockPeriod(ctx: RequestContext, period: string, input: UnlockPeriodInput): Promise<void> {
    if (ctx.actor.role !== 'owner' && ctx.actor.role !== 'admin') {
      throw new AppError('FORBIDDEN', 'Only an owner or admin can unlock a period');
    }
    const reason = input.reason.trim();
    if (!reason) throw new AppError('REASON_REQUIRED', 'Say why the period is unlocked', { field: 'reason' });
    await database.transaction(async (tx) => {
      const existing = await tx.selectFrom('period_locks').selectAll().where('period', '=', period).executeTakeFirst();
      if (!existing) throw new AppError('NOT_FOUND', `${period} is not locked`);
      await tx.deleteFrom('period_locks').where('period', '=', period).execute();
      await audit.record(tx, ctx, {
        action: 'period.unlocked',
        entity: 'period_lock',
        entityId: period,
        changes: { locked: { before: true, after: false }, reason: { before: null, after: reason } },
      });
    });
  }

  return {
    get,
    list,
    preview,
    create,
    createIssued,
    update,
    issue,
    cancel,
    remove,
    listLocks,
    lockPeriod,
    unlockPeriod,
  };
}
