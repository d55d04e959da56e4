import { randomBytes } from 'node:crypto';
import type { Comment } from '@bizdash/contracts/comments';
import { AppError } from '@bizdash/domain/errors';
import type { RequestContext } from '../../../platform/request-context';
import type { StagedFile } from '../../../platform/storage/file-storage';
import { sniffAllowedType, type SniffedType } from '../../../platform/storage/media-types';
import { joinKey, safeSlug } from '../../../platform/storage/storage-keys';
import * as repo from './comments.repo';
import { assertMayChange, loadComment, loadOrder, view } from './comment-views';
import type { CommentsServiceDeps } from './comments.service';
import {
  displayName,
  openStoredFile,
  requireStorage,
  type FileDownload,
  type IncomingFile,
} from './order-documents.view';
import { actorUserId, recordOrderEvent } from './order-support';

/** At most this many attachments per upload request. */
export const MAX_ATTACHMENTS_PER_REQUEST = 10;

/** Files attached to comments: adding them (all or none) and opening one. */
export function makeCommentAttachments(deps: CommentsServiceDeps) {
  const { database, audit, clock, uploadMaxBytes } = deps;

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
          const attachmentId = await repo.insertAttachment(tx, {
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
          });
          await recordOrderEvent(tx, ctx, now, {
            orderId,
            kind: 'comment.attachment_added',
            payload: { commentId, attachmentId, fileName: entry.name },
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
    const row = await repo.findAttachment(database.db, orderId, commentId, attachmentId);
    if (!row || row.deleted_at !== null) throw new AppError('NOT_FOUND', `Attachment ${attachmentId} not found`);
    return openStoredFile(storage, row);
  }

  return { addAttachments, openAttachment };
}
