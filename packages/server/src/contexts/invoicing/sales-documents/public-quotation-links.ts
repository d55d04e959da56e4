import type {
  CreateSalesDocumentLinkInput,
  PublicQuotationResponse,
  SalesDocument,
  SalesDocumentLink,
} from '@bizdash/contracts/sales-documents';
import { AppError } from '@bizdash/domain/errors';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { hashLinkToken, newLinkToken } from '../../../platform/security/link-tokens';
import type { ChangeSalesDocumentStatus } from './sales-document-status';
import {
  effectiveStatus,
  lockOrThrow,
  type GetSalesDocument,
  type SalesDocumentsServiceDeps,
} from './sales-documents-core';
import * as repo from './sales-documents.repo';

const DAY_MS = 24 * 60 * 60 * 1000;
const LINK_GONE = 'This link has expired, was revoked or does not exist';

/** Public view links of quotations and proformas: made by staff, opened and answered by the client. */
export function makePublicQuotationLinks(
  {
    database,
    audit,
    clock,
    calendar,
    publicBaseUrl,
  }: Pick<SalesDocumentsServiceDeps, 'database' | 'audit' | 'clock' | 'calendar' | 'publicBaseUrl'>,
  { get, changeStatus }: { get: GetSalesDocument; changeStatus: ChangeSalesDocumentStatus },
) {
  async function createLink(
    ctx: RequestContext,
    id: number,
    input: CreateSalesDocumentLinkInput,
  ): Promise<SalesDocumentLink> {
    return database.transaction(async (tx) => {
      const row = await lockOrThrow(tx, database.dialect, id);
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
      const link = await repo.insertLink(tx, {
        document_id: id,
        token_hash: hashLinkToken(token),
        expires_at: expiresAt,
        revoked_at: null,
        created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
        created_at: now.toISOString(),
        last_used_at: null,
      });
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
    await repo.touchLink(database.db, link.id, clock.now().toISOString());
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
      const row = await lockOrThrow(tx, database.dialect, link.document_id);
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

  return { createLink, publicView, publicRespond };
}
