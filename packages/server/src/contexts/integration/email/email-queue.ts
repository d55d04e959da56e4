import type { PartyStatement, PeriodQuery } from '@bizdash/contracts/accounts';
import type { Clock } from '../../../platform/clock';
import type { Executor } from '../../../platform/db/database';
import type { JobQueue } from '../../../platform/jobs/queue-types';
import { insertLog } from './email.repo';
import type { EmailKind } from './email.tables';

export const EMAIL_SEND_JOB = 'email.send';

export interface StatementAttachments {
  statement(partyId: number, period: PeriodQuery): Promise<PartyStatement>;
  pdf(partyId: number, period: { from: string; to: string }): Promise<{ filename: string; content: Buffer }>;
}

/** What `email_log.attachment` may name. */
export interface PartyStatementAttachment {
  type: 'party_statement';
  partyId: number;
  from: string;
  to: string;
}

export function parseAttachment(json: string | null): PartyStatementAttachment | null {
  if (!json) return null;
  const value: unknown = JSON.parse(json);
  if (
    value &&
    typeof value === 'object' &&
    'type' in value &&
    value.type === 'party_statement' &&
    'partyId' in value &&
    typeof value.partyId === 'number' &&
    'from' in value &&
    typeof value.from === 'string' &&
    'to' in value &&
    typeof value.to === 'string'
  ) {
    return { type: 'party_statement', partyId: value.partyId, from: value.from, to: value.to };
  }
  throw new Error(`Unknown attachment ${json.slice(0, 100)}`);
}

/** The first address of a party's `emails` JSON list, or null. */
export function firstEmail(emailsJson: string): string | null {
  try {
    const list: unknown = JSON.parse(emailsJson);
    return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : null;
  } catch {
    return null;
  }
}

export interface QueueMessage {
  kind: EmailKind;
  to: string;
  subject: string;
  body: string;
  entity?: string;
  entityId?: string | number;
  invoiceId?: number;
  attachment?: PartyStatementAttachment;
  dedupeKey?: string;
  createdBy?: number | null;
}

export type QueueMessageFn = (executor: Executor, message: QueueMessage) => Promise<number | null>;

/**
 * Writes a message's log row and its `email.send` job with the caller's executor, so both commit with the request;
 * the function answers null when `dedupeKey` was already used (sent before).
 */
export function makeQueueMessage({ clock, queue }: { clock: Clock; queue: JobQueue }): QueueMessageFn {
  return async function queueMessage(executor, message) {
    const id = await insertLog(executor, {
      kind: message.kind,
      to_address: message.to,
      subject: message.subject.replace(/[\r\n]+/g, ' '),
      body: message.body,
      entity: message.entity ?? null,
      entity_id: message.entityId === undefined ? null : String(message.entityId),
      invoice_id: message.invoiceId ?? null,
      attachment: message.attachment ? JSON.stringify(message.attachment) : null,
      status: 'queued',
      error: null,
      dedupe_key: message.dedupeKey ?? null,
      message_id: null,
      created_by: message.createdBy ?? null,
      created_at: clock.now().toISOString(),
      sent_at: null,
    });
    if (id === null) return null;
    await queue.enqueue(executor, {
      type: EMAIL_SEND_JOB,
      payload: { logId: id },
      idempotencyKey: `email:${id}`,
      maxAttempts: 6,
    });
    return id;
  };
}
