import type { Comment } from '@bizdash/contracts/comments';
import { AppError } from '@bizdash/domain/errors';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { isInlineExtension } from '../../../platform/storage/media-types';
import * as repo from './comments.repo';
import { actorUserId } from './order-support';

/** Loading comments as the API shows them, and who may change one. Shared by the comment use cases. */

const MODERATOR_ROLES = ['owner', 'admin', 'manager'];

function attachmentUrl(orderId: number, commentId: number, attachmentId: number) {
  return `/api/v1/orders/${orderId}/comments/${commentId}/attachments/${attachmentId}`;
}

export async function loadOrder(executor: Executor, orderId: number) {
  const order = await repo.findOrderNumber(executor, orderId);
  if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
  return order;
}

export async function loadComment(executor: Executor, orderId: number, commentId: number) {
  const row = await repo.findComment(executor, orderId, commentId);
  if (!row) throw new AppError('NOT_FOUND', `Comment ${commentId} not found on order ${orderId}`);
  return row;
}

/** Comments with their authors, mentions, attachments and revision counts: a fixed number of queries per page. */
export async function views(executor: Executor, ids: number[]): Promise<Comment[]> {
  if (ids.length === 0) return [];
  const { rows, mentions, attachments, revisions } = await repo.commentParts(executor, ids);
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

export async function view(executor: Executor, id: number): Promise<Comment> {
  const [comment] = await views(executor, [id]);
  if (!comment) throw new AppError('NOT_FOUND', `Comment ${id} not found`);
  return comment;
}

export function assertMayChange(ctx: RequestContext, comment: { author_id: number | null }) {
  const isAuthor = comment.author_id !== null && comment.author_id === actorUserId(ctx);
  const isModerator = ctx.actor.role !== null && MODERATOR_ROLES.includes(ctx.actor.role);
  if (!isAuthor && !isModerator) {
    throw new AppError('FORBIDDEN', 'Only the author or a manager can change this comment');
  }
}
