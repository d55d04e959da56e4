import { z } from 'zod';
import { Timestamp, pageOf, PageQuery, Id } from './common';
import { ALLOWED_UPLOAD_TYPES, Ref } from './orders';

/**
 * Comments on an order. The body is plain text with light markdown-ish formatting (**bold**, _italic_, `code`,
 * "- " lists, links); it is stored and returned as typed and never as HTML, so clients must render it as text
 * (escaping everything) and may apply that formatting themselves.
 *
 * Mentions: write `@[Display Name](user:12)` in the body, or list user ids in `mentions`; each mentioned user (other
 * than the author) gets a notification. Mentions are re-read on every edit; only newly mentioned users are notified.
 */
export const MENTION_PATTERN = '@\\[([^\\]\\n]{1,100})\\]\\(user:(\\d{1,12})\\)';

export const CommentAttachment = z.object({
  id: z.number().int(),
  originalName: z.string(),
  mediaType: z.string(),
  extension: z.enum(ALLOWED_UPLOAD_TYPES),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: Timestamp,
  downloadUrl: z.string(),
  /** Inline view for PDF and images; null otherwise. */
  previewUrl: z.string().nullable(),
});
export type CommentAttachment = z.infer<typeof CommentAttachment>;

export const Comment = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  /** Empty when deleted. */
  body: z.string(),
  author: Ref.nullable(),
  mentions: z.array(Ref),
  attachments: z.array(CommentAttachment),
  isEdited: z.boolean(),
  editedAt: Timestamp.nullable(),
  /** Number of earlier versions kept (GET .../revisions). */
  revisionCount: z.number().int(),
  isDeleted: z.boolean(),
  deletedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Comment = z.infer<typeof Comment>;
export const CommentPage = pageOf(Comment);
export type CommentPage = z.infer<typeof CommentPage>;

export const ListCommentsQuery = PageQuery.extend({
  /** Newest first by default. */
  order: z.enum(['asc', 'desc']).default('desc'),
  /** Deleted comments are left out unless asked for (they come back with an empty body). */
  includeDeleted: z.enum(['true', 'false']).default('false'),
});
export type ListCommentsQuery = z.infer<typeof ListCommentsQuery>;

const Body = z.string().trim().min(1, 'is required').max(10_000);

export const CreateCommentInput = z.object({
  body: Body,
  /** Further user ids to mention (besides @[Name](user:id) in the body). */
  mentions: z.array(z.number().int().positive()).max(50).default([]),
});
export type CreateCommentInput = z.infer<typeof CreateCommentInput>;

/** Only the author (or a manager and above) may edit; the previous body is kept as a revision. */
export const UpdateCommentInput = z.object({
  body: Body,
  mentions: z.array(z.number().int().positive()).max(50).optional(),
});
export type UpdateCommentInput = z.infer<typeof UpdateCommentInput>;

export const CommentRevision = z.object({
  id: z.number().int(),
  /** The body as it was before this edit. */
  body: z.string(),
  /** When it was replaced, and by whom. */
  replacedAt: Timestamp,
  replacedBy: Ref.nullable(),
});
export type CommentRevision = z.infer<typeof CommentRevision>;
export const CommentRevisionList = z.object({ items: z.array(CommentRevision) });
export type CommentRevisionList = z.infer<typeof CommentRevisionList>;

export const CommentParams = z.object({
  id: Id,
  commentId: Id,
});
export const CommentAttachmentParams = CommentParams.extend({
  attachmentId: Id,
});
