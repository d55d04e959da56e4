import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';
import {
  countRows,
  createLoggedInUser,
  createOrder,
  createOrderWorld,
  expectProblem,
  get,
  pdfBytes,
  pngBytes,
  post,
  upload,
  type OrderWorld,
} from './orders-factories';

interface TaskJson {
  id: number;
  title: string;
  order: { id: number; number: string } | null;
  assignee: { id: number; name: string } | null;
  dueDate: string | null;
  isCompleted: boolean;
  completedAt: string | null;
  completedBy: { id: number; name: string } | null;
  isOverdue: boolean;
  isDueToday: boolean;
}

interface CommentJson {
  id: number;
  body: string;
  author: { id: number; name: string } | null;
  mentions: { id: number; name: string }[];
  attachments: { id: number; originalName: string; extension: string; downloadUrl: string; sha256: string }[];
  isEdited: boolean;
  revisionCount: number;
  isDeleted: boolean;
}

interface NotificationJson {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  orderId: number | null;
  taskId: number | null;
  commentId: number | null;
  isRead: boolean;
}

interface InboxJson {
  items: NotificationJson[];
  total: number;
  unreadCount: number;
}

describe(`tasks, comments and notifications (${testDialect()})`, () => {
  let t: TestApp;
  let w: OrderWorld;
  let owner: string;
  let staff: { id: number; token: string; name: string; email: string };

  beforeEach(async () => {
    t = await createTestApp();
    w = await createOrderWorld(t);
    owner = w.owner.token;
    staff = await createLoggedInUser(t, owner, 'staff', 'Ravi Staff');
  });
  afterEach(async () => t.close());

  it('keeps tasks on orders and standalone, with "my tasks", overdue and completion', async () => {
    const order = await createOrder(t, w);
    const overdue = await post<TaskJson>(t, owner, '/api/v1/tasks', {
      title: 'Collect SH-4',
      orderId: order.id,
      assigneeId: staff.id,
      dueDate: '2026-11-20',
      priority: 'high',
    });
    expect(overdue).toMatchObject({
      order: { id: order.id, number: order.number },
      isOverdue: true,
      isDueToday: false,
    });
    const today = await post<TaskJson>(t, owner, '/api/v1/tasks', {
      title: 'Call registrar',
      assigneeId: staff.id,
      dueDate: '2026-11-23',
    });
    expect(today).toMatchObject({ order: null, isDueToday: true, isOverdue: false });
    const later = await post<TaskJson>(t, staff.token, '/api/v1/tasks', { title: 'Own note', assigneeId: staff.id });
    await post<TaskJson>(t, owner, '/api/v1/tasks', { title: 'Owner only', dueDate: '2026-11-01' });

    const mine = await get<{ items: TaskJson[]; total: number }>(t, staff.token, '/api/v1/tasks?assignee=me');
    // Due date first, tasks without one last.
    expect(mine.items.map((x) => x.id)).toEqual([overdue.id, today.id, later.id]);
    const myOverdue = await get<{ items: TaskJson[] }>(t, staff.token, '/api/v1/tasks?assignee=me&overdue=true');
    expect(myOverdue.items.map((x) => x.id)).toEqual([overdue.id]);
    const byOrder = await get<{ items: TaskJson[] }>(t, owner, `/api/v1/tasks?orderId=${order.id}`);
    expect(byOrder.items.map((x) => x.id)).toEqual([overdue.id]);

    t.clock.advance(60_000);
    const done = await t.call({
      method: 'PATCH',
      url: `/api/v1/tasks/${overdue.id}`,
      token: staff.token,
      body: { isCompleted: true },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json<TaskJson>()).toMatchObject({
      isCompleted: true,
      completedAt: '2026-11-23T04:31:00.000Z',
      completedBy: { id: staff.id, name: 'Ravi Staff' },
      isOverdue: false,
    });
    expect(
      (await get<{ items: TaskJson[] }>(t, staff.token, '/api/v1/tasks?assignee=me&status=done')).items.map(
        (x) => x.id,
      ),
    ).toEqual([overdue.id]);
    const reopened = await t.call({
      method: 'PATCH',
      url: `/api/v1/tasks/${overdue.id}`,
      token: staff.token,
      body: { isCompleted: false },
    });
    expect(reopened.json<TaskJson>()).toMatchObject({ isCompleted: false, completedAt: null });

    const timeline = await get<{ items: { kind: string }[] }>(t, owner, `/api/v1/orders/${order.id}/history?kind=task`);
    expect(timeline.items.map((e) => e.kind)).toEqual(['task.created', 'task.completed', 'task.reopened']);

    // Assignments notify the assignee, but not when you assign yourself.
    const inbox = await get<InboxJson>(t, staff.token, '/api/v1/notifications');
    const assigned = inbox.items.filter((n) => n.kind === 'task_assigned');
    expect(assigned.map((n) => n.taskId).sort()).toEqual([overdue.id, today.id].sort());
    expect(assigned.find((n) => n.taskId === overdue.id)?.title).toBe(
      `Asha Rao assigned you a task on ${order.number}`,
    );

    const accountant = await createLoggedInUser(t, owner, 'accountant');
    expectProblem(
      await t.call({ method: 'POST', url: '/api/v1/tasks', token: accountant.token, body: { title: 'x' } }),
      403,
      'FORBIDDEN',
    );
    const badDate = await t.call({
      method: 'POST',
      url: '/api/v1/tasks',
      token: owner,
      body: { title: 'x', dueDate: '23-11-2026' },
    });
    expectProblem(badDate, 400, 'VALIDATION_FAILED');

    expect((await t.call({ method: 'DELETE', url: `/api/v1/tasks/${later.id}`, token: owner })).statusCode).toBe(200);
    expect((await t.call({ method: 'GET', url: `/api/v1/tasks/${later.id}`, token: owner })).statusCode).toBe(404);
  });

  it('notifies about tasks due today once, when the inbox is read', async () => {
    const task = await post<TaskJson>(t, staff.token, '/api/v1/tasks', {
      title: 'File the deed',
      assigneeId: staff.id,
      dueDate: '2026-11-24',
    });
    let inbox = await get<InboxJson>(t, staff.token, '/api/v1/notifications');
    expect(inbox.items.filter((n) => n.kind === 'task_due')).toEqual([]);

    // Next morning in Kolkata (a new login: access tokens are short-lived).
    t.clock.advance(24 * 3600_000);
    staff.token = (await t.login(staff.email, 'staff password 123')).token;
    expect((await get<{ count: number }>(t, staff.token, '/api/v1/notifications/unread-count')).count).toBe(1);
    inbox = await get<InboxJson>(t, staff.token, '/api/v1/notifications');
    inbox = await get<InboxJson>(t, staff.token, '/api/v1/notifications');
    const due = inbox.items.filter((n) => n.kind === 'task_due');
    expect(due).toEqual([
      expect.objectContaining({ taskId: task.id, title: 'Task due today', body: 'File the deed', isRead: false }),
    ]);

    // Completed tasks are not announced.
    await t.call({
      method: 'PATCH',
      url: `/api/v1/tasks/${task.id}`,
      token: staff.token,
      body: { dueDate: '2026-11-25', isCompleted: true },
    });
    t.clock.advance(24 * 3600_000);
    staff.token = (await t.login(staff.email, 'staff password 123')).token;
    expect(
      (await get<InboxJson>(t, staff.token, '/api/v1/notifications')).items.filter((n) => n.kind === 'task_due'),
    ).toHaveLength(1);
  });

  it('keeps comments with mentions, edit history, soft deletes and attachments', async () => {
    const manager = await createLoggedInUser(t, owner, 'manager', 'Neha Manager');
    const order = await createOrder(t, w);
    const created = await post<CommentJson>(t, staff.token, `/api/v1/orders/${order.id}/comments`, {
      body: `**Client** called. @[Neha Manager](user:${manager.id}) please check the deed.`,
      mentions: [w.owner.userId],
    });
    expect(created.author).toEqual({ id: staff.id, name: 'Ravi Staff' });
    expect(created.mentions.map((m) => m.name)).toEqual(['Asha Rao', 'Neha Manager']);

    const managerInbox = await get<InboxJson>(t, manager.token, '/api/v1/notifications');
    expect(managerInbox.items).toEqual([
      expect.objectContaining({
        kind: 'mention',
        orderId: order.id,
        commentId: created.id,
        title: `Ravi Staff mentioned you on ${order.number}`,
      }),
    ]);
    expect(managerInbox.unreadCount).toBe(1);
    expect((await get<InboxJson>(t, owner, '/api/v1/notifications')).items.map((n) => n.kind)).toEqual(['mention']);

    // Edit: the old text is kept; only newly mentioned users are notified.
    const other = await createLoggedInUser(t, owner, 'staff', 'Kiran Staff');
    t.clock.advance(60_000);
    const edited = await t.call({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}/comments/${created.id}`,
      token: staff.token,
      body: { body: `Client called twice. @[Neha Manager](user:${manager.id}) @[Kiran](user:${other.id})` },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<CommentJson>()).toMatchObject({ isEdited: true, revisionCount: 1 });
    const revisions = await get<{ items: { body: string; replacedBy: { name: string } }[] }>(
      t,
      owner,
      `/api/v1/orders/${order.id}/comments/${created.id}/revisions`,
    );
    expect(revisions.items).toEqual([
      expect.objectContaining({ body: created.body, replacedBy: { id: staff.id, name: 'Ravi Staff' } }),
    ]);
    expect((await get<InboxJson>(t, manager.token, '/api/v1/notifications')).total).toBe(1);
    expect((await get<InboxJson>(t, other.token, '/api/v1/notifications')).items.map((n) => n.kind)).toEqual([
      'mention',
    ]);

    // Only the author or a manager may change it.
    const byOther = await t.call({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}/comments/${created.id}`,
      token: other.token,
      body: { body: 'hijack' },
    });
    expectProblem(byOther, 403, 'FORBIDDEN');
    const badMention = await t.call({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/comments`,
      token: staff.token,
      body: { body: 'hi @[Ghost](user:9999)' },
    });
    expectProblem(badMention, 400, 'VALIDATION_FAILED');

    // Two attachments with the same name never collide; a disallowed one refuses the whole request.
    const url = `/api/v1/orders/${order.id}/comments/${created.id}/attachments`;
    const att = await upload(t, staff.token, url, [
      { filename: 'scan.pdf', content: pdfBytes('one') },
      { filename: 'scan.pdf', content: pdfBytes('two') },
      { filename: 'photo.png', content: pngBytes() },
    ]);
    expect(att.statusCode).toBe(201);
    const withFiles = att.json<CommentJson>();
    expect(withFiles.attachments.map((a) => [a.originalName, a.extension])).toEqual([
      ['scan.pdf', 'pdf'],
      ['scan.pdf', 'pdf'],
      ['photo.png', 'png'],
    ]);
    const folder = path.join(t.testDb.location.dataDir, 'uploads/comments/ord-2026-27-00001');
    const stored = readdirSync(folder);
    expect(stored).toHaveLength(3);
    expect(new Set(stored).size).toBe(3);
    const refused = await upload(t, staff.token, url, [
      { filename: 'ok.pdf', content: pdfBytes('three') },
      { filename: 'bad.pdf', content: Buffer.from('not a pdf at all') },
    ]);
    expectProblem(refused, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await countRows(t, 'comment_attachments')).toBe(3);
    expect(readdirSync(folder)).toHaveLength(3);
    const dl = await t.call({ method: 'GET', url: withFiles.attachments[1]!.downloadUrl, token: owner });
    expect(dl.rawPayload).toEqual(pdfBytes('two'));

    // Soft delete: hidden from the list, kept in the database.
    expect(
      (
        await t.call({
          method: 'DELETE',
          url: `/api/v1/orders/${order.id}/comments/${created.id}`,
          token: manager.token,
        })
      ).statusCode,
    ).toBe(200);
    const listed = await get<{ items: CommentJson[]; total: number }>(t, owner, `/api/v1/orders/${order.id}/comments`);
    expect(listed.total).toBe(0);
    const withDeleted = await get<{ items: CommentJson[] }>(
      t,
      owner,
      `/api/v1/orders/${order.id}/comments?includeDeleted=true`,
    );
    expect(withDeleted.items).toEqual([
      expect.objectContaining({ id: created.id, isDeleted: true, body: '', attachments: [] }),
    ]);
    const row = await t.services.database.db
      .selectFrom('comments')
      .select(['body', 'deleted_at'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.body).toContain('Client called twice');
    expect(row.deleted_at).not.toBeNull();
    expect((await t.call({ method: 'GET', url: withFiles.attachments[0]!.downloadUrl, token: owner })).statusCode).toBe(
      404,
    );
    expect(existsSync(folder)).toBe(true);

    const timeline = await get<{ items: { kind: string }[] }>(
      t,
      owner,
      `/api/v1/orders/${order.id}/history?kind=comment`,
    );
    expect(timeline.items.map((e) => e.kind)).toEqual([
      'comment.added',
      'comment.edited',
      'comment.attachment_added',
      'comment.attachment_added',
      'comment.attachment_added',
      'comment.deleted',
    ]);
  });

  it('marks notifications read one by one or all at once, and keeps inboxes private', async () => {
    const order = await createOrder(t, w);
    for (let i = 0; i < 3; i++) {
      await post(t, owner, `/api/v1/orders/${order.id}/comments`, { body: `Note ${i} for @[Ravi](user:${staff.id})` });
    }
    let inbox = await get<InboxJson>(t, staff.token, '/api/v1/notifications');
    expect(inbox).toMatchObject({ total: 3, unreadCount: 3 });
    const first = inbox.items[0]!;
    const read = await t.call({ method: 'POST', url: `/api/v1/notifications/${first.id}/read`, token: staff.token });
    expect(read.json<NotificationJson>().isRead).toBe(true);
    expect((await get<{ count: number }>(t, staff.token, '/api/v1/notifications/unread-count')).count).toBe(2);
    expect((await get<InboxJson>(t, staff.token, '/api/v1/notifications?unread=true')).items).toHaveLength(2);

    // Someone else's notification is not found.
    expectProblem(
      await t.call({ method: 'POST', url: `/api/v1/notifications/${first.id}/read`, token: owner }),
      404,
      'NOT_FOUND',
    );

    const all = await t.call({ method: 'POST', url: '/api/v1/notifications/read-all', token: staff.token });
    expect(all.json<{ updated: number }>().updated).toBe(2);
    inbox = await get<InboxJson>(t, staff.token, '/api/v1/notifications');
    expect(inbox.unreadCount).toBe(0);
    expect(inbox.items.every((n) => n.isRead)).toBe(true);
    expect((await t.call({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });
});
