import type { ListCommentsQuery } from '@bizdash/contracts/comments';
import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { CommentAttachmentsTable, CommentsTable } from './orders.tables';

/** The queries of order comments: the comments, their mentions, revisions and attachments. */

export function findOrderNumber(executor: Executor, orderId: number) {
  return executor.selectFrom('orders').select(['id', 'number']).where('id', '=', orderId).executeTakeFirst();
}

export function findComment(executor: Executor, orderId: number, commentId: number) {
  return executor
    .selectFrom('comments')
    .selectAll()
    .where('id', '=', commentId)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
}

/** Comments with their authors, mentions, attachments and revision counts: a fixed number of queries per page. */
export async function commentParts(executor: Executor, ids: number[]) {
  const [rows, mentions, attachments, revisions] = await Promise.all([
    executor
      .selectFrom('comments')
      .leftJoin('users', 'users.id', 'comments.author_id')
      .selectAll('comments')
      .select('users.name as author_name')
      .where('comments.id', 'in', ids)
      .execute(),
    executor
      .selectFrom('comment_mentions')
      .innerJoin('users', 'users.id', 'comment_mentions.user_id')
      .select(['comment_mentions.comment_id', 'users.id', 'users.name'])
      .where('comment_mentions.comment_id', 'in', ids)
      .orderBy('users.name')
      .execute(),
    executor.selectFrom('comment_attachments').selectAll().where('comment_id', 'in', ids).orderBy('id').execute(),
    executor
      .selectFrom('comment_revisions')
      .select(['comment_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('comment_id', 'in', ids)
      .groupBy('comment_id')
      .execute(),
  ]);
  return { rows, mentions, attachments, revisions };
}

/** A page of an order's comment ids and how many there are. */
export async function pageOfComments(
  executor: Executor,
  orderId: number,
  query: ListCommentsQuery,
): Promise<{ ids: number[]; total: number }> {
  let base = executor.selectFrom('comments').where('order_id', '=', orderId);
  if (query.includeDeleted === 'false') base = base.where('deleted_at', 'is', null);
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select('id')
    .orderBy('created_at', query.order)
    .orderBy('id', query.order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { ids: rows.map((r) => r.id), total: Number(countRow.total) };
}

export function usersByIds(executor: Executor, ids: number[]) {
  return executor.selectFrom('users').select(['id', 'name', 'is_active']).where('id', 'in', ids).execute();
}

export async function insertComment(executor: Executor, values: Insertable<CommentsTable>): Promise<number> {
  const row = await executor.insertInto('comments').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function mentionedIn(executor: Executor, commentId: number): Promise<number[]> {
  const rows = await executor
    .selectFrom('comment_mentions')
    .select('user_id')
    .where('comment_id', '=', commentId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Replaces a comment's mentions with these users. */
export async function setMentions(executor: Executor, commentId: number, userIds: number[]): Promise<void> {
  await executor.deleteFrom('comment_mentions').where('comment_id', '=', commentId).execute();
  if (userIds.length === 0) return;
  await executor
    .insertInto('comment_mentions')
    .values(userIds.map((userId) => ({ comment_id: commentId, user_id: userId })))
    .execute();
}

export async function insertRevision(
  executor: Executor,
  values: { comment_id: number; body: string; replaced_by: number | null; replaced_at: string },
): Promise<void> {
  await executor.insertInto('comment_revisions').values(values).execute();
}

export async function updateComment(
  executor: Executor,
  commentId: number,
  values: { body?: string; edited_at?: string; deleted_at?: string; deleted_by?: number | null; updated_at: string },
): Promise<void> {
  await executor.updateTable('comments').set(values).where('id', '=', commentId).execute();
}

export function revisionsOf(executor: Executor, commentId: number) {
  return executor
    .selectFrom('comment_revisions')
    .leftJoin('users', 'users.id', 'comment_revisions.replaced_by')
    .selectAll('comment_revisions')
    .select('users.name as replaced_by_name')
    .where('comment_id', '=', commentId)
    .orderBy('comment_revisions.id')
    .execute();
}

export async function insertAttachment(
  executor: Executor,
  values: Insertable<CommentAttachmentsTable>,
): Promise<number> {
  const row = await executor.insertInto('comment_attachments').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** An attachment of a comment on an order, with whether its comment was deleted. */
export function findAttachment(executor: Executor, orderId: number, commentId: number, attachmentId: number) {
  return executor
    .selectFrom('comment_attachments')
    .innerJoin('comments', 'comments.id', 'comment_attachments.comment_id')
    .selectAll('comment_attachments')
    .select('comments.deleted_at')
    .where('comment_attachments.id', '=', attachmentId)
    .where('comment_attachments.comment_id', '=', commentId)
    .where('comment_attachments.order_id', '=', orderId)
    .executeTakeFirst();
}
