import { z } from 'zod';
import { IsoDate, MoneyString, PageQuery, Timestamp, pageOf, Id, WholeNumber } from './common';
import { PaymentStatus, SharePercent } from './order-money';
import { FieldChanges, classified } from './visibility';

/**
 * Orders: the work the firm does for a client (a share transfer, a transmission, a demat request), its lifecycle,
 * required documents and their files, and the per-order timeline. Tasks, comments and notifications have their own
 * contract files (tasks.ts, comments.ts, notifications.ts).
 *
 * Wire conventions: money is a decimal string in rupees ("15000.00"); calendar dates are yyyy-mm-dd in the business
 * time zone (Asia/Kolkata); instants are ISO 8601 UTC.
 */

// ---- lifecycle

/**
 * Fixed stage codes. Logic (terminal stages, suggestions, reports) depends on these codes only; the business may
 * rename the labels (GET/PUT /api/v1/settings/order-stages). Listed in their natural order on a board.
 */
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
] as const;
export const StageCode = z.enum(STAGE_CODES);
export type StageCode = z.infer<typeof StageCode>;

/** A stage as shown: its fixed code and its (possibly renamed) label. */
export const Stage = z.object({
  code: StageCode,
  label: z.string(),
  /** completed and failed: the order is closed; moving it out again is a reopen (orders.reopen + a reason). */
  isTerminal: z.boolean(),
});
export type Stage = z.infer<typeof Stage>;

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** Status of one required document: pending → received (a file arrived) → submitted → accepted | rejected. */
export const DOCUMENT_STATUSES = ['pending', 'received', 'submitted', 'rejected', 'accepted'] as const;
export const DocumentStatus = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

/** A reference to another record, with its display name. */
export const Ref = z.object({ id: z.number().int(), name: z.string() });
export type Ref = z.infer<typeof Ref>;

/**
 * Document completeness of an order, kept on the order row (so lists need no subquery).
 * - required: live document requirements;
 * - received: those with a file in hand or further (status received, submitted or accepted);
 * - submitted: those submitted or accepted;
 * - accepted: those accepted;
 * - rejected: those currently rejected (they need a new file).
 * "Complete" means received === required.
 */
export const DocumentCompleteness = z.object({
  required: z.number().int(),
  received: z.number().int(),
  submitted: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  isComplete: z.boolean(),
});
export type DocumentCompleteness = z.infer<typeof DocumentCompleteness>;

// ---- orders

export const Order = z.object({
  id: z.number().int(),
  /** ORD/{FY}/{SEQ}, such as ORD/2026-27/00042; unique and never reused. */
  number: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  stage: Stage,
  /** When the order entered its current stage. */
  stageChangedAt: Timestamp,
  /** When the order last entered a terminal stage; null while open. */
  closedAt: Timestamp.nullable(),
  client: Ref,
  partner: Ref.nullable(),
  orderType: Ref,
  company: Ref.nullable(),
  shareCount: z.number().int().nullable(),
  /** Price per share. Null without money.read, as every money field (field visibility, issue 16). */
  sharePrice: MoneyString.nullable(),
  /** shareCount × sharePrice; null unless both are set, and without money.read. */
  orderValue: MoneyString.nullable(),
  /**
   * Fee charged on success. Null when the caller may not see money (no money.read permission, e.g. staff); the
   * value is still stored.
   */
  fees: MoneyString.nullable(),
  /** Charged if the order fails. Null for callers without money.read, as for fees. */
  baseCharges: MoneyString.nullable(),
  /**
   * What the client is billed, GST included (derived): fees, or base charges once the order has failed, plus GST at
   * the order type's rate; once the order has issued invoices, their totals less credit notes. Null without
   * money.read.
   */
  amountDue: MoneyString.nullable(),
  /** Σ receipts + other payments allocated to the order's invoices. Null without money.read. */
  amountReceived: MoneyString.nullable(),
  /** amountDue − amountReceived; negative when overpaid. Null without money.read. */
  balanceDue: MoneyString.nullable(),
  /** Derived from the receipts against the amount due: it tells money, so null without money.read. */
  paymentStatus: PaymentStatus.nullable(),
  /** The partner's share on this order ("40.00"). Null without money.read. */
  sharePercent: classified('money', z.string()).nullable(),
  /** Ids of the order's invoices and notes, drafts included, oldest first. Empty without money.read. */
  invoiceIds: z.array(z.number().int()),
  /** The same documents with their numbers (null while a draft). Empty without money.read. */
  invoices: z.array(
    z.object({
      id: z.number().int(),
      number: z.string().nullable(),
      type: z.enum(['sales', 'purchase', 'credit_note', 'debit_note']),
      status: z.enum(['draft', 'issued', 'cancelled']),
    }),
  ),
  assignee: Ref.nullable(),
  priority: Priority,
  tags: z.array(z.string()),
  dueDate: IsoDate.nullable(),
  /** Open, with a due date before today (business time zone). */
  isOverdue: z.boolean(),
  documents: DocumentCompleteness,
  createdBy: Ref.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Order = z.infer<typeof Order>;

/** A lifecycle move the caller can make now. */
export const TransitionOption = z.object({
  to: StageCode,
  label: z.string(),
  /** Leaving a terminal stage: needs orders.reopen and a reason (note). */
  isReopen: z.boolean(),
});
export type TransitionOption = z.infer<typeof TransitionOption>;

/**
 * A move the server suggests because of the documents (all received → documents_received; all accepted →
 * documents_approved). Never applied by the server: the user confirms it with POST .../transitions.
 */
export const SuggestedTransition = z.object({
  to: StageCode,
  label: z.string(),
  reason: z.enum(['all_documents_received', 'all_documents_accepted']),
  message: z.string(),
});
export type SuggestedTransition = z.infer<typeof SuggestedTransition>;

/** GET /api/v1/orders/{id}, and the answer of create, update and transition. */
export const OrderDetail = Order.extend({
  /** Moves allowed from the current stage (after the business's settings), reopen moves included. */
  allowedTransitions: z.array(TransitionOption),
  suggestedTransition: SuggestedTransition.nullable(),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

export const OrderPage = pageOf(Order);
export type OrderPage = z.infer<typeof OrderPage>;

const Title = z.string().trim().min(1, 'is required').max(200);
const Description = z.string().trim().max(5000).nullable().optional();
const Tags = z.array(z.string().trim().min(1).max(50)).max(30);
const PositiveId = z.number().int().positive();

export const CreateOrderInput = z.object({
  title: Title,
  description: Description,
  /** A party with the client role. */
  clientId: PositiveId,
  /** A party with the partner role. */
  partnerId: PositiveId.nullable().optional(),
  orderTypeId: PositiveId,
  /** The company whose shares are handled (share-service orders). */
  companyId: PositiveId.nullable().optional(),
  shareCount: z.number().int().min(0).max(1_000_000_000_000).nullable().optional(),
  sharePrice: MoneyString.nullable().optional(),
  /** Defaults to the order type's default fee. */
  fees: MoneyString.optional(),
  /** Defaults to the order type's base charge. */
  baseCharges: MoneyString.optional(),
  /** The partner's share; defaults to the partner's revenue share (0 without one). */
  sharePercent: SharePercent.optional(),
  /** An active staff user. */
  assigneeId: PositiveId.nullable().optional(),
  priority: Priority.default('normal'),
  tags: Tags.default([]),
  /** Defaults to today + the order type's turnaround days (business time zone); null when the type has none. */
  dueDate: IsoDate.nullable().optional(),
});
export type CreateOrderInput = z.infer<typeof CreateOrderInput>;

/**
 * Changes fields; null clears an optional field. The stage never changes here (use transitions). Changing the order
 * type adds the new type's required documents that the order lacks; it never removes documents. Refused
 * (INVALID_STATE) while the order is completed or failed.
 */
export const UpdateOrderInput = z
  .object({
    title: Title.optional(),
    description: Description,
    clientId: PositiveId.optional(),
    partnerId: PositiveId.nullable().optional(),
    orderTypeId: PositiveId.optional(),
    companyId: PositiveId.nullable().optional(),
    shareCount: z.number().int().min(0).max(1_000_000_000_000).nullable().optional(),
    sharePrice: MoneyString.nullable().optional(),
    fees: MoneyString.optional(),
    baseCharges: MoneyString.optional(),
    /** Without it, a change of partner copies the new partner's revenue share. */
    sharePercent: SharePercent.optional(),
    assigneeId: PositiveId.nullable().optional(),
    priority: Priority.optional(),
    tags: Tags.optional(),
    dueDate: IsoDate.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateOrderInput = z.infer<typeof UpdateOrderInput>;

export const ORDER_SORTS = ['createdAt', 'dueDate', 'number', 'priority'] as const;

const OptionalId = Id.optional();
const BoolFlag = z.enum(['true', 'false']).optional();

/** Filters shared by the list and the board. */
const OrderFilters = {
  /** Matches the number, the title or the client's name (typo-tolerant on the client name). */
  q: z.string().trim().min(1).max(100).optional(),
  clientId: OptionalId,
  partnerId: OptionalId,
  orderTypeId: OptionalId,
  companyId: OptionalId,
  /** A user id, or "me" for the caller. */
  assigneeId: z.union([z.literal('me'), Id]).optional(),
  priority: Priority.optional(),
  /** One tag, matched whole. */
  tag: z.string().trim().min(1).max(50).optional(),
  /** Which date from/to filter on: creation (business-time-zone calendar day) or due date. */
  dateField: z.enum(['created', 'due']).default('created'),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** true: open orders due before today; false: everything else. */
  overdue: BoolFlag,
  /** complete: every required document received; incomplete: at least one still missing. */
  documents: z.enum(['complete', 'incomplete']).optional(),
  /** true: only completed/failed; false: only open orders. */
  closed: BoolFlag,
  /** Derived payment status (receipts against the amount due). */
  paymentStatus: PaymentStatus.optional(),
};

export const ListOrdersQuery = PageQuery.extend({
  ...OrderFilters,
  stage: StageCode.optional(),
  sort: z.enum(ORDER_SORTS).default('createdAt'),
  /** Ties are broken by id in the same direction, so pages never overlap. */
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ListOrdersQuery = z.infer<typeof ListOrdersQuery>;

/** GET /api/v1/orders/board: every stage with its count and its first orders (newest first, or by due date). */
export const BoardQuery = z.object({
  ...OrderFilters,
  /** How many orders to return per stage. */
  perStage: WholeNumber(1, 100).default(20),
  /**
   * Closed columns (completed, failed) hold only orders closed in the last N days, counted to today in the business
   * time zone; open columns are unaffected. Absent: every closed order, as before. The web board sends 30 unless
   * the user asks to see every closed order.
   */
  closedWithinDays: WholeNumber(1, 3660).optional(),
  sort: z.enum(['createdAt', 'dueDate', 'priority']).default('createdAt'),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

export const BoardColumn = z.object({
  stage: Stage,
  total: z.number().int(),
  /** Closed orders of this stage left out by closedWithinDays (0 for open stages), for a "show all" link. */
  hiddenClosed: z.number().int(),
  items: z.array(Order),
});
export const Board = z.object({ columns: z.array(BoardColumn) });
export type Board = z.infer<typeof Board>;

// ---- transitions and the timeline

export const TransitionInput = z.object({
  to: StageCode,
  /** Free text kept in the status history; required (non-empty) when reopening a completed or failed order. */
  note: z.string().trim().max(2000).optional(),
});
export type TransitionInput = z.infer<typeof TransitionInput>;

/**
 * Kinds of timeline entries. Other modules add kinds (receipts, expenses, settlements, invoices), so clients must
 * render an unknown kind generically with `summary`.
 */
export const KNOWN_EVENT_KINDS = [
  'order.created',
  'order.updated',
  'order.stage_changed',
  'document.required',
  'document.removed',
  'document.status_changed',
  'document.file_uploaded',
  'comment.added',
  'comment.edited',
  'comment.deleted',
  'comment.attachment_added',
  'task.created',
  'task.updated',
  'task.completed',
  'task.reopened',
  'task.deleted',
] as const;

export const TimelineEntry = z.object({
  id: z.number().int(),
  /** One of KNOWN_EVENT_KINDS or a kind added later; dotted, entity first. */
  kind: z.string(),
  at: Timestamp,
  /** Who did it, with the name they had at the time; null for the system. */
  actor: z.object({ id: z.number().int().nullable(), name: z.string() }).nullable(),
  /** One line for people, such as "Stage changed from Received to Confirmed". */
  summary: z.string(),
  /**
   * The facts of the event. By kind: order.stage_changed {from, to, fromLabel, toLabel, note, isReopen};
   * order.updated {changes: {field: {before, after}}}; document.* {documentId, documentType, from?, to?, reason?,
   * fileId?, version?, fileName?}; comment.* {commentId}; task.* {taskId, title}.
   */
  payload: z.looseObject({ changes: FieldChanges.optional() }),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TimelineQuery = PageQuery.extend({
  /** Oldest first by default (a chronological feed). */
  order: z.enum(['asc', 'desc']).default('asc'),
  /** Only entries of these kinds' prefix, such as "document" or "order.stage_changed". */
  kind: z.string().trim().max(60).optional(),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

export const TimelinePage = pageOf(TimelineEntry);
export type TimelinePage = z.infer<typeof TimelinePage>;

// ---- documents and files

export const ALLOWED_UPLOAD_TYPES = ['pdf', 'jpg', 'png', 'webp', 'docx', 'xlsx'] as const;

/** One stored version of a document's file. */
export const OrderFile = z.object({
  id: z.number().int(),
  /** 1, 2, 3…; the highest is the current file. */
  version: z.number().int(),
  isCurrent: z.boolean(),
  /** The name the file had on the uploader's machine (for display only; storage uses its own safe name). */
  originalName: z.string(),
  /** Detected from the bytes, not from the name or the browser. */
  mediaType: z.string(),
  extension: z.enum(ALLOWED_UPLOAD_TYPES),
  sizeBytes: z.number().int(),
  /** Hex SHA-256 of the bytes. */
  sha256: z.string(),
  uploadedAt: Timestamp,
  uploadedBy: Ref.nullable(),
  /** GET this for the file as an attachment. */
  downloadUrl: z.string(),
  /** GET this to show the file inline (PDF and images); null for other types. */
  previewUrl: z.string().nullable(),
});
export type OrderFile = z.infer<typeof OrderFile>;

export const OrderDocument = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  documentType: Ref,
  /** Order in which the documents are asked for. */
  position: z.number().int(),
  status: DocumentStatus,
  statusChangedAt: Timestamp,
  /** Why it was last rejected; null unless the status is rejected. */
  rejectionReason: z.string().nullable(),
  receivedAt: Timestamp.nullable(),
  submittedAt: Timestamp.nullable(),
  acceptedAt: Timestamp.nullable(),
  currentFile: OrderFile.nullable(),
  /** Every version, newest first. */
  files: z.array(OrderFile),
  /** Statuses this document can move to now. */
  allowedStatuses: z.array(DocumentStatus),
  createdAt: Timestamp,
});
export type OrderDocument = z.infer<typeof OrderDocument>;

export const OrderDocumentList = z.object({
  items: z.array(OrderDocument),
  completeness: DocumentCompleteness,
  /** The upload limit in bytes (BIZDASH_UPLOAD_MAX_MB), for the form to warn early. */
  maxUploadBytes: z.number().int(),
});
export type OrderDocumentList = z.infer<typeof OrderDocumentList>;

export const DocumentStatusHistoryEntry = z.object({
  id: z.number().int(),
  from: DocumentStatus.nullable(),
  to: DocumentStatus,
  reason: z.string().nullable(),
  actor: z.object({ id: z.number().int().nullable(), name: z.string() }).nullable(),
  at: Timestamp,
});
export type DocumentStatusHistoryEntry = z.infer<typeof DocumentStatusHistoryEntry>;

/** GET /api/v1/orders/{id}/documents/{docId}: one document with its status history (oldest first). */
export const OrderDocumentDetail = OrderDocument.extend({ history: z.array(DocumentStatusHistoryEntry) });
export type OrderDocumentDetail = z.infer<typeof OrderDocumentDetail>;

/** Adds requirements (POST /api/v1/orders/{id}/documents). Types already required are refused (DUPLICATE). */
export const AddDocumentsInput = z.object({
  documentTypeIds: z.array(PositiveId).min(1).max(50),
});
export type AddDocumentsInput = z.infer<typeof AddDocumentsInput>;

export const OrderDocumentParams = z.object({
  id: Id,
  docId: Id,
});
export const OrderFileParams = OrderDocumentParams.extend({ fileId: Id });

/** Sets a document's status; a reason is required for rejected. Moves not in allowedStatuses answer 409. */
export const SetDocumentStatusInput = z.object({
  status: DocumentStatus,
  reason: z.string().trim().max(2000).optional(),
});
export type SetDocumentStatusInput = z.infer<typeof SetDocumentStatusInput>;

/** `?inline=1` asks for Content-Disposition inline (PDF and images only; other types still download). */
export const DownloadQuery = z.object({ inline: z.enum(['0', '1', 'true', 'false']).optional() });
export type DownloadQuery = z.infer<typeof DownloadQuery>;

// ---- people who can be assigned or mentioned

/**
 * GET /api/v1/orders/assignees: active staff users (owner, admin, manager, staff, accountant) by name, for assignee
 * pickers and @mention suggestions. Readable by anyone with orders.read (the users list itself is managers-only).
 */
export const AssigneeList = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string(), role: z.string() })),
});
export type AssigneeList = z.infer<typeof AssigneeList>;

export const AssigneeQuery = z.object({
  /** Name prefix or part, case-insensitive. */
  q: z.string().trim().max(100).optional(),
  limit: WholeNumber(1, 200).default(100),
});
export type AssigneeQuery = z.infer<typeof AssigneeQuery>;

// ---- stage settings (GET/PUT /api/v1/settings/order-stages)

export const TransitionPair = z.object({ from: StageCode, to: StageCode });
export type TransitionPair = z.infer<typeof TransitionPair>;

export const OrderStageSettings = z.object({
  /** Every stage in board order, with the business's label (or the default one). */
  stages: z.array(Stage.extend({ defaultLabel: z.string() })),
  /** Every move the lifecycle defines, and whether the business has switched it off. */
  transitions: z.array(TransitionPair.extend({ isReopen: z.boolean(), isEnabled: z.boolean() })),
  updatedAt: Timestamp.nullable(),
});
export type OrderStageSettings = z.infer<typeof OrderStageSettings>;

/**
 * Replaces the stage settings. labels: code → new label (omit a code, or send an empty string, for the default).
 * disabledTransitions: moves from the lifecycle to switch off; a pair the lifecycle does not define is refused.
 */
export const UpdateOrderStageSettingsInput = z.object({
  labels: z.partialRecord(StageCode, z.string().trim().max(60)).default({}),
  disabledTransitions: z.array(TransitionPair).max(100).default([]),
});
export type UpdateOrderStageSettingsInput = z.infer<typeof UpdateOrderStageSettingsInput>;
