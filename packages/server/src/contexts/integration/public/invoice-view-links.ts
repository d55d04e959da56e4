import type { CreatedPublicLink, CreatePublicLinkInput, PublicLinkList } from '@bizdash/contracts/public';
import { AppError } from '@bizdash/domain/errors';
import type { RequestContext } from '../../../platform/request-context';
import type { PublicLinks, PublicServiceDeps } from './public-links';
import * as repo from './public.repo';

/** Invoice view links: a client opens an issued invoice and its PDF without an account. */
export function makeInvoiceViewLinks(
  {
    database,
    audit,
    clock,
    invoices,
    invoicePdf,
  }: Pick<PublicServiceDeps, 'database' | 'audit' | 'clock' | 'invoices' | 'invoicePdf'>,
  { insertLink, created, listLinks, revoke, resolve, markUsed }: PublicLinks,
) {
  async function createInvoiceViewLink(
    ctx: RequestContext,
    invoiceId: number,
    input: CreatePublicLinkInput,
  ): Promise<CreatedPublicLink> {
    return database.transaction(async (tx) => {
      const invoice = await repo.invoiceStatus(tx, invoiceId);
      if (!invoice) throw new AppError('NOT_FOUND', `Invoice ${invoiceId} not found`);
      if (invoice.status === 'draft') {
        throw new AppError('INVALID_STATE', 'A draft cannot be shared; issue it first', { status: invoice.status });
      }
      const now = clock.now();
      const { token, row } = await insertLink(
        tx,
        ctx,
        { kind: 'invoice_view', orderId: null, invoiceId, documentIds: null },
        input,
        now,
      );
      await audit.record(tx, ctx, {
        action: 'public_link.created',
        entity: 'public_link',
        entityId: row.id,
        changes: {
          kind: { before: null, after: 'invoice_view' },
          invoiceId: { before: null, after: invoiceId },
          expiresAt: { before: null, after: row.expires_at },
        },
      });
      return created(tx, token, row, now.toISOString());
    });
  }

  async function listInvoiceViewLinks(invoiceId: number): Promise<PublicLinkList> {
    return listLinks({ kind: 'invoice_view', invoiceId });
  }

  async function revokeInvoiceViewLink(ctx: RequestContext, invoiceId: number, linkId: number) {
    return revoke(ctx, { kind: 'invoice_view', invoiceId }, linkId);
  }

  /** The invoice behind a view link, for its small page. */
  async function invoiceViewSummary(token: string) {
    const row = await resolve(database.db, 'invoice_view', token);
    const invoice = await invoices.get(row.invoice_id as number);
    return { invoice, expiresAt: row.expires_at };
  }

  /** The PDF behind a view link; each fetch is counted and audited (the client opened the invoice). */
  async function invoiceViewPdf(ctx: RequestContext, token: string) {
    const row = await resolve(database.db, 'invoice_view', token);
    const result = await invoicePdf.pdf(row.invoice_id as number, ['original']);
    await database.transaction(async (tx) => {
      await markUsed(tx, row, clock.now().toISOString());
      await audit.record(tx, ctx, {
        action: 'public_link.used',
        entity: 'public_link',
        entityId: row.id,
        changes: { viewedInvoice: { before: null, after: row.invoice_id } },
      });
    });
    return result;
  }

  return {
    createInvoiceViewLink,
    listInvoiceViewLinks,
    revokeInvoiceViewLink,
    invoiceViewSummary,
    invoiceViewPdf,
  };
}
