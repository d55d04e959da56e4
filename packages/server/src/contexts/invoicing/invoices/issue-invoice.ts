import type { BusinessSnapshot, CreateInvoiceInput, Invoice, IssueInvoiceInput } from '@bizdash/contracts/invoices';
import { AppError } from '@bizdash/domain/errors';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import { emitEvent } from '../../../platform/jobs/events.repo';
import type { RequestContext } from '../../../platform/request-context';
import { applyProformaAdvances } from '../sales-documents/proforma-advances';
import { assertPeriodOpen, refreshSettlement, settlementOf } from './invoice-balance';
import type { InvoiceDrafts } from './invoice-drafts';
import { inputOfDraft, type PreparedInvoice } from './invoice-prepare';
import { assertDraft, seriesOf } from './invoice-rules';
import type { InvoicesServiceDeps } from './invoices-deps';
import {
  findIssuedSupplierNumber,
  findInvoiceLines,
  findOrderIdOf,
  lockInvoice,
  lockOrder,
  updateInvoice,
  writeInvoiceLines,
} from './invoices.repo';
import type { InvoiceRow } from './invoices.tables';
import { takeNumber } from './number-series';
import { keepIssuedLogo } from './pdf/invoice-logo';

/** Issuing: a draft (or an input drafted and issued at once) numbered, frozen, settled and announced. */
export function makeIssueInvoice(
  deps: InvoicesServiceDeps,
  drafts: Pick<InvoiceDrafts, 'prepare' | 'insertDraft'>,
  get: (id: number) => Promise<Invoice>,
) {
  const { database, audit, clock, payments, orderLink } = deps;
  const { dialect } = database;
  const { prepare, insertDraft } = drafts;

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
      if (input.orderId) await lockOrder(tx, dialect, input.orderId);
      await assertPeriodOpen(tx, input.date);
      // Locking the original as issue's re-validation does (a note's limits hold until commit).
      const prepared = await prepare(tx, input, undefined, true);
      const draft = await insertDraft(tx, ctx, input, prepared);
      if (alsoInTransaction) await alsoInTransaction(tx, draft.id);
      const number = await issuePrepared(tx, ctx, draft, prepared, options, true);
      return { id: draft.id, number };
    });
  }

  /** Draft -> issued: re-validates against current master data, refreshes the snapshots, numbers and freezes it. */
  async function issue(ctx: RequestContext, id: number, options: IssueInvoiceInput = {}): Promise<Invoice> {
    await database.transaction(async (tx) => {
      // An order's invoice locks the order first, in the order a receipt on it takes its locks (order, then
      // documents), so the two never deadlock on PostgreSQL.
      const link = await findOrderIdOf(tx, id);
      if (link?.order_id != null) await lockOrder(tx, dialect, link.order_id);
      const before = await lockInvoice(tx, dialect, id);
      if (!before) throw new AppError('NOT_FOUND', `Document ${id} not found`);
      assertDraft(before, 'you can issue');
      await assertPeriodOpen(tx, before.date);
      const lines = await findInvoiceLines(tx, id);
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
      const dupe = await findIssuedSupplierNumber(tx, { ...before, supplier_number: before.supplier_number });
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
        deps,
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
    await updateInvoice(tx, id, {
      ...(stored ? {} : prepared.row),
      status: 'issued',
      number,
      series,
      sequence,
      issued_at: now,
      updated_at: now,
      ...settlementOf(issuedRow, 0, 0),
    });
    if (!stored) await writeInvoiceLines(tx, id, prepared.lines);
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

  return { issue, createIssued };
}
