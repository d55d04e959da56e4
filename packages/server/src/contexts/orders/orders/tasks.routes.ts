import { IdParams, Ok } from '@bizdash/contracts/common';
import { CreateTaskInput, ListTasksQuery, Task, TaskPage, UpdateTaskInput } from '@bizdash/contracts/tasks';
import type { Api } from '../../../platform/http/route-config';
import type { OrdersService } from './orders.service';

export function registerTaskRoutes(app: Api, { orders }: { orders: OrdersService }) {
  const { tasks } = orders;
  const tags = ['tasks'];

  app.get(
    '/api/v1/tasks',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary: 'Tasks: assignee=me for "My tasks", overdue, due today, by order, open/done',
        querystring: ListTasksQuery,
        response: { 200: TaskPage },
      },
    },
    async (request) => tasks.list(request.ctx, request.query),
  );

  app.post(
    '/api/v1/tasks',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'Create a task, on an order or standalone',
        body: CreateTaskInput,
        response: { 201: Task },
      },
    },
    async (request, reply) => reply.code(201).send(await tasks.create(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/tasks/:id',
    {
      config: { access: 'orders.read' },
      schema: { tags, summary: 'One task', params: IdParams, response: { 200: Task } },
    },
    async (request) => tasks.get(request.params.id),
  );

  app.patch(
    '/api/v1/tasks/:id',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'Change a task; isCompleted records or clears the completion',
        params: IdParams,
        body: UpdateTaskInput,
        response: { 200: Task },
      },
    },
    async (request) => tasks.update(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/tasks/:id',
    {
      config: { access: 'orders.write' },
      schema: { tags, summary: 'Delete a task', params: IdParams, response: { 200: Ok } },
    },
    async (request) => {
      await tasks.remove(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );
}
