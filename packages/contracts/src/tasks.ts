import { z } from 'zod';
import { IsoDate, PageQuery, Timestamp, pageOf, Id } from './common';
import { Priority, Ref } from './orders';

/** A to-do, on an order or standalone ("call the registrar"), for the "My tasks" view and the order's sidebar. */
export const Task = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  /** The order it belongs to; null for a standalone task. */
  order: z.object({ id: z.number().int(), number: z.string(), title: z.string() }).nullable(),
  assignee: Ref.nullable(),
  dueDate: IsoDate.nullable(),
  priority: Priority,
  isCompleted: z.boolean(),
  completedAt: Timestamp.nullable(),
  completedBy: Ref.nullable(),
  /** Open and due before today (business time zone). */
  isOverdue: z.boolean(),
  /** Open and due today. */
  isDueToday: z.boolean(),
  createdBy: Ref.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Task = z.infer<typeof Task>;
export const TaskPage = pageOf(Task);
export type TaskPage = z.infer<typeof TaskPage>;

const PositiveId = z.number().int().positive();

export const CreateTaskInput = z.object({
  title: z.string().trim().min(1, 'is required').max(200),
  description: z.string().trim().max(5000).nullable().optional(),
  orderId: PositiveId.nullable().optional(),
  /** An active staff user; assigning someone else notifies them. */
  assigneeId: PositiveId.nullable().optional(),
  dueDate: IsoDate.nullable().optional(),
  priority: Priority.default('normal'),
});
export type CreateTaskInput = z.infer<typeof CreateTaskInput>;

/** Changes fields; null clears. isCompleted true records completedAt/completedBy; false clears them. */
export const UpdateTaskInput = z
  .object({
    title: z.string().trim().min(1, 'is required').max(200).optional(),
    description: z.string().trim().max(5000).nullable().optional(),
    orderId: PositiveId.nullable().optional(),
    assigneeId: PositiveId.nullable().optional(),
    dueDate: IsoDate.nullable().optional(),
    priority: Priority.optional(),
    isCompleted: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateTaskInput = z.infer<typeof UpdateTaskInput>;

export const ListTasksQuery = PageQuery.extend({
  /** A user id, "me" for the caller, or "none" for unassigned tasks. */
  assignee: z.union([z.enum(['me', 'none']), Id]).optional(),
  orderId: Id.optional(),
  /** open (default), done, or all. */
  status: z.enum(['open', 'done', 'all']).default('open'),
  /** true: open tasks due before today. */
  overdue: z.enum(['true', 'false']).optional(),
  /** true: tasks due today. */
  dueToday: z.enum(['true', 'false']).optional(),
  /** dueDate sorts tasks without a due date last. Ties break by id. */
  sort: z.enum(['dueDate', 'createdAt', 'priority']).default('dueDate'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ListTasksQuery = z.infer<typeof ListTasksQuery>;
