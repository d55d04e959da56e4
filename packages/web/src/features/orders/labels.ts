import type { DocumentStatus, Priority, Stage, StageCode } from '@bizdash/contracts/orders';
import { DEFAULT_STAGE_LABELS, STAGE_CODES, isTerminalStage } from '@bizdash/domain/orders/lifecycle';

/** One colour per stage, so a stage reads the same on the list, the board and the detail page. */
export const STAGE_COLORS: Record<StageCode, string> = {
  received: 'gray',
  confirmed: 'blue',
  in_progress: 'indigo',
  documents_pending: 'yellow',
  documents_received: 'cyan',
  documents_submitted: 'violet',
  documents_approved: 'teal',
  documents_rejected: 'orange',
  completed: 'green',
  failed: 'red',
};

/** Stages with the business's labels where known (settings), else the defaults. */
export function stagesWithLabels(labels?: Partial<Record<StageCode, string>>): Stage[] {
  return STAGE_CODES.map((code) => ({
    code,
    label: labels?.[code] ?? DEFAULT_STAGE_LABELS[code],
    isTerminal: isTerminalStage(code),
  }));
}

export const PRIORITY_LABELS: Record<Priority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};
export const PRIORITY_COLORS: Record<Priority, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};
export const PRIORITY_OPTIONS = (Object.keys(PRIORITY_LABELS) as Priority[]).map((value) => ({
  value,
  label: PRIORITY_LABELS[value],
}));

export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  pending: 'Pending',
  received: 'Received',
  submitted: 'Submitted',
  rejected: 'Rejected',
  accepted: 'Accepted',
};
export const DOCUMENT_STATUS_COLORS: Record<DocumentStatus, string> = {
  pending: 'gray',
  received: 'blue',
  submitted: 'violet',
  rejected: 'red',
  accepted: 'green',
};

/** The button that moves a document into a status. */
export const DOCUMENT_ACTION_LABELS: Record<DocumentStatus, string> = {
  pending: 'Back to pending',
  received: 'Mark received',
  submitted: 'Mark submitted',
  rejected: 'Reject…',
  accepted: 'Accept',
};

/** Timeline colours by the kind's entity ("document.status_changed" → document). */
export function eventColor(kind: string): string {
  if (kind === 'order.stage_changed') return 'indigo';
  if (kind.startsWith('order.')) return 'blue';
  if (kind === 'document.file_uploaded') return 'cyan';
  if (kind.startsWith('document.')) return 'violet';
  if (kind.startsWith('comment.')) return 'teal';
  if (kind.startsWith('task.')) return 'orange';
  return 'gray';
}
