import type { Generated, Selectable } from 'kysely';
import type { Bool } from '../../../platform/db/columns';

/**
 * One order. Completeness counts (docs_*) are kept on the row, updated in the same transaction as any document
 * change, so lists filter and show them without a subquery per row.
 */
export interface OrdersTable {
  id: Generated<number>;
  /** ORD/{FY}/{SEQ}; unique. */
  number: string;
  /** "2026-27" and the sequence within it: what sorting by number uses. */
  financial_year: string;
  number_seq: number;
  title: string;
  description: string | null;
  client_id: number;
  partner_id: number | null;
  order_type_id: number;
  company_id: number | null;
  share_count: number | null;
  share_price_paise: number | null;
  fees_paise: number;
  base_charges_paise: number;
  assignee_id: number | null;
  /** 1 low, 2 normal, 3 high, 4 urgent: a number so that sorting by priority is an index scan. */
  priority: number;
  /** JSON array of strings. */
  tags: string;
  due_date: string | null;
  stage_code: string;
  stage_changed_at: string;
  closed_at: string | null;
  docs_required: Generated<number>;
  docs_received: Generated<number>;
  docs_submitted: Generated<number>;
  docs_accepted: Generated<number>;
  docs_rejected: Generated<number>;
  /** docs_received = docs_required: what the complete/incomplete filter reads (indexed). */
  docs_complete: Generated<Bool>;
  /** Lower-cased number and title: what `q` matches (trigram-indexed); client names are matched via parties. */
  search_text: string;
  /** The partner's share in basis points (40.00% = 4000): copied from the partner at creation, editable. */
  share_bp: Generated<number>;
  /** Derived by the order-money recompute, in the same transaction as any change to its inputs. */
  amount_due_paise: Generated<number>;
  amount_received_paise: Generated<number>;
  expenses_paise: Generated<number>;
  payment_status: Generated<'unpaid' | 'partial' | 'paid' | 'overpaid'>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** Orders per stage, moved by create and transition in their own transactions (totals of stage-only lists). */
export interface OrderStageCountsTable {
  stage_code: string;
  total: number;
}

/** The last order sequence handed out per financial year; incremented in the creating transaction. */
export interface OrderNumberCountersTable {
  financial_year: string;
  last_seq: number;
}

export interface OrderStatusHistoryTable {
  id: Generated<number>;
  order_id: number;
  from_stage: string | null;
  to_stage: string;
  note: string | null;
  actor_id: number | null;
  actor_name: string | null;
  at: string;
}

/**
 * The per-order timeline: one row per thing that happened, written in the same transaction as the change. Other
 * modules append their own kinds (money events) with a JSON payload.
 */
export interface OrderEventsTable {
  id: Generated<number>;
  order_id: number;
  kind: string;
  actor_id: number | null;
  actor_name: string | null;
  at: string;
  /** JSON object. */
  payload: string;
}

export interface OrderDocumentsTable {
  id: Generated<number>;
  order_id: number;
  document_type_id: number;
  position: number;
  status: string;
  status_changed_at: string;
  rejection_reason: string | null;
  current_file_id: number | null;
  received_at: string | null;
  submitted_at: string | null;
  accepted_at: string | null;
  /** Set when staff remove the requirement; the row and its files stay. Re-adding revives it. */
  removed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DocumentStatusHistoryTable {
  id: Generated<number>;
  order_document_id: number;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  actor_id: number | null;
  actor_name: string | null;
  at: string;
}

/** Every uploaded version of a document's file; the document points at its current one. */
export interface OrderFilesTable {
  id: Generated<number>;
  order_id: number;
  order_document_id: number;
  version: number;
  storage_key: string;
  original_name: string;
  media_type: string;
  extension: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number | null;
  uploaded_at: string;
}

export interface TasksTable {
  id: Generated<number>;
  order_id: number | null;
  title: string;
  description: string | null;
  assignee_id: number | null;
  due_date: string | null;
  priority: number;
  completed_at: string | null;
  completed_by: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CommentsTable {
  id: Generated<number>;
  order_id: number;
  author_id: number | null;
  body: string;
  edited_at: string | null;
  deleted_at: string | null;
  deleted_by: number | null;
  created_at: string;
  updated_at: string;
}

/** Earlier bodies of a comment: each row is the body as it was before one edit. */
export interface CommentRevisionsTable {
  id: Generated<number>;
  comment_id: number;
  body: string;
  replaced_by: number | null;
  replaced_at: string;
}

export interface CommentMentionsTable {
  comment_id: number;
  user_id: number;
}

export interface CommentAttachmentsTable {
  id: Generated<number>;
  comment_id: number;
  order_id: number;
  storage_key: string;
  original_name: string;
  media_type: string;
  extension: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number | null;
  uploaded_at: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string | null;
  order_id: number | null;
  task_id: number | null;
  comment_id: number | null;
  actor_id: number | null;
  actor_name: string | null;
  /** Makes generated notifications (task due) idempotent: unique when set. */
  dedupe_key: string | null;
  read_at: string | null;
  created_at: string;
}

/** One row (id 1): the business's stage labels and switched-off moves, as JSON. */
export interface OrderStageSettingsTable {
  id: number;
  /** JSON { code: label }. */
  labels: string;
  /** JSON [{ from, to }]. */
  disabled_transitions: string;
  updated_at: string;
}

/** Tables of the orders module, joined into the one DB type in db-schema.ts. */
export interface OrdersTables {
  orders: OrdersTable;
  order_number_counters: OrderNumberCountersTable;
  order_stage_counts: OrderStageCountsTable;
  order_status_history: OrderStatusHistoryTable;
  order_events: OrderEventsTable;
  order_documents: OrderDocumentsTable;
  document_status_history: DocumentStatusHistoryTable;
  order_files: OrderFilesTable;
  tasks: TasksTable;
  comments: CommentsTable;
  comment_revisions: CommentRevisionsTable;
  comment_mentions: CommentMentionsTable;
  comment_attachments: CommentAttachmentsTable;
  notifications: NotificationsTable;
  order_stage_settings: OrderStageSettingsTable;
}

export type OrderRow = Selectable<OrdersTable>;
export type OrderDocumentRow = Selectable<OrderDocumentsTable>;
export type OrderFileRow = Selectable<OrderFilesTable>;
export type TaskRow = Selectable<TasksTable>;
export type CommentRow = Selectable<CommentsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
