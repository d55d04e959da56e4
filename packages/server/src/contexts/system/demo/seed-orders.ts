import { CreateOrderInput } from '@bizdash/contracts/orders';
import { CreateTaskInput } from '@bizdash/contracts/tasks';
import { STAGE_CODES } from '@bizdash/domain/orders/lifecycle';
import { DAY, type DemoWorld, type TeamMember } from './demo-world';
import { pick, randomInt } from './indian-data';
import { buildLife, pickFinalStage } from './order-life';
import type { DemoOrderType } from './seed-masters';

/** Orders in the demo's year. */
export const ORDERS = 90;

const COMMENTS = [
  'Client will drop the originals at the office on Monday.',
  'Registrar acknowledged receipt; inward number noted on the file.',
  'Legal heir certificate expected next week, client confirmed on call.',
  'Objection letter received; a fresh indemnity bond is needed.',
  'Demat request generated, DRN shared with the client.',
] as const;

const TASKS = [
  'Collect original share certificates',
  'Courier the document set to the registrar',
  'Follow up with the RTA on the objection',
  'Get the affidavit notarised',
] as const;

export interface CompletedOrder {
  id: number;
  clientId: number;
  fee: number;
  closedAt: number;
  typeName: string;
}

/** A year of orders, each lived through in time order: stages, documents, tasks and comments. */
export async function liveOrders(
  { random, realNow, at, orders }: Pick<DemoWorld, 'random' | 'realNow' | 'at' | 'orders'>,
  {
    orderTypes,
    clients,
    workers,
    partnerIds,
    companyIds,
  }: {
    orderTypes: DemoOrderType[];
    clients: { id: number; name: string }[];
    workers: TeamMember[];
    partnerIds: number[];
    companyIds: number[];
  },
): Promise<CompletedOrder[]> {
  const start = realNow - 365 * DAY;
  const completed: CompletedOrder[] = [];
  for (let n = 0; n < ORDERS; n++) {
    const createdAt =
      start + Math.floor(((realNow - 2 * DAY - start) * n) / ORDERS) + randomInt(random, 0, 6) * 3_600_000;
    at(createdAt);
    const ot = pick(random, orderTypes);
    const client = pick(random, clients);
    const worker = pick(random, workers);
    const shares = randomInt(random, 2, 100) * 50;
    const order = await orders.create(
      worker.ctx,
      CreateOrderInput.parse({
        title: `${ot.type.name}: ${shares} shares for ${client.name}`,
        clientId: client.id,
        partnerId: random() < 0.45 ? pick(random, partnerIds) : null,
        orderTypeId: ot.type.id,
        companyId: pick(random, companyIds),
        shareCount: shares,
        sharePrice: String(randomInt(random, 50, 2000)),
        assigneeId: worker.id,
        priority: random() < 0.15 ? 'high' : 'normal',
      }),
    );
    const docs = (await orders.documents.list(order.id)).items;
    // Every stage shows up: the first orders of the list are spread over all stages by their age.
    const ageDays = (realNow - createdAt) / DAY;
    // The ten most recent orders cover every stage once, whatever the random mix gave the others.
    const target =
      n >= ORDERS - STAGE_CODES.length ? (STAGE_CODES[ORDERS - 1 - n] ?? 'received') : pickFinalStage(random, ageDays);
    const life = buildLife(random, createdAt, realNow - 3_600_000, ot.turnaroundDays, docs.length, target);
    const moves: { t: number; run: () => Promise<unknown> }[] = [];
    for (const step of life.steps.slice(1)) {
      moves.push({
        t: step.at,
        run: () =>
          orders.transition(worker.ctx, order.id, {
            to: step.to,
            ...(step.to === 'failed' ? { note: 'Client withdrew the request' } : {}),
          }),
      });
    }
    life.documents.forEach((history, i) => {
      const doc = docs[i];
      if (!doc) return;
      for (const h of history.slice(1)) {
        moves.push({
          t: h.at,
          run: () =>
            orders.documents.setStatus(worker.ctx, order.id, doc.id, {
              status: h.to,
              ...(h.reason ? { reason: h.reason } : {}),
            }),
        });
      }
    });
    if (random() < 0.5) {
      const taskAt = createdAt + 2 * 3_600_000;
      const isDone = life.stage === 'completed' || life.stage === 'failed' || random() < 0.3;
      moves.push({
        t: taskAt,
        run: async () => {
          const task = await orders.tasks.create(
            worker.ctx,
            CreateTaskInput.parse({
              title: pick(random, TASKS),
              orderId: order.id,
              assigneeId: worker.id,
              dueDate: new Date(taskAt + randomInt(random, 3, 20) * DAY + 19_800_000).toISOString().slice(0, 10),
            }),
          );
          if (isDone) {
            at(Math.min(taskAt + 2 * DAY, life.lastAt));
            await orders.tasks.update(worker.ctx, task.id, { isCompleted: true });
          }
        },
      });
    }
    if (random() < 0.6) {
      const manager = workers.find((w) => w.role === 'manager');
      const mention = manager && manager.id !== worker.id && random() < 0.4;
      moves.push({
        t: createdAt + Math.round((life.lastAt - createdAt) * 0.5) + 60_000,
        run: () =>
          orders.comments.create(worker.ctx, order.id, {
            body: `${pick(random, COMMENTS)}${mention ? ` @[${manager.ctx.actor.name ?? ''}](user:${manager.id})` : ''}`,
            mentions: [],
          }),
      });
    }
    moves.sort((a, b) => a.t - b.t);
    // Documents change only while the order is open: anything after a close happens just before it.
    const closeAt =
      life.stage === 'completed' || life.stage === 'failed'
        ? (life.steps[life.steps.length - 1]?.at ?? realNow)
        : realNow;
    for (const move of moves) {
      at(Math.min(move.t, closeAt));
      await move.run();
    }
    if (life.stage === 'completed') {
      completed.push({ id: order.id, clientId: client.id, fee: ot.fee, closedAt: closeAt, typeName: ot.type.name });
    }
  }
  return completed;
}
