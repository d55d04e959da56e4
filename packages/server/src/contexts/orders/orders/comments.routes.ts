import {
  Comment,
  CommentAttachmentParams,
  CommentPage,
  CommentParams,
  CommentRevisionList,
  CreateCommentInput,
  ListCommentsQuery,
  UpdateCommentInput,
} from '@bizdash/contracts/comments';
import { IdParams } from '@bizdash/contracts/common';
import { DownloadQuery } from '@bizdash/contracts/orders';
import type { Api } from '../../../platform/http/route-config';
import type { OrdersService } from './orders.service';
import { MAX_ATTACHMENTS_PER_REQUEST } from './comments.service';
import { isInlineRequested, readFiles, sendDownload } from './upload-http';

export function registerCommentRoutes(app: Api, { orders }: { orders: OrdersService }) {
  const { comments } = orders;
  const tags = ['comments'];

  app.get(
    '/api/v1/orders/:id/comments',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary: "An order's comments, newest first",
        params: IdParams,
        querystring: ListCommentsQuery,
        response: { 200: CommentPage },
      },
    },
    async (request) => comments.list(request.params.id, request.query),
  );

  app.post(
    '/api/v1/orders/:id/comments',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'Comment on an order; @[Name](user:id) or mentions[] notify users',
        params: IdParams,
        body: CreateCommentInput,
        response: { 201: Comment },
      },
    },
    async (request, reply) => reply.code(201).send(await comments.create(request.ctx, request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/orders/:id/comments/:commentId',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'Edit a comment (author or manager); the previous text is kept as a revision',
        params: CommentParams,
        body: UpdateCommentInput,
        response: { 200: Comment },
      },
    },
    async (request) => comments.update(request.ctx, request.params.id, request.params.commentId, request.body),
  );

  app.delete(
    '/api/v1/orders/:id/comments/:commentId',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'Delete a comment (soft: hidden, kept with its revisions)',
        params: CommentParams,
        response: { 200: Comment },
      },
    },
    async (request) => comments.remove(request.ctx, request.params.id, request.params.commentId),
  );

  app.get(
    '/api/v1/orders/:id/comments/:commentId/revisions',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary: 'Earlier versions of a comment, oldest first',
        params: CommentParams,
        response: { 200: CommentRevisionList },
      },
    },
    async (request) => comments.revisions(request.params.id, request.params.commentId),
  );

  app.post(
    '/api/v1/orders/:id/comments/:commentId/attachments',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: `Attach files to a comment (multipart, up to ${MAX_ATTACHMENTS_PER_REQUEST} "file" fields)`,
        consumes: ['multipart/form-data'],
        params: CommentParams,
        response: { 201: Comment },
      },
    },
    async (request, reply) => {
      const { id, commentId } = request.params;
      const files = readFiles(request, orders.uploadMaxBytes, MAX_ATTACHMENTS_PER_REQUEST);
      return reply.code(201).send(await comments.addAttachments(request.ctx, id, commentId, files));
    },
  );

  app.get(
    '/api/v1/orders/:id/comments/:commentId/attachments/:attachmentId',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary: 'Download a comment attachment; ?inline=1 shows PDF and images',
        params: CommentAttachmentParams,
        querystring: DownloadQuery,
      },
    },
    async (request, reply) => {
      const { id, commentId, attachmentId } = request.params;
      const file = await comments.openAttachment(id, commentId, attachmentId);
      return sendDownload(reply, file, isInlineRequested(request.query.inline));
    },
  );
}
