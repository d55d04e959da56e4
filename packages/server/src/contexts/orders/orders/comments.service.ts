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
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import type { FileStorage } from '../../../platform/storage/file-storage';
import { actorName, actorUserId, excerpt, notify, recordOrderEvent, type Tx } from './order-support';
import * as repo from './comments.repo';
import { makeCommentAttachments } from './comment-attachments';
import { assertMayChange, loadComment, loadOrder, view, views } from './comment-views';

export interface CommentsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  storage: FileStorage | undefined;
  uploadMaxBytes: number;
}

export type CommentsService = ReturnType<typeof makeCommentsService>;

export { MAX_ATTACHMENTS_PER_REQUEST } from './comment-attachments';

/** User ids mentioned as @[Name](user:12) in a body, plus those listed explicitly. */
export function mentionedUserIds(body: string, listed: readonly number[] = []): number[] {
  const ids = new Set(listed);
  for (const match of body.matchAll(new RegExp(MENTION_PATTERN, 'g'))) {
    const id = Number(match[2]);
    if (Number.isSafeInteger(id) && id > 0) ids.add(id);
  }
  return [...ids];
}

export function makeCommentsService(deps: CommentsServiceDeps) {
  const { database, audit, clock } = deps;

  async function list(orderId: number, query: ListCommentsQuery): Promise<CommentPage> {
    await loadOrder(database.db, orderId);
    const { ids, total } = await repo.pageOfComments(database.db, orderId, query);
    return {
      items: await views(database.db, ids),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Checks mentioned users exist and are active; returns them. */
  async function resolveMentions(executor: Executor, ids: number[]) {
    if (ids.length === 0) return [];
    const users = await repo.usersByIds(executor, ids);
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
      const id = await repo.insertComment(tx, {
        order_id: orderId,
        author_id: actorUserId(ctx),
        body: input.body,
        edited_at: null,
        deleted_at: null,
        deleted_by: null,
        created_at: now,
        updated_at: now,
      });
      await repo.setMentions(
        tx,
        id,
        mentioned.map((u) => u.id),
      );
      await notifyMentions(
        tx,
        ctx,
        now,
        order,
        id,
        input.body,
        mentioned.map((u) => u.id),
      );
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: 'comment.added',
        payload: { commentId: id, excerpt: excerpt(input.body, 80) },
      });
      await audit.record(tx, ctx, {
        action: 'comment.created',
        entity: 'comment',
        entityId: id,
        changes: { body: { before: null, after: input.body }, orderId: { before: null, after: orderId } },
      });
      return view(tx, id);
    });
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
      const already = new Set(await repo.mentionedIn(tx, commentId));
      const fresh = mentioned.filter((u) => !already.has(u.id));
      if (input.body === before.body && fresh.length === 0 && mentioned.length === already.size) {
        return view(tx, commentId);
      }
      const now = clock.now().toISOString();
      if (input.body !== before.body) {
        await repo.insertRevision(tx, {
          comment_id: commentId,
          body: before.body,
          replaced_by: actorUserId(ctx),
          replaced_at: now,
        });
      }
      await repo.updateComment(tx, commentId, { body: input.body, edited_at: now, updated_at: now });
      await repo.setMentions(
        tx,
        commentId,
        mentioned.map((u) => u.id),
      );
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
      await repo.updateComment(tx, commentId, { deleted_at: now, deleted_by: actorUserId(ctx), updated_at: now });
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
    const rows = await repo.revisionsOf(database.db, commentId);
    return {
      items: rows.map((r) => ({
        id: r.id,
        body: r.body,
        replacedAt: r.replaced_at,
        replacedBy: r.replaced_by === null ? null : { id: r.replaced_by, name: r.replaced_by_name ?? '' },
      })),
    };
  }

  return { list, create, update, remove, revisions, ...makeCommentAttachments(deps) };
}
