import type { CreateInvoiceInput, Invoice, InvoicePreview, UpdateInvoiceInput } from '@bizdash/contracts/invoices';
import { AppError } from '@bizdash/domain/errors';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { releaseConversion } from '../sales-documents/release-conversion';
import { assertPeriodOpen, settlementOf } from './invoice-balance';
import { prepareInvoice, toPreview, type PreparedInvoice } from './invoice-prepare';
import { assertDraft, auditView, diff } from './invoice-rules';
import type { InvoicesServiceDeps } from './invoices-deps';
import {
  deleteInvoice,
  deleteInvoiceLines,
  insertInvoice,
  lockInvoice,
  updateInvoiceReturning,
  writeInvoiceLines,
} from './invoices.repo';
import type { InvoiceRow } from './invoices.tables';

export type InvoiceDrafts = ReturnType<typeof makeInvoiceDrafts>;

/** Drafts: pricing an input, creating, changing and deleting a document before it is issued. */
export function makeInvoiceDrafts(
  { database, audit, clock }: Pick<InvoicesServiceDeps, 'database' | 'audit' | 'clock'>,
  get: (id: number) => Promise<Invoice>,
) {
  const { dialect } = database;

  function prepare(executor: Executor, input: CreateInvoiceInput, selfId?: number, lock = false) {
    return prepareInvoice(input, {
      executor,
      dialect,
      ...(selfId !== undefined ? { selfId } : {}),
      lockOriginal: lock,
    });
  }

  async function preview(input: CreateInvoiceInput): Promise<InvoicePreview> {
    return toPreview(await prepare(database.db, input));
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
    const row = await insertInvoice(tx, {
      ...prepared.row,
      status: 'draft',
      number: null,
      series: null,
      sequence: null,
      ...settlementOf({ status: 'draft', type: input.type, grand_total_paise: 0 }, 0, 0),
      created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
      created_at: now,
      updated_at: now,
    });
    await writeInvoiceLines(tx, row.id, prepared.lines, true);
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
      const after = await updateInvoiceReturning(tx, id, { ...prepared.row, updated_at: clock.now().toISOString() });
      await writeInvoiceLines(tx, id, prepared.lines);
      await audit.record(tx, ctx, {
        action: 'invoice.updated',
        entity: 'invoice',
        entityId: id,
        changes: diff(auditView(before), auditView(after, prepared.lines.length)),
      });
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
      await deleteInvoiceLines(tx, id);
      // A draft made from a quotation, proforma or challan gives its quantities back to it.
      await releaseConversion(tx, id);
      await deleteInvoice(tx, id);
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

  return { prepare, insertDraft, preview, create, update, remove };
}
