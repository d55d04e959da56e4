import type {
  CreatedPublicLink,
  CreatePublicLinkInput,
  PublicLink,
  PublicLinkKind,
  PublicLinkList,
} from '@bizdash/contracts/public';
import { AppError } from '@bizdash/domain/errors';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import { hashLinkToken, newLinkToken } from '../../../platform/security/link-tokens';
import type { RequestContext } from '../../../platform/request-context';
import type { InvoicesService } from '../../invoicing/index';
import type { InvoicePdfService } from '../../invoicing/index';
import { actorName, actorUserId, recordOrderEvent } from '../../orders/index';
import type { OrdersService } from '../../orders/index';
import * as repo from './public.repo';
import type { LinkScope } from './public.repo';
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

export type LinkRow = Omit<PublicLinksTable, 'id' | 'use_count'> & { id: number; use_count: number };

/** Documents a client may still send: not yet in hand. A received document is no longer offered. */
export const OFFERED_STATUSES = ['pending', 'rejected'] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

const LINK_GONE = 'This link has expired, was revoked or does not exist';

export type PublicLinks = ReturnType<typeof makePublicLinks>;

/** What upload links and invoice view links share: making, listing, revoking, resolving and counting uses. */
export function makePublicLinks(deps: Pick<PublicServiceDeps, 'database' | 'audit' | 'clock' | 'publicBaseUrl'>) {
  const { database, audit, clock } = deps;

  function documentIdsOf(row: Pick<LinkRow, 'document_ids'>): number[] {
    if (!row.document_ids) return [];
    const parsed: unknown = JSON.parse(row.document_ids);
    return Array.isArray(parsed) ? parsed.filter((v): v is number => typeof v === 'number') : [];
  }

  async function linkDocuments(executor: Executor, row: Pick<LinkRow, 'order_id' | 'document_ids'>) {
    const ids = documentIdsOf(row);
    if (ids.length === 0 || row.order_id === null) return [];
    return repo.orderDocumentsIn(executor, row.order_id, ids);
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
    const row = await repo.insertPublicLink(executor, {
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
    });
    return { token, row: row as LinkRow };
  }

  async function created(executor: Executor, token: string, row: LinkRow, now: string): Promise<CreatedPublicLink> {
    const path = pathOf(row.kind, token);
    return { ...(await toLink(executor, row, now)), token, path, url: urlOf(path) };
  }

  async function listLinks(where: LinkScope) {
    // Links per order or invoice are few (made by hand); the newest 100 is every one in practice.
    const rows = await repo.linksOf(database.db, where);
    const now = clock.now().toISOString();
    const items: PublicLink[] = [];
    for (const row of rows) items.push(await toLink(database.db, row as LinkRow, now));
    return { items } satisfies PublicLinkList;
  }

  async function revoke(ctx: RequestContext, where: LinkScope, linkId: number): Promise<PublicLink> {
    return database.transaction(async (tx) => {
      const row = (await repo.scopedLink(tx, where, linkId)) as LinkRow | undefined;
      if (!row) throw new AppError('NOT_FOUND', `Link ${linkId} not found`);
      const now = clock.now().toISOString();
      if (row.revoked_at === null) {
        await repo.revokeLink(tx, linkId, now);
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
    const row = (await repo.linkByTokenHash(executor, hashLinkToken(token), kind)) as LinkRow | undefined;
    const now = clock.now().toISOString();
    if (!row || row.revoked_at !== null || row.expires_at <= now) throw new AppError('NOT_FOUND', LINK_GONE);
    return row;
  }

  async function markUsed(executor: Executor, row: LinkRow, now: string) {
    await repo.markLinkUsed(executor, row.id, now);
  }

  return { linkDocuments, isOffered, insertLink, created, listLinks, revoke, resolve, markUsed };
}
