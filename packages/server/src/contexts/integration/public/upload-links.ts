import type {
  CreatedPublicLink,
  CreatePublicLinkInput,
  PublicLinkList,
  UploadLinkResult,
  UploadLinkView,
} from '@bizdash/contracts/public';
import { AppError } from '@bizdash/domain/errors';
import type { RequestContext } from '../../../platform/request-context';
import type { IncomingFile } from '../../orders/index';
import { recordOrderEvent } from '../../orders/index';
import { OFFERED_STATUSES, type PublicLinks, type PublicServiceDeps } from './public-links';
import * as repo from './public.repo';

/** Upload links: a client sends an order's pending documents without an account. */
export function makeUploadLinks(
  { database, audit, clock, orders }: Pick<PublicServiceDeps, 'database' | 'audit' | 'clock' | 'orders'>,
  { linkDocuments, isOffered, insertLink, created, listLinks, revoke, resolve, markUsed }: PublicLinks,
) {
  async function createUploadLink(
    ctx: RequestContext,
    orderId: number,
    input: CreatePublicLinkInput,
  ): Promise<CreatedPublicLink> {
    return database.transaction(async (tx) => {
      const order = await repo.orderNumber(tx, orderId);
      if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
      const pending = await repo.orderDocumentsWithStatus(tx, orderId, OFFERED_STATUSES);
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
    const client = await repo.orderClientName(database.db, orderId);
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

  return { createUploadLink, listUploadLinks, revokeUploadLink, uploadLinkView, uploadThroughLink };
}
