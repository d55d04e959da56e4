import type { StageCode } from '@bizdash/contracts/orders';
import { STAGE_CODES } from '@bizdash/domain/orders/lifecycle';
import type { StageConfig } from './order-stages';

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function stageLabel(config: StageConfig, code: unknown): string {
  return (STAGE_CODES as readonly unknown[]).includes(code) ? config.labels[code as StageCode] : text(code);
}

/** A stored code as words: bank_transfer → bank transfer, upi → UPI. */
function label(value: unknown): string {
  const code = text(value);
  return code === 'upi' ? 'UPI' : code.replace(/_/g, ' ');
}

function fieldList(value: unknown): string {
  return Array.isArray(value) ? value.map(text).join(', ') : '';
}

/**
 * One line for people per timeline entry, in the current stage labels. Kinds this module does not know (added by
 * other modules) fall back to their payload's `summary` or the kind itself.
 */
export function describeEvent(kind: string, p: Record<string, unknown>, config: StageConfig): string {
  switch (kind) {
    case 'order.created':
      return `Order ${text(p.number)} created`;
    case 'order.updated': {
      const fields = Object.keys((p.changes as Record<string, unknown> | undefined) ?? {});
      return `Order details changed: ${fields.join(', ')}`;
    }
    case 'order.stage_changed': {
      const move = `${stageLabel(config, p.from)} to ${stageLabel(config, p.to)}`;
      const prefix = p.isReopen === true ? 'Reopened from' : 'Stage changed from';
      return p.note ? `${prefix} ${move}: ${text(p.note)}` : `${prefix} ${move}`;
    }
    case 'document.required':
      return `${text(p.documentType)} required`;
    case 'document.removed':
      return `${text(p.documentType)} no longer required`;
    case 'document.status_changed': {
      const base = `${text(p.documentType)}: ${text(p.from)} → ${text(p.to)}`;
      return p.reason ? `${base} (${text(p.reason)})` : base;
    }
    case 'document.file_uploaded':
      return `${text(p.documentType)}: version ${text(p.version)} uploaded (${text(p.fileName)})`;
    case 'comment.added':
      return `Comment: ${text(p.excerpt)}`;
    case 'comment.edited':
      return 'Comment edited';
    case 'comment.deleted':
      return 'Comment deleted';
    case 'comment.attachment_added':
      return `Attachment added to a comment (${text(p.fileName)})`;
    case 'task.created':
      return `Task created: ${text(p.title)}`;
    case 'task.updated':
      return `Task changed: ${text(p.title)}`;
    case 'task.completed':
      return `Task done: ${text(p.title)}`;
    case 'task.reopened':
      return `Task reopened: ${text(p.title)}`;
    case 'task.deleted':
      return `Task deleted: ${text(p.title)}`;
    // Money entries never carry amounts: the timeline is shown to staff, who may not see money.
    case 'receipt.created':
      return `Receipt recorded (${label(p.mode)})`;
    case 'receipt.updated':
      return `Receipt changed: ${fieldList(p.fields)}`;
    case 'receipt.deleted':
      return `Receipt deleted (${label(p.mode)})`;
    case 'receipt.applied':
      return `Receipt applied to invoice ${text(p.invoiceNumber)}`;
    case 'receipt.attachment_added':
      return `Attachment added to a receipt (${text(p.fileName)})`;
    case 'receipt.attachment_removed':
      return 'Attachment removed from a receipt';
    case 'expense.created':
      return `Expense recorded (${label(p.category)})`;
    case 'expense.updated':
      return `Expense changed: ${fieldList(p.fields)}`;
    case 'expense.deleted':
      return `Expense deleted (${label(p.category)})`;
    case 'expense.attachment_added':
      return `Attachment added to an expense (${text(p.fileName)})`;
    case 'expense.attachment_removed':
      return 'Attachment removed from an expense';
    case 'settlement.approved':
      return p.kind === 'adjustment' ? 'Settlement adjustment approved' : 'Settlement approved';
    case 'order.share_changed':
      return "Partner's share changed";
    default:
      return text(p.summary) || kind;
  }
}
