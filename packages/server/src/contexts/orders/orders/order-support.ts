import type { Priority } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import { addDays } from '@bizdash/domain/orders/calendar';
import { can, STAFF_ROLES, type Action } from '@bizdash/domain/permissions';
import type { Transaction } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import type { RequestContext } from '../../../platform/request-context';
import { findUserForAssignment, insertNotification, insertOrderEvent } from './order-support.repo';

export type Tx = Transaction<DB>;

const PRIORITY_RANK: Readonly<Record<Priority, number>> = { low: 1, normal: 2, high: 3, urgent: 4 };
const RANK_PRIORITY: readonly Priority[] = ['low', 'low', 'normal', 'high', 'urgent'];

export function priorityRank(priority: Priority): number {
  return PRIORITY_RANK[priority];
}

export function priorityOf(rank: number): Priority {
  return RANK_PRIORITY[rank] ?? 'normal';
}

export function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', `${field}: ${message}`, { field });
}

/** Refuses a yyyy-mm-dd that is not a real calendar day (the contract only checks the shape). */
export function assertCalendarDate(date: string | null | undefined, field: string): void {
  if (date == null) return;
  let normalized: string | null = null;
  try {
    normalized = addDays(date, 0);
  } catch {
    normalized = null;
  }
  if (normalized !== date) invalid(field, `${date} is not a calendar date`);
}

/** The acting user's id, or null for API keys and the system (which are not rows of `users`). */
export function actorUserId(ctx: RequestContext): number | null {
  return ctx.actor.type === 'user' ? ctx.actor.id : null;
}

/** The name kept with history rows, so the timeline shows who acted even after a rename or for an API key. */
export function actorName(ctx: RequestContext): string {
  if (ctx.actor.name) return ctx.actor.name;
  if (ctx.actor.type === 'api_key') return 'API key';
  return 'System';
}

export function actorCan(ctx: RequestContext, action: Action): boolean {
  return ctx.actor.role !== null && can(ctx.actor.role, action);
}

/** The signed-in user, for "me" filters and notifications; API keys have no inbox. */
export function requireUser(ctx: RequestContext): number {
  if (ctx.actor.type !== 'user' || ctx.actor.id === null) {
    throw new AppError('FORBIDDEN', 'Only a signed-in user has tasks and notifications of their own');
  }
  return ctx.actor.id;
}

/** Refuses anyone but an active staff user as an assignee. */
export async function assertAssignableUser(executor: Executor, userId: number, field: string): Promise<string> {
  const user = await findUserForAssignment(executor, userId);
  if (!user) invalid(field, `user ${userId} does not exist`);
  if (!(user.is_active === true || user.is_active === 1)) invalid(field, `${user.name} is not an active user`);
  if (!(STAFF_ROLES as readonly string[]).includes(user.role)) invalid(field, `${user.name} is not a staff user`);
  return user.name;
}

export interface OrderEvent {
  orderId: number;
  kind: string;
  payload: Record<string, unknown>;
}

/**
 * Appends to an order's timeline. Call it in the transaction of the change it describes. Other modules (receipts,
 * expenses, settlements) use it to add their own kinds.
 */
export async function recordOrderEvent(tx: Tx, ctx: RequestContext, at: string, event: OrderEvent): Promise<void> {
  await insertOrderEvent(tx, {
    order_id: event.orderId,
    kind: event.kind,
    actor_id: actorUserId(ctx),
    actor_name: actorName(ctx),
    at,
    payload: JSON.stringify(event.payload),
  });
}

export interface NewNotification {
  userId: number;
  kind: 'mention' | 'order_assigned' | 'task_assigned' | 'task_due' | 'document_received';
  title: string;
  body?: string | null;
  orderId?: number | null;
  taskId?: number | null;
  commentId?: number | null;
  dedupeKey?: string | null;
}

/** Notifies a user in the same transaction as the cause; never for their own action. */
export async function notify(tx: Tx, ctx: RequestContext, at: string, n: NewNotification): Promise<void> {
  if (n.userId === actorUserId(ctx)) return;
  await insertNotification(tx, {
    user_id: n.userId,
    kind: n.kind,
    title: n.title,
    body: n.body ?? null,
    order_id: n.orderId ?? null,
    task_id: n.taskId ?? null,
    comment_id: n.commentId ?? null,
    actor_id: actorUserId(ctx),
    actor_name: actorName(ctx),
    dedupe_key: n.dedupeKey ?? null,
    read_at: null,
    created_at: at,
  });
}

/** Cuts text for a notification body or a timeline summary. */
export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
