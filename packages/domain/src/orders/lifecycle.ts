import type { DocumentStatus, StageCode } from '@bizdash/contracts/orders';
import { AppError } from '../errors';

export type { StageCode, DocumentStatus };

/** Stage codes in board order (the same list as the contract's STAGE_CODES; a type check keeps them aligned). */
export const STAGE_CODES = [
  'received',
  'confirmed',
  'in_progress',
  'documents_pending',
  'documents_received',
  'documents_submitted',
  'documents_approved',
  'documents_rejected',
  'completed',
  'failed',
] as const satisfies readonly StageCode[];

/** Labels a new business starts with; each can be renamed in settings, the codes never change. */
export const DEFAULT_STAGE_LABELS: Readonly<Record<StageCode, string>> = {
  received: 'Received',
  confirmed: 'Confirmed',
  in_progress: 'In progress',
  documents_pending: 'Documents pending',
  documents_received: 'Documents received',
  documents_submitted: 'Documents submitted',
  documents_approved: 'Documents approved',
  documents_rejected: 'Documents rejected',
  completed: 'Completed',
  failed: 'Failed',
};

export const TERMINAL_STAGES: readonly StageCode[] = ['completed', 'failed'];

export const INITIAL_STAGE: StageCode = 'received';

export function isTerminalStage(stage: StageCode): boolean {
  return TERMINAL_STAGES.includes(stage);
}

/**
 * Every move the lifecycle allows, defined once. Settings may switch moves off but never add one. Any open stage can
 * fail; only work stages lead to completed; a closed order can only be reopened into active work.
 */
export const STAGE_TRANSITIONS: Readonly<Record<StageCode, readonly StageCode[]>> = {
  received: ['confirmed', 'in_progress', 'documents_pending', 'failed'],
  confirmed: ['in_progress', 'documents_pending', 'failed'],
  in_progress: ['documents_pending', 'documents_received', 'documents_submitted', 'completed', 'failed'],
  documents_pending: ['in_progress', 'documents_received', 'failed'],
  documents_received: ['in_progress', 'documents_pending', 'documents_submitted', 'failed'],
  documents_submitted: ['documents_approved', 'documents_rejected', 'failed'],
  documents_approved: ['in_progress', 'completed', 'failed'],
  documents_rejected: ['documents_pending', 'documents_received', 'documents_submitted', 'failed'],
  // Reopening: needs orders.reopen and a reason (see assertTransition).
  completed: ['in_progress'],
  failed: ['in_progress'],
};

/** A move out of a terminal stage. */
export function isReopen(from: StageCode, to: StageCode): boolean {
  return isTerminalStage(from) && !isTerminalStage(to);
}

export interface TransitionPairValue {
  from: StageCode;
  to: StageCode;
}

/** The lifecycle's moves as pairs, in stage order: what the settings screen lists. */
export function allTransitions(): TransitionPairValue[] {
  return STAGE_CODES.flatMap((from) => STAGE_TRANSITIONS[from].map((to) => ({ from, to })));
}

/** True when the lifecycle itself defines the move (before settings). */
export function isDefinedTransition(from: StageCode, to: StageCode): boolean {
  return STAGE_TRANSITIONS[from].includes(to);
}

function pairKey(from: StageCode, to: StageCode): string {
  return `${from}>${to}`;
}

/** Moves allowed from `from` once the business's disabled moves are taken out. */
export function allowedTargets(from: StageCode, disabled: readonly TransitionPairValue[] = []): StageCode[] {
  const off = new Set(disabled.map((p) => pairKey(p.from, p.to)));
  return STAGE_TRANSITIONS[from].filter((to) => !off.has(pairKey(from, to)));
}

export interface TransitionCheck {
  from: StageCode;
  to: StageCode;
  disabled?: readonly TransitionPairValue[];
  /** Whether the actor holds orders.reopen (manager and above). */
  canReopen: boolean;
  note?: string | undefined;
}

/**
 * Throws unless the move is allowed: INVALID_TRANSITION (details.allowed lists the targets) for a move the lifecycle
 * or the settings do not allow; FORBIDDEN for a reopen without orders.reopen; REASON_REQUIRED for a reopen without a
 * note. Returns whether the move is a reopen.
 */
export function assertTransition(check: TransitionCheck): { isReopen: boolean } {
  const { from, to } = check;
  const allowed = allowedTargets(from, check.disabled);
  if (!allowed.includes(to)) {
    throw new AppError(
      'INVALID_TRANSITION',
      from === to ? `The order is already in stage ${from}` : `An order cannot move from ${from} to ${to}`,
      { field: 'to', from, to, allowed },
    );
  }
  const reopen = isReopen(from, to);
  if (reopen && !check.canReopen) {
    throw new AppError('FORBIDDEN', 'Reopening a closed order needs a manager or above', {
      action: 'orders.reopen',
    });
  }
  if (reopen && !(check.note ?? '').trim()) {
    throw new AppError('REASON_REQUIRED', 'Say why the order is reopened (note)', { field: 'note' });
  }
  return { isReopen: reopen };
}

// ---- documents

/**
 * Moves of one required document. A new file always brings a document back to received (handled by the upload, not
 * this table); these are the manual moves. Rejection needs a reason.
 */
export const DOCUMENT_TRANSITIONS: Readonly<Record<DocumentStatus, readonly DocumentStatus[]>> = {
  pending: ['received'],
  received: ['pending', 'submitted', 'accepted', 'rejected'],
  submitted: ['received', 'accepted', 'rejected'],
  rejected: ['pending', 'received', 'submitted'],
  accepted: ['received', 'submitted'],
};

export function allowedDocumentStatuses(from: DocumentStatus): DocumentStatus[] {
  return [...DOCUMENT_TRANSITIONS[from]];
}

/** Throws INVALID_TRANSITION (details.allowed) or REASON_REQUIRED for a rejection without a reason. */
export function assertDocumentTransition(from: DocumentStatus, to: DocumentStatus, reason?: string): void {
  const allowed = DOCUMENT_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    throw new AppError('INVALID_TRANSITION', `A document cannot move from ${from} to ${to}`, {
      field: 'status',
      from,
      to,
      allowed: [...allowed],
    });
  }
  if (to === 'rejected' && !(reason ?? '').trim()) {
    throw new AppError('REASON_REQUIRED', 'Say why the document was rejected (reason)', { field: 'reason' });
  }
}

export interface Completeness {
  required: number;
  received: number;
  submitted: number;
  accepted: number;
  rejected: number;
}

/** Counts of an order's live documents by how far they got; kept on the order row. */
export function completenessOf(statuses: readonly DocumentStatus[]): Completeness {
  const c: Completeness = { required: statuses.length, received: 0, submitted: 0, accepted: 0, rejected: 0 };
  for (const s of statuses) {
    if (s === 'received' || s === 'submitted' || s === 'accepted') c.received++;
    if (s === 'submitted' || s === 'accepted') c.submitted++;
    if (s === 'accepted') c.accepted++;
    if (s === 'rejected') c.rejected++;
  }
  return c;
}

export function isComplete(c: Completeness): boolean {
  return c.received === c.required;
}

export interface Suggestion {
  to: StageCode;
  reason: 'all_documents_received' | 'all_documents_accepted';
}

/**
 * The move the documents point to, if the lifecycle (after settings) allows it from the current stage: all accepted
 * → documents_approved; else all received → documents_received. Null with no documents. Never applied automatically.
 */
export function suggestTransition(
  stage: StageCode,
  c: Completeness,
  disabled: readonly TransitionPairValue[] = [],
): Suggestion | null {
  if (c.required === 0 || isTerminalStage(stage)) return null;
  const allowed = allowedTargets(stage, disabled);
  if (c.accepted === c.required && allowed.includes('documents_approved')) {
    return { to: 'documents_approved', reason: 'all_documents_accepted' };
  }
  if (c.received === c.required && allowed.includes('documents_received')) {
    return { to: 'documents_received', reason: 'all_documents_received' };
  }
  return null;
}
