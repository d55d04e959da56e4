import { randomBytes } from 'node:crypto';
import {
  MENTION_PATTERN,
  type Comment,
  type CommentPage,
  type CommentRevisionList,
  type CreateCommentInput,
  type ListCommentsQuery,
  type UpdateCommentInput,
} from '@bizdash/contracts/comments';
import { AppError } from '@bizdash/domain/errors';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db/database';
import type { RequestContext } from '../../platform/request-context';
import type { FileStorage, StagedFile } from '../../platform/storage/file-storage';
import { isInlineExtension, sniffAllowedType, type SniffedType } from '../../platform/storage/media-types';
import { joinKey, safeSlug } from '../../platform/storage/storage-keys';
import { displayName, requireStorage, type FileDownload, type IncomingFile } from './order-documents.service';
import { actorName, actorUserId, excerpt, notify, recordOrderEvent, type Tx } from './order-support';

export interface CommentsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  storage: FileStorage | undefined;
  uploadMaxBytes: number;
}

export type CommentsService = ReturnType<typeof makeCommentsService>;

/** At most this many attachments per upload request. */
export const MAX_ATTACHMENTS_PER_REQUEST = 10;

const MODERATOR_ROLES = ['owner', 'admin', 'manager'];

/** User ids mentioned as @[Name](user:12) in a body, plus those listed explicitly. */
export function mentionedUserIds(body: string, listed: readonly number[] = []): number[] {
  const ids = new Set(listed);
  for (const match of body.matchAll(new RegExp(MENTION_PATTERN, 'g'))) {
    const id = Number(match[2]);
    if (Number.isSafeInteger(id) && id > 0) ids.add(id);
  }
  return [...ids];
}

function attachmentUrl(orderId: number, commentId: number, attachmentId: number) {
  return `/api/v1/orders/${orderId}/comments/${commentId}/attachments/${attachmentId}`;
}

export function makeCommentsService(deps: CommentsServiceDeps) {
  const { database, audit, clock, uploadMaxBytes } = deps;

  async function loadOrder(executor: Executor, orderId: number) {
    const order = await executor
      .selectFrom('orders')
      .select(['id', 'number'])
      .where('id', '=', orderId)
      .executeTakeFirst();
    if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
    return order;
  }

  async function loadComment(executor: Executor, orderId: number, commentId: number) {
    const row = await executor
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', commentId)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `Comment ${commentId} not found on order ${orderId}`);
    return row;
  }

  /** Comments with their authors, mentions, attachments and revision counts: a fixed number of queries per page. */
  async function views(executor: Executor, ids: number[]): Promise<Comment[]> {
    if (ids.length === 0) return [];
    const rows = await executor
      .selectFrom('comments')
      .leftJoin('users', 'users.id', 'comments.author_id')
      .selectAll('comments')
      .select('users.name as author_name')
      .where('comments.id', 'in', ids)
      .execute();
    const mentions = await executor
      .selectFrom('comment_mentions')
      .innerJoin('users', 'users.id', 'comment_mentions.user_id')
      .select(['comment_mentions.comment_id', 'users.id', 'users.name'])
      .where('comment_mentions.comment_id', 'in', ids)
      .orderBy('users.name')
      .execute();
    const attachments = await executor
      .selectFrom('comment_attachments')
      .selectAll()
      .where('comment_id', 'in', ids)
      .orderBy('id')
      .execute();
    const revisions = await executor
      .selectFrom('comment_revisions')
      .select(['comment_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('comment_id', 'in', ids)
      .groupBy('comment_id')
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const deleted = r.deleted_at !== null;
      return [
        {
          id: r.id,
          orderId: r.order_id,
          body: deleted ? '' : r.body,
          author: r.author_id === null ? null : { id: r.author_id, name: r.author_name ?? '' },
          mentions: deleted ? [] : mentions.filter((m) => m.comment_id === id).map((m) => ({ id: m.id, name: m.name })),
          attachments: deleted
            ? []
            : attachments
                .filter((a) => a.comment_id === id)
                .map((a) => {
                  const url = attachmentUrl(r.order_id, id, a.id);
                  return {
                    id: a.id,
                    originalName: a.original_name,
                    mediaType: a.media_type,
                    extension: a.extension as Comment['attachments'][number]['extension'], // from the allow-list
                    sizeBytes: Number(a.size_bytes),
                    sha256: a.sha256,
                    uploadedAt: a.uploaded_at,
                    downloadUrl: url,
                    previewUrl: isInlineExtension(a.extension) ? `${url}?inline=1` : null,
                  };
                }),
          isEdited: r.edited_at !== null,
          editedAt: r.edited_at,
          revisionCount: Number(revisions.find((v) => v.comment_id === id)?.n ?? 0),
          isDeleted: deleted,
          deletedAt: r.deleted_at,
          createdAt: r.created_at,
        },
      ];
    });
  }

  async function view(executor: Executor, id: number): Promise<Comment> {
    const [comment] = await views(executor, [id]);
    if (!comment) throw new AppError('NOT_FOUND', `Comment ${id} not found`);
    return comment;
  }

  async function list(orderId: number, query: ListCommentsQuery): Promise<CommentPage> {
    await loadOrder(database.db, orderId);
    let base = database.db.selectFrom('comments').where('order_id', '=', orderId);
    if (query.includeDeleted === 'false') base = base.where('deleted_at', 'is', null);
    const countRow = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const ids = await base
      .select('id')
      .orderBy('created_at', query.order)
      .orderBy('id', query.order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return {
      items: await views(
        database.db,
        ids.map((r) => r.id),
      ),
      total: Number(countRow.total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Checks mentioned users exist and are active; returns them. */
  async function resolveMentions(executor: Executor, ids: number[]) {
    if (ids.length === 0) return [];
    const users = await executor
      .selectFrom('users')
      .select(['id', 'name', 'is_active'])
      .where('id', 'in', ids)
      .execute();
    for (const id of ids) {
      const user = users.find((u) => u.id === id);
      if (!user || !(user.is_active === true || user.is_active === 1)) {
        throw new AppError('VALIDATION_FAILED', `mentions: user ${id} is not an active user`, { field: 'mentions' });
      }
    }
    return users;
  }

  async function notifyMentions(
    tx: Tx,
    ctx: RequestContext,
    now: string,
    order: { id: number; number: string },
    commentId: number,
    body: string,
    userIds: number[],
  ) {
    for (const userId of userIds) {
      await notify(tx, ctx, now, {
        userId,
        kind: 'mention',
        title: `${actorName(ctx)} mentioned you on ${order.number}`,
        body: excerpt(body),
        orderId: order.id,
        commentId,
      });
    }
  }

  async function create(ctx: RequestContext, orderId: number, input: CreateCommentInput): Promise<Comment> {
    return database.transaction(async (tx) => {
      const order = await loadOrder(tx, orderId);
      const mentioned = await resolveMentions(tx, mentionedUserIds(input.body, input.mentions));
      const now = clock.now().toISOString();
      const row = await tx
        .insertInto('comments')
        .values({
          order_id: orderId,
          author_id: actorUserId(ctx),
          body: input.body,
          edited_at: null,
          deleted_at: null,
          deleted_by: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (mentioned.length > 0) {
        await tx
          .insertInto('comment_mentions')
          .values(mentioned.map((u) => ({ comment_id: row.id, user_id: u.id })))
          .execute();
      }
      await notifyMentions(
        tx,
        ctx,
        now,
        order,
        row.id,
        input.body,
        mentioned.map((u) => u.id),
      );
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: 'comment.added',
        payload: { commentId: row.id, excerpt: excerpt(input.body, 80) },
      });
      await audit.record(tx, ctx, {
        action: 'comment.created',
        entity: 'comment',
        entityId: row.id,
        changes: { body: { before: null, after: input.body }, orderId: { before: null, after: orderId } },
      });
      return view(tx, row.id);
    });
  }

  function assertMayChange(ctx: RequestContext, comment: { author_id: number | null }) {
    const isAuthor = comment.author_id !== null && comment.author_id === actorUserId(ctx);
    const isModerator = ctx.actor.role !== null && MODERATOR_ROLES.includes(ctx.actor.role);
    if (!isAuthor && !isModerator) {
      throw new AppError('FORBIDDEN', 'Only the author or a manager can change this comment');
    }
  }

  async function update(
    ctx: RequestContext,
    orderId: number,
    commentId: number,
    input: UpdateCommentInput,
  ): Promise<Comment> {
    return database.transaction(async (tx) => {
      const order = await loadOrder(tx, orderId);
      const before = await loadComment(tx, orderId, commentId);
      if (before.deleted_at !== null) throw new AppError('INVALID_STATE', 'This comment was deleted');
      assertMayChange(ctx, before);
      const mentioned = await resolveMentions(tx, mentionedUserIds(input.body, input.mentions ?? []));
      const existing = await tx
        .selectFrom('comment_mentions')
        .select('user_id')
        .where('comment_id', '=', commentId)
        .execute();
      const already = new Set(existing.map((m) => m.user_id));
      const fresh = mentioned.filter((u) => !already.has(u.id));
      if (input.body === before.body && fresh.length === 0 && mentioned.length === already.size) {
        return view(tx, commentId);
      }
      const now = clock.now().toISOString();
      if (input.body !== before.body) {
        await tx
          .insertInto('comment_revisions')
          .values({ comment_id: commentId, body: before.body, replaced_by: actorUserId(ctx), replaced_at: now })
          .execute();
      }
      await tx
        .updateTable('comments')
        .set({ body: input.body, edited_at: now, updated_at: now })
        .where('id', '=', commentId)
        .execute();
      await tx.deleteFrom('comment_mentions').where('comment_id', '=', commentId).execute();
      if (mentioned.length > 0) {
        await tx
          .insertInto('comment_mentions')
          .values(mentioned.map((u) => ({ comment_id: commentId, user_id: u.id })))
          .execute();
      }
      await notifyMentions(
        tx,
        ctx,
        now,
        order,
        commentId,
        input.body,
        fresh.map((u) => u.id),
      );
      await recordOrderEvent(tx, ctx, now, { orderId, kind: 'comment.edited', payload: { commentId } });
      await audit.record(tx, ctx, {
        action: 'comment.edited',
        entity: 'comment',
        entityId: commentId,
        changes: { body: { before: before.body, after: input.body } },
      });
      return view(tx, commentId);
    });
  }

  /** Soft delete: the text and its revisions stay in the database (and the audit log), hidden from lists. */
  async function remove(ctx: RequestContext, orderId: number, commentId: number): Promise<Comment> {
    return database.transaction(async (tx) => {
      const before = await loadComment(tx, orderId, commentId);
      assertMayChange(ctx, before);
      if (before.deleted_at !== null) return view(tx, commentId);
      const now = clock.now().toISOString();
      await tx
        .updateTable('comments')
        .set({ deleted_at: now, deleted_by: actorUserId(ctx), updated_at: now })
        .where('id', '=', commentId)
        .execute();
      await recordOrderEvent(tx, ctx, now, { orderId, kind: 'comment.deleted', payload: { commentId } });
      await audit.record(tx, ctx, {
        action: 'comment.deleted',
        entity: 'comment',
        entityId: commentId,
        changes: { deletedAt: { before: null, after: now } },
      });
      return view(tx, commentId);
    });
  }

  async function revisions(orderId: number, commentId: number): Promise<CommentRevisionList> {
    const comment = await loadComment(database.db, orderId, commentId);
    if (comment.deleted_at !== null) return { items: [] };
    const rows = await database.db
      .selectFrom('comment_revisions')
      .leftJoin('users', 'users.id', 'comment_revisions.replaced_by')
      .selectAll('comment_revisions')
      .select('users.name as replaced_by_name')
      .where('comment_id', '=', commentId)
      .orderBy('comment_revisions.id')
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        body: r.body,
        replacedAt: r.replaced_at,
        replacedBy: r.replaced_by === null ? null : { id: r.replaced_by, name: r.replaced_by_name ?? '' },
      })),
    };
  }

  /**
   * Stores one or more files on a comment (author or manager). Every file is checked (type, size) before any is kept;
   * a refusal keeps none of them. Names are unique per file, so equal original names never collide.
   */
  async function addAttachments(
    ctx: RequestContext,
    orderId: number,
    commentId: number,
    files: AsyncIterable<IncomingFile>,
  ): Promise<Comment> {
    const storage = requireStorage(deps.storage);
    const order = await loadOrder(database.db, orderId);
    const comment = await loadComment(database.db, orderId, commentId);
    if (comment.deleted_at !== null) throw new AppError('INVALID_STATE', 'This comment was deleted');
    assertMayChange(ctx, comment);

    const staged: { file: StagedFile; type?: SniffedType; name: string }[] = [];
    const committed: string[] = [];
    try {
      for await (const incoming of files) {
        if (staged.length >= MAX_ATTACHMENTS_PER_REQUEST) {
          throw new AppError('LIMIT_EXCEEDED', `At most ${MAX_ATTACHMENTS_PER_REQUEST} files at a time`);
        }
        const entry: { file: StagedFile; type?: SniffedType; name: string } = {
          file: await storage.stage(incoming.stream, { maxBytes: uploadMaxBytes }),
          name: displayName(incoming.filename),
        };
        staged.push(entry);
        entry.type = await sniffAllowedType(entry.file.head);
      }
      if (staged.length === 0)
        throw new AppError('VALIDATION_FAILED', 'file: send at least one file', { field: 'file' });
      return await database.transaction(async (tx) => {
        const now = clock.now().toISOString();
        const folder = safeSlug(order.number, 'order');
        for (const entry of staged) {
          const type = entry.type;
          if (!type) throw new AppError('INTERNAL', 'file type not checked'); // sniffed above for every entry
          const stem = safeSlug(entry.name.replace(/\.[^.]*$/, ''), 'file', 40);
          const key = joinKey(
            'uploads',
            'comments',
            folder,
            `c${commentId}-${randomBytes(4).toString('hex')}-${stem}.${type.extension}`,
          );
          const row = await tx
            .insertInto('comment_attachments')
            .values({
              comment_id: commentId,
              order_id: orderId,
              storage_key: key,
              original_name: entry.name,
              media_type: type.mediaType,
              extension: type.extension,
              size_bytes: entry.file.sizeBytes,
              sha256: entry.file.sha256,
              uploaded_by: actorUserId(ctx),
              uploaded_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await recordOrderEvent(tx, ctx, now, {
            orderId,
            kind: 'comment.attachment_added',
            payload: { commentId, attachmentId: row.id, fileName: entry.name },
          });
          await audit.record(tx, ctx, {
            action: 'comment.attachment_added',
            entity: 'comment',
            entityId: commentId,
            changes: {
              attachment: { before: null, after: { key, sha256: entry.file.sha256, sizeBytes: entry.file.sizeBytes } },
            },
          });
          await entry.file.commit(key);
          committed.push(key);
        }
        return view(tx, commentId);
      });
    } catch (error) {
      for (const entry of staged) await entry.file.discard();
      for (const key of committed) await storage.remove(key);
      throw error;
    }
  }

  async function openAttachment(orderId: number, commentId: number, attachmentId: number): Promise<FileDownload> {
    const storage = requireStorage(deps.storage);
    const row = await database.db
      .selectFrom('comment_attachments')
      .innerJoin('comments', 'comments.id', 'comment_attachments.comment_id')
      .selectAll('comment_attachments')
      .select('comments.deleted_at')
      .where('comment_attachments.id', '=', attachmentId)
      .where('comment_attachments.comment_id', '=', commentId)
      .where('comment_attachments.order_id', '=', orderId)
      .executeTakeFirst();
    if (!row || row.deleted_at !== null) throw new AppError('NOT_FOUND', `Attachment ${attachmentId} not found`);
    const stored = await storage.open(row.storage_key);
    return {
      stream: stored.stream,
      sizeBytes: stored.sizeBytes,
      mediaType: row.media_type,
      fileName: row.original_name,
      storedName: row.storage_key.split('/').pop() ?? `file.${row.extension}`,
      isInline: isInlineExtension(row.extension),
    };
  }

  return { list, create, update, remove, revisions, addAttachments, openAttachment };
}
