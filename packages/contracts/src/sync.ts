import { z } from 'zod';
import { PageQuery, Timestamp, pageOf, Id } from './common';

/**
 * Ledger sync targets (issue 8): webhooks, Google Sheets and an XLSX workbook. Secrets (webhook secret, service
 * account private key) are write-only: they are accepted on create/update, stored encrypted, and never echoed back;
 * a view says only whether one is set. On update, leaving a secret out keeps the stored one.
 */

export const SyncTargetKind = z.enum(['webhook', 'google_sheets', 'xlsx']);
export type SyncTargetKind = z.infer<typeof SyncTargetKind>;

/** Same list as the server's EVENT_TYPES (platform/jobs/events.ts). */
export const SyncEventType = z.enum([
  'order.created',
  'order.stage_changed',
  'document.status_changed',
  'receipt.recorded',
  'settlement.approved',
  'payout.recorded',
  'invoice.issued',
  'invoice.cancelled',
  'payment.recorded',
  'party.created',
  'party.updated',
]);
export type SyncEventType = z.infer<typeof SyncEventType>;

const HttpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

// ---- Webhook ----
export const WebhookConfig = z.object({
  url: HttpUrl,
  /** Signs each delivery (X-BizDash-Signature). At least 16 characters. */
  secret: z.string().min(16, 'must be at least 16 characters').max(200),
});
/** What the server works with after decrypting. */
export type WebhookConfig = z.infer<typeof WebhookConfig>;
export const WebhookConfigUpdate = WebhookConfig.partial();
export const WebhookConfigView = z.object({ url: z.string(), hasSecret: z.boolean() });

// ---- Google Sheets ----
export const DEFAULT_GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const DEFAULT_SHEETS_API_BASE_URL = 'https://sheets.googleapis.com';

export const GoogleSheetsConfig = z.object({
  spreadsheetId: z.string().trim().min(10).max(200),
  serviceAccountEmail: z.email(),
  /** PEM of the service account key (write-only). */
  privateKey: z
    .string()
    .trim()
    .regex(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'must be a PEM private key'),
  tokenUrl: HttpUrl.default(DEFAULT_GOOGLE_TOKEN_URL),
  apiBaseUrl: HttpUrl.default(DEFAULT_SHEETS_API_BASE_URL),
});
export type GoogleSheetsConfig = z.infer<typeof GoogleSheetsConfig>;
export const GoogleSheetsConfigUpdate = z.object({
  spreadsheetId: GoogleSheetsConfig.shape.spreadsheetId.optional(),
  serviceAccountEmail: GoogleSheetsConfig.shape.serviceAccountEmail.optional(),
  privateKey: GoogleSheetsConfig.shape.privateKey.optional(),
  tokenUrl: HttpUrl.optional(),
  apiBaseUrl: HttpUrl.optional(),
});
export const GoogleSheetsConfigView = z.object({
  spreadsheetId: z.string(),
  serviceAccountEmail: z.string(),
  tokenUrl: z.string(),
  apiBaseUrl: z.string(),
  hasPrivateKey: z.boolean(),
});

// ---- XLSX ledger ----
export const XlsxConfig = z.object({
  /** A plain file name in the data directory. */
  fileName: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}\.xlsx$/, 'must be a plain file name ending in .xlsx')
    .default('ledger.xlsx'),
});
export type XlsxConfig = z.infer<typeof XlsxConfig>;
export const XlsxConfigUpdate = z.object({ fileName: XlsxConfig.shape.fileName.unwrap().optional() });
export const XlsxConfigView = z.object({ fileName: z.string() });

// ---- Targets ----
const targetCommon = {
  name: z.string().trim().min(1).max(100),
  events: z.array(SyncEventType).min(1, 'choose at least one event').max(20),
  isActive: z.boolean().default(true),
};

export const CreateSyncTargetInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), ...targetCommon, config: WebhookConfig }),
  z.object({ kind: z.literal('google_sheets'), ...targetCommon, config: GoogleSheetsConfig }),
  z.object({ kind: z.literal('xlsx'), ...targetCommon, config: XlsxConfig.default({ fileName: 'ledger.xlsx' }) }),
]);
export type CreateSyncTargetInput = z.infer<typeof CreateSyncTargetInput>;

/** PATCH: the kind never changes; config fields left out keep their stored values (secrets included). */
export const UpdateSyncTargetInput = z.object({
  name: targetCommon.name.optional(),
  events: targetCommon.events.optional(),
  isActive: z.boolean().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateSyncTargetInput = z.infer<typeof UpdateSyncTargetInput>;

export const SyncTarget = z.object({
  id: z.number().int(),
  kind: SyncTargetKind,
  name: z.string(),
  events: z.array(SyncEventType),
  isActive: z.boolean(),
  /** Secrets replaced by has* flags. */
  config: z.union([WebhookConfigView, GoogleSheetsConfigView, XlsxConfigView]),
  counts: z.object({ pending: z.number().int(), synced: z.number().int(), failed: z.number().int() }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SyncTarget = z.infer<typeof SyncTarget>;
export const SyncTargetList = z.object({ items: z.array(SyncTarget) });

// ---- Sync log ----
export const SyncRecordState = z.enum(['pending', 'synced', 'failed', 'cancelled']);
export type SyncRecordState = z.infer<typeof SyncRecordState>;

export const SyncRecord = z.object({
  id: z.number().int(),
  targetId: z.number().int(),
  entity: z.string(),
  entityId: z.string(),
  state: SyncRecordState,
  rowRef: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  lastEventId: z.number().int().nullable(),
  lastEventType: z.string().nullable(),
  updatedAt: Timestamp,
});
export type SyncRecord = z.infer<typeof SyncRecord>;
export const SyncRecordQuery = PageQuery.extend({ state: SyncRecordState.optional() });
export const SyncRecordPage = pageOf(SyncRecord);

// ---- Webhook deliveries ----
export const WebhookDelivery = z.object({
  id: z.number().int(),
  targetId: z.number().int(),
  eventId: z.number().int(),
  eventType: z.string(),
  attempt: z.number().int(),
  /** HTTP status, null when the request never got an answer. */
  status: z.number().int().nullable(),
  ok: z.boolean(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  replay: z.boolean(),
  createdAt: Timestamp,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryPage = pageOf(WebhookDelivery);
export const TargetIdParams = z.object({ id: Id });
export const DeliveryParams = z.object({
  id: Id,
  deliveryId: Id,
});
