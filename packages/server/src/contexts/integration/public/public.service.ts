import type {
  ContactInput,
  CreatedPublicLink,
  CreatePublicLinkInput,
  LeadPage,
  ListLeadsQuery,
  PublicLink,
  PublicLinkKind,
  PublicLinkList,
  UploadLinkResult,
  UploadLinkView,
} from '@bizdash/contracts/public';
import { AppError } from '@bizdash/domain/errors';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import { containsText } from '../../../platform/db/dialect-sql';
import { hashLinkToken, newLinkToken } from '../../../platform/security/link-tokens';
import type { RequestContext } from '../../../platform/request-context';
import type { InvoicesService } from '../../invoicing/index';
import type { InvoicePdfService } from '../../invoicing/index';
import type { IncomingFile } from '../../orders/index';
import { actorName, actorUserId, recordOrderEvent } from '../../orders/index';
import type { OrdersService } from '../../orders/index';
import type { PublicLinksTable } from './public.tables';

export interface PublicServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  orders: OrdersService;
  invoices: InvoicesService;
  /** The printed invoice, the same bytes as the staff download (logo, LUT). */
  invoicePdf: Pick<InvoicePdfService, 'pdf'>;
  /** Address of the public listener as clients reach it (PUBLIC_URL), to hand staff full links. */
  publicBaseUrl?: string | undefined;
}

export type PublicService = ReturnType<typeof makePublicService>;

type LinkRow = Omit<PublicLinksTable, 'id' | 'use_count'> & { id: number; use_count: number };

/** Documents a client may still send: not yet in hand. A received document is no longer offered. */
const OFFERED_STATUSES = ['pending', 'rejected'] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

const LINK_GONE = 'This link has expired, was revoked or does not exist';

export function makePublicService(deps: PublicServiceDeps) {
  const { database, audit, clock, orders, invoices } = deps;
  const { invoicePdf } = deps;

  // ---- contact form and leads -------------------------------------------------------------------------------

  /** Stores a lead. A filled honeypot stores nothing; the caller answers the same either way. */
  async function submitContact(
    ctx: RequestContext,
    input: ContactInput,
    meta: { userAgent?: string | undefined } = {},
  ): Promise<{ stored: boolean }> {
    if (input.website && input.website.trim() !== '') return { stored: false };
    await database.transaction(async (tx) => {
      const now = clock.now().toISOString();
      const row = await tx
        .insertInto('leads')
        .values({
          name: input.name,
          email: input.email?.trim() ? input.email.trim().toLowerCase() : null,
          phone: input.phone?.trim() ? input.phone.trim() : null,
          message: input.message,
          ip: ctx.ip,
          user_agent: meta.userAgent?.slice(0, 300) ?? null,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(tx, ctx, {
        action: 'lead.received',
        entity: 'lead',
        entityId: row.id,
        changes: { name: { before: null, after: input.name } },
      });
    });
    return { stored: true };
  }

  async function listLeads(query: ListLeadsQuery): Promise<LeadPage> {
    let base = database.db.selectFrom('leads');
    if (query.q) {
      const q = query.q;
      base = base.where((eb) =>
        eb.or([
          containsText(database.dialect, 'name', q),
          containsText(database.dialect, 'email', q),
          containsText(database.dialect, 'phone', q),
        ]),
      );
    }
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        phone: r.phone,
        message: r.message,
        ip: r.ip,
        createdAt: r.created_at,
      })),
      total: Number(count.total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  // ---- links: shared -----------------------------------------------------------------------------------------

  function documentIdsOf(row: Pick<LinkRow, 'document_ids'>): number[] {
    if (!row.document_ids) return [];
    const parsed: unknown = JSON.parse(row.document_ids);
    return Array.isArray(parsed) ? parsed.filter((v): v is number => typeof v === 'number') : [];
  }

  async function linkDocuments(executor: Executor, row: Pick<LinkRow, 'order_id' | 'document_ids'>) {
    const ids = documentIdsOf(row);
    if (ids.length === 0 || row.order_id === null) return [];
    return executor
      .selectFrom('order_documents')
      .innerJoin('document_types', 'document_types.id', 'order_documents.document_type_id')
      .select([
        'order_documents.id',
        'order_documents.status',
        'order_documents.removed_at',
        'order_documents.position',
        'document_types.name',
      ])
      .where('order_documents.order_id', '=', row.order_id)
      .where('order_documents.id', 'in', ids)
      .orderBy('order_documents.position')
      .orderBy('order_documents.id')
      .execute();
  }

  function isOffered(doc: { status: string; removed_at: string | null }): boolean {
    return doc.removed_at === null && (OFFERED_STATUSES as readonly string[]).includes(doc.status);
  }

  async function toLink(executor: Executor, row: LinkRow, now: string): Promise<PublicLink> {
    const docs = row.kind === 'upload' ? await linkDocuments(executor, row) : [];
    const visible = docs.filter((d) => d.removed_at === null);
    const state: PublicLink['state'] =
      row.revoked_at !== null
        ? 'revoked'
        : row.expires_at <= now
          ? 'expired'
          : row.kind === 'upload' && !visible.some(isOffered)
            ? 'used'
            : 'active';
    return {
      id: row.id,
      kind: row.kind,
      orderId: row.order_id,
      invoiceId: row.invoice_id,
      documents: visible.map((d) => ({ id: d.id, name: d.name, status: d.status })),
      state,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      createdAt: row.created_at,
      createdBy: row.created_by_name,
      lastUsedAt: row.last_used_at,
      useCount: Number(row.use_count),
    };
  }

  function pathOf(kind: PublicLinkKind, token: string): string {
    return kind === 'upload' ? `/public/upload/${token}` : `/public/invoice/${token}`;
  }

  function urlOf(path: string): string | null {
    return deps.publicBaseUrl ? `${deps.publicBaseUrl.replace(/\/+$/, '')}${path}` : null;
  }

  async function insertLink(
    executor: Executor,
    ctx: RequestContext,
    values: { kind: PublicLinkKind; orderId: number | null; invoiceId: number | null; documentIds: number[] | null },
    input: CreatePublicLinkInput,
    now: Date,
  ) {
    const token = newLinkToken();
    const row = await executor
      .insertInto('public_links')
      .values({
        kind: values.kind,
        token_hash: hashLinkToken(token),
        order_id: values.orderId,
        invoice_id: values.invoiceId,
        document_ids: values.documentIds ? JSON.stringify(values.documentIds) : null,
        expires_at: new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString(),
        revoked_at: null,
        created_by: actorUserId(ctx),
        created_by_name: actorName(ctx),
        created_at: now.toISOString(),
        last_used_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { token, row: row as LinkRow };
  }

  async function created(executor: Executor, token: string, row: LinkRow, now: string): Promise<CreatedPublicLink> {
    const path = pathOf(row.kind, token);
    return { ...(await toLink(executor, row, now)), token, path, url: urlOf(path) };
  }

  async function listLinks(where: { kind: PublicLinkKind; orderId?: number; invoiceId?: number }) {
    let query = database.db.selectFrom('public_links').selectAll().where('kind', '=', where.kind);
    if (where.orderId !== undefined) query = query.where('order_id', '=', where.orderId);
    if (where.invoiceId !== undefined) query = query.where('invoice_id', '=', where.invoiceId);
    // Links per order or invoice are few (made by hand); the newest 100 is every one in practice.
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(100).execute();
    const now = clock.now().toISOString();
    const items: PublicLink[] = [];
    for (const row of rows) items.push(await toLink(database.db, row as LinkRow, now));
    return { items } satisfies PublicLinkList;
  }

  async function revoke(
    ctx: RequestContext,
    where: { kind: PublicLinkKind; orderId?: number; invoiceId?: number },
    linkId: number,
  ): Promise<PublicLink> {
    return database.transaction(async (tx) => {
      let query = tx.selectFrom('public_links').selectAll().where('id', '=', linkId).where('kind', '=', where.kind);
      if (where.orderId !== undefined) query = query.where('order_id', '=', where.orderId);
      if (where.invoiceId !== undefined) query = query.where('invoice_id', '=', where.invoiceId);
      const row = (await query.executeTakeFirst()) as LinkRow | undefined;
      if (!row) throw new AppError('NOT_FOUND', `Link ${linkId} not found`);
      const now = clock.now().toISOString();
      if (row.revoked_at === null) {
        await tx.updateTable('public_links').set({ revoked_at: now }).where('id', '=', linkId).execute();
        row.revoked_at = now;
        if (row.order_id !== null) {
          await recordOrderEvent(tx, ctx, now, {
            orderId: row.order_id,
            kind: 'upload_link.revoked',
            payload: { linkId, summary: 'Upload link revoked' },
          });
        }
        await audit.record(tx, ctx, {
          action: 'public_link.revoked',
          entity: 'public_link',
          entityId: linkId,
          changes: { revokedAt: { before: null, after: now } },
        });
      }
      return toLink(tx, row, now);
    });
  }

  /** The live link behind a token, or 404 (expired, revoked and unknown links all look the same from outside). */
  async function resolve(executor: Executor, kind: PublicLinkKind, token: string): Promise<LinkRow> {
    const row = (await executor
      .selectFrom('public_links')
      .selectAll()
      .where('token_hash', '=', hashLinkToken(token))
      .where('kind', '=', kind)
      .executeTakeFirst()) as LinkRow | undefined;
    const now = clock.now().toISOString();
    if (!row || row.revoked_at !== null || row.expires_at <= now) throw new AppError('NOT_FOUND', LINK_GONE);
    return row;
  }

  async function markUsed(executor: Executor, row: LinkRow, now: string) {
    await executor
      .updateTable('public_links')
      .set((eb) => ({ last_used_at: now, use_count: eb('use_count', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
  }

  // ---- upload links -------------------------------------------------------------------------------------------

  async function createUploadLink(
    ctx: RequestContext,
    orderId: number,
    input: CreatePublicLinkInput,
  ): Promise<CreatedPublicLink> {
    return database.transaction(async (tx) => {
      const order = await tx.selectFrom('orders').select(['id', 'number']).where('id', '=', orderId).executeTakeFirst();
      if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
      const pending = await tx
        .selectFrom('order_documents')
        .select('id')
        .where('order_id', '=', orderId)
        .where('removed_at', 'is', null)
        .where('status', 'in', [...OFFERED_STATUSES])
        .orderBy('position')
        .execute();
      if (pending.length === 0) {
        throw new AppError('INVALID_STATE', `Order ${order.number} has no pending documents to ask for`);
      }
      const now = clock.now();
      const { token, row } = await insertLink(
        tx,
        ctx,
        { kind: 'upload', orderId, invoiceId: null, documentIds: pending.map((d) => d.id) },
        input,
        now,
      );
      await recordOrderEvent(tx, ctx, now.toISOString(), {
        orderId,
        kind: 'upload_link.created',
        payload: {
          linkId: row.id,
          expiresAt: row.expires_at,
          documentIds: pending.map((d) => d.id),
          summary: `Upload link created for ${pending.length} pending document${pending.length === 1 ? '' : 's'}`,
        },
      });
      await audit.record(tx, ctx, {
        action: 'public_link.created',
        entity: 'public_link',
        entityId: row.id,
        changes: {
          kind: { before: null, after: 'upload' },
          orderId: { before: null, after: orderId },
          expiresAt: { before: null, after: row.expires_at },
        },
      });
      return created(tx, token, row, now.toISOString());
    });
  }

  async function listUploadLinks(orderId: number): Promise<PublicLinkList> {
    return listLinks({ kind: 'upload', orderId });
  }

  async function revokeUploadLink(ctx: RequestContext, orderId: number, linkId: number) {
    return revoke(ctx, { kind: 'upload', orderId }, linkId);
  }

  /** What the client sees: only the names of the documents still pending. */
  async function uploadLinkView(token: string): Promise<UploadLinkView> {
    const row = await resolve(database.db, 'upload', token);
    const docs = (await linkDocuments(database.db, row)).filter(isOffered);
    return { documents: docs.map((d) => ({ id: d.id, name: d.name })), expiresAt: row.expires_at };
  }

  /**
   * A client's upload: the same checks and effects as a staff upload (services.orders.documents), acting as
   * "<client> via upload link" so the timeline and audit say who sent it. Each document is accepted once.
   */
  async function uploadThroughLink(
    requestCtx: RequestContext,
    token: string,
    docId: number,
    file: IncomingFile,
  ): Promise<UploadLinkResult> {
    const row = await resolve(database.db, 'upload', token);
    const doc = (await linkDocuments(database.db, row)).find((d) => d.id === docId);
    if (!doc || !isOffered(doc)) {
      file.stream.resume(); // drain, so the client gets the answer rather than a reset
      throw new AppError('NOT_FOUND', 'This document is not awaited through this link');
    }
    const orderId = row.order_id as number; // upload links always have one (set at creation)
    const client = await database.db
      .selectFrom('orders')
      .innerJoin('parties', 'parties.id', 'orders.client_id')
      .select('parties.name')
      .where('orders.id', '=', orderId)
      .executeTakeFirstOrThrow();
    const ctx: RequestContext = {
      ...requestCtx,
      actor: { type: 'anonymous', id: null, name: `${client.name} (via upload link)`, role: null },
    };
    await orders.documents.upload(ctx, orderId, docId, file);
    await database.transaction(async (tx) => {
      const now = clock.now().toISOString();
      await markUsed(tx, row, now);
      await audit.record(tx, ctx, {
        action: 'public_link.used',
        entity: 'public_link',
        entityId: row.id,
        changes: { uploadedDocument: { before: null, after: { id: docId, name: doc.name } } },
      });
    });
    return { document: doc.name, status: 'received' };
  }

  // ---- invoice view links ------------------------------------------------------------------------------------

  async function createInvoiceViewLink(
    ctx: RequestContext,
    invoiceId: number,
    input: CreatePublicLinkInput,
  ): Promise<CreatedPublicLink> {
    return database.transaction(async (tx) => {
      const invoice = await tx
        .selectFrom('invoices')
        .select(['id', 'number', 'status'])
        .where('id', '=', invoiceId)
        .executeTakeFirst();
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
    submitContact,
    listLeads,
    createUploadLink,
    listUploadLinks,
    revokeUploadLink,
    uploadLinkView,
    uploadThroughLink,
    createInvoiceViewLink,
    listInvoiceViewLinks,
    revokeInvoiceViewLink,
    invoiceViewSummary,
    invoiceViewPdf,
  };
}
